"""Reads for the referral pages: the referrals an account may answer, those it sent,
the data a referral shares, and the timeline a person's followers share."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.selectors import followed_beneficiaries, visible_beneficiaries
from events.models import Attendance
from lieu_ressource.roles import is_staff_member
from partners.models import Organisation

from .models import Following, Referral, SharedField


def organisation_of(user):
    """The partner organisation an account belongs to (None for the team)."""
    contact = getattr(user, "partner_contact", None) if user.is_authenticated else None
    return contact.organisation if contact else None


def received_referrals(user):
    """The referrals this account may read and answer: every one for the team, those
    addressed to their organisation for a partner referent, none otherwise."""
    referrals = Referral.objects.select_related(
        "beneficiary", "receiving_organisation", "sending_organisation", "receiving_referent"
    ).order_by("-sent_at", "-pk")
    if is_staff_member(user):
        return referrals
    if not user.has_perm("beneficiaries.view_beneficiary"):
        return referrals.none()
    organisation = organisation_of(user)
    if organisation is None:
        return referrals.none()
    return referrals.filter(receiving_organisation=organisation)


# What a row of the sent list shows, and nothing more: not the person's name or
# contact details, not the receiver's free-text refusal comment (the receiver types it
# for the centre, not for the sending partner), not the receiving referent.
SENT_ROW_FIELDS = (
    "pk",
    "state",
    "sent_at",
    "expires_at",
    "answered_at",
    "refusal_reason",
    "result",
    "result_date",
    "beneficiary",
    "beneficiary__reference",
    "receiving_organisation",
    "receiving_organisation__name",
)


def sent_referrals(user):
    """The referrals the account's organisation sent, newest first: for a partner
    referent those with their organisation as sender, for the team those the centre
    sent (no sending organisation), none otherwise. Each row carries
    `person_followed`: whether the account still reads the person's shared timeline
    (a partner that stopped following them does not)."""
    referrals = (
        Referral.objects.select_related("beneficiary", "receiving_organisation")
        .only(*SENT_ROW_FIELDS)
        .order_by("-sent_at", "-pk")
    )
    if is_staff_member(user):
        return referrals.filter(sending_organisation__isnull=True).annotate(
            person_followed=Value(True)
        )
    if not user.has_perm("beneficiaries.view_beneficiary"):
        return referrals.none()
    organisation = organisation_of(user)
    if organisation is None:
        return referrals.none()
    followed = followed_beneficiaries(user).filter(pk=OuterRef("beneficiary_id"))
    return referrals.filter(sending_organisation=organisation).annotate(
        person_followed=Exists(followed)
    )


def search_received(referrals, query, limit=50):
    """Referrals among `referrals` whose person's reference matches `query`, or their
    name where the person agreed to share it: a name not shared is never searched."""
    query = query.strip()
    if not query:
        return list(referrals[:limit])
    matching = referrals.filter(
        Q(beneficiary__reference__icontains=query)
        | Q(beneficiary__first_name__icontains=query)
        | Q(beneficiary__last_name__icontains=query)
    )
    found = []
    for referral in matching[: limit * 4]:
        person = referral.beneficiary
        by_reference = query.lower() in person.reference.lower()
        by_name = referral.shares(SharedField.NAME) and (
            query.lower() in person.first_name.lower() or query.lower() in person.last_name.lower()
        )
        if by_reference or by_name:
            found.append(referral)
        if len(found) == limit:
            break
    return found


def _situation(person):
    # The situation at entry is a list of facts (RSA, long-term unemployed, …); a
    # disability is special-category data and never among them.
    if hasattr(person, "situations"):
        return ", ".join(str(label) for label in person.situations)
    return person.get_situation_display()


def shared_data(referral):
    """(label, value) of what the person agreed to share, in the order of the list;
    nothing else of the person leaves the centre."""
    person = referral.beneficiary
    values = {
        SharedField.NAME: f"{person.first_name} {person.last_name}",
        SharedField.EMAIL: person.email,
        SharedField.PHONE: person.phone,
        SharedField.BIRTH_YEAR: person.birth_year or "",
        SharedField.RESIDENCE: ", ".join(
            filter(None, [person.commune, person.get_country_display()])
        ),
        SharedField.SITUATION: _situation(person),
        SharedField.EDUCATION: person.get_education_display(),
        SharedField.GERMAN_LEVEL: person.get_german_level_display(),
    }
    return [
        (SharedField(field).label, values[SharedField(field)])
        for field in SharedField.values
        if referral.shares(field)
    ]


@dataclass
class Step:
    """One line of a shared timeline."""

    date: object
    kind: str  # "attendance", "note", "referral", "outcome", "following"
    title: str
    detail: str
    organisation: str


def sees_record(user, person):
    """Whether the account sees the person's whole record (the team, the referring
    organisation), not only what they agreed to share with a follower."""
    return visible_beneficiaries(user).filter(pk=person.pk).exists()


def _accepted_referral(user, person):
    """The latest referral of `person` the account's organisation accepted, if any."""
    organisation = organisation_of(user)
    if organisation is None:
        return None
    return (
        Referral.objects.filter(
            beneficiary=person, receiving_organisation=organisation, state=Referral.State.ACCEPTED
        )
        .select_related("beneficiary")
        .order_by("-sent_at")
        .first()
    )


def shared_with(user, person):
    """What the person agreed to share with the account's organisation: the shared
    data of its latest accepted referral (empty without one)."""
    referral = _accepted_referral(user, person)
    return shared_data(referral) if referral else []


def shareable_fields(user, person):
    """The data the account may pass on when it refers `person` onwards: any for the
    team and the referring organisation, which hold the record; for an organisation
    that only follows the person, no more than the person shared with it."""
    if sees_record(user, person):
        return list(SharedField.values)
    referral = _accepted_referral(user, person)
    return [field for field in SharedField.values if referral and referral.shares(field)]


def receiving_organisations(user):
    """The organisations the account may refer a person to, by name: those still
    active, neither the account's own nor an employer (a referral goes to a service
    that supports the person, not to a company)."""
    today = timezone.localdate()
    organisations = Organisation.objects.filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today)
    ).exclude(role=Organisation.Role.EMPLOYER)
    own = organisation_of(user)
    if own is not None and not is_staff_member(user):
        organisations = organisations.exclude(pk=own.pk)
    return organisations.order_by("name")


def followers(person):
    """The organisations following the person now, with their referents."""
    return list(
        Following.objects.filter(beneficiary=person, end_date__isnull=True)
        .select_related("organisation", "referent")
        .order_by("start_date", "pk")
    )


def shared_timeline(user, person):
    """The steps of a person's pathway that every organisation following them sees:
    events attended, contact notes (those another organisation marked private left
    out), referrals, outcomes and followings, latest first. Five queries whatever
    the number of steps."""
    from beneficiaries.selectors import visible_contact_notes

    if not followed_beneficiaries(user).filter(pk=person.pk).exists():
        return []
    steps = []
    for attendance in (
        Attendance.objects.filter(beneficiary=person, present=True)
        .select_related("event")
        .order_by("-event__start")
    ):
        steps.append(
            Step(
                timezone.localtime(attendance.event.start).date(),
                "attendance",
                _("Event attended"),
                attendance.event.title,
                "",
            )
        )
    for note in (
        visible_contact_notes(user)
        .filter(beneficiary=person)
        .select_related("organisation")
        .order_by("-date", "-pk")
    ):
        steps.append(
            Step(
                note.date,
                "note",
                _("Contact: %(channel)s") % {"channel": note.get_channel_display()},
                note.text,
                note.organisation.name if note.organisation_id else _("The centre"),
            )
        )
    for referral in person.referrals.select_related(
        "receiving_organisation", "sending_organisation"
    ).order_by("-sent_at"):
        detail = referral.get_state_display()
        if referral.result:
            detail += f" – {referral.get_result_display()}"
        steps.append(
            Step(
                timezone.localdate(referral.sent_at),
                "referral",
                _("Referral to %(org)s") % {"org": referral.receiving_organisation.name},
                detail,
                referral.sending_organisation.name
                if referral.sending_organisation_id
                else _("The centre"),
            )
        )
    for outcome in person.outcomes.select_related("employer").order_by("-date"):
        steps.append(
            Step(
                outcome.date,
                "outcome",
                outcome.get_kind_display(),
                outcome.employer.name if outcome.employer_id else "",
                "",
            )
        )
    for following in Following.objects.filter(beneficiary=person).select_related("organisation"):
        steps.append(
            Step(
                following.start_date,
                "following",
                _("Followed by %(org)s") % {"org": following.organisation.name},
                "",
                following.organisation.name,
            )
        )
    steps.sort(key=lambda step: step.date, reverse=True)
    return steps
