"""Demo accounts: a superuser, staff referents, a comité de suivi member and a
partner referent, all with the public demo password."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from lieu_ressource import roles
from partners.models import Contact, Organisation

DEMO_PASSWORD = "lieu-ressource-demo"
ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.org"


@dataclass(frozen=True)
class DemoAccount:
    role: str  # "superuser", "staff", "committee" or "partner_referent"
    email: str
    username: str
    created: bool


def create_accounts(demo, size, reference):
    """The demo superuser, staff referents, a comité de suivi member and a partner
    referent, all with the demo password. Accounts already there are left alone."""
    User = get_user_model()
    rng = demo.rng("accounts")
    wanted = [("superuser", ADMIN_USERNAME, ADMIN_EMAIL, "Admin", "Démo")]
    for _ in range(size.referents):
        person = demo.people.make(rng, language="fr", domain="example.org")
        wanted.append(
            ("staff", person.email.split("@")[0], person.email, person.first_name, person.last_name)
        )
    wanted.append(("committee", "comite", "comite@example.org", "Claire", "Comité"))
    wanted.append(
        (
            "partner_referent",
            "referent.partenaire",
            "referent.partenaire@example.org",
            "Paul",
            "Partenaire",
        )
    )
    groups = {
        "superuser": roles.STAFF,
        "staff": roles.STAFF,
        "committee": roles.COMMITTEE,
        "partner_referent": roles.PARTNER_REFERENT,
    }
    group_by_name = {g.name: g for g in Group.objects.filter(name__in=groups.values())}
    existing = {u.username: u for u in User.objects.filter(username__in=[w[1] for w in wanted])}
    # One hash for all: the demo password is public anyway, and hashing is slow on purpose.
    password = make_password(DEMO_PASSWORD)

    accounts, referent_ids = [], []
    for role, username, email, first_name, last_name in wanted:
        user = existing.get(username)
        if user is None:
            user = User.objects.create(
                username=username,
                email=email,
                first_name=first_name,
                last_name=last_name,
                password=password,
                is_staff=role in ("superuser", "staff"),
                is_superuser=role == "superuser",
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            if groups[role] in group_by_name:
                user.groups.add(group_by_name[groups[role]])
            if role == "partner_referent":
                Contact.objects.create(
                    organisation=_referring_partner(reference),
                    first_name=first_name,
                    last_name=last_name,
                    job_title="Conseiller référent",
                    email=email,
                    user=user,
                )
        accounts.append(DemoAccount(role, user.email, user.username, username not in existing))
        if role == "staff":
            referent_ids.append(user.pk)
    return accounts, referent_ids


def _referring_partner(reference):
    kinds = (Organisation.Kind.MISSION_LOCALE, Organisation.Kind.EMPLOYMENT_SERVICE)
    return next((p for p in reference.partners if p.kind in kinds), reference.partners[0])
