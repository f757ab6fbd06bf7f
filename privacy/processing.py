"""The record of processing activities (RGPD article 30), built from the settings
and the models so that it says what the portal really does: purposes, people and
data concerned, recipients, retention periods as configured, security measures.
The public privacy notice states the same retention periods from `retention_rules`.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from beneficiaries.models import Beneficiary, ContactNote, Outcome, Pathway
from events.models import Attendance, Registration
from indicators.models import Programme
from lieu_ressource.roles import PARTNER_REFERENT
from partners.models import Contact, Organisation

# Technical columns that say nothing about the person.
TECHNICAL = {"id", "public_id", "created_at", "updated_at", "recorded_at", "anonymised_at"}


def field_labels(*model_classes):
    """The verbose names of the fields these models store, as the admin shows them."""
    labels = []
    for model in model_classes:
        for f in model._meta.get_fields():
            if not f.concrete or f.name in TECHNICAL or isinstance(f, models.AutoField):
                continue
            label = capfirst(str(f.verbose_name))
            if label not in labels:
                labels.append(label)
    return labels


def _years(n):
    return ngettext("%(n)s year", "%(n)s years", n) % {"n": n}


def retention_rules():
    """How long each kind of personal data is kept, from the settings."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    inactive = settings.PERSONAL_DATA_INACTIVITY_YEARS
    return [
        _("Registrations and attendance: made anonymous %(period)s after the event.")
        % {"period": _years(years)},
        _("Followed people: made anonymous %(period)s after they leave their pathway.")
        % {"period": _years(years)},
        _(
            "Followed people with no exit date: made anonymous after %(period)s with no "
            "activity (event, contact, pathway or outcome); their referent is warned "
            "%(days)s days before."
        )
        % {"period": _years(inactive), "days": settings.INACTIVITY_WARNING_DAYS},
        ngettext(
            "The private link to your data works for %(n)s hour.",
            "The private link to your data works for %(n)s hours.",
            settings.PRIVACY_LINK_HOURS,
        )
        % {"n": settings.PRIVACY_LINK_HOURS},
        _(
            "Figures (counts of people, events and outcomes) are kept without names: an "
            "email becomes a keyed hash that cannot be read back."
        ),
    ]


@dataclass
class Processing:
    name: str
    purposes: list
    legal_basis: str
    people: str
    data: list
    recipients: list
    retention: list
    notes: list = field(default_factory=list)


def _funders():
    programmes = Programme.objects.order_by("start_date", "code").values_list("name", "funder")
    return ", ".join(f"{name} ({funder})" if funder else name for name, funder in programmes)


def record():
    """The processing activities of the portal, in the active language."""
    rules = retention_rules()
    referent_partners = (
        Organisation.objects.filter(contacts__user__groups__name=PARTNER_REFERENT)
        .distinct()
        .count()
    )
    funders = _funders()
    aggregates = _(
        "Funders and the comité de suivi: aggregate figures only, small counts "
        "suppressed; programmes: %(programmes)s."
    ) % {"programmes": funders or "–"}
    return [
        Processing(
            name=_("Registrations to events"),
            purposes=[
                _("Manage registrations, the waiting list and cancellations."),
                _("Send the confirmation, the reminder the day before and any change."),
                _("Count attendance for the programmes' indicators."),
            ],
            legal_basis=_("Consent, given on the registration form (date and time kept)."),
            people=_("Members of the public who register, without an account."),
            data=field_labels(Registration, Attendance),
            recipients=[_("The centre's team."), aggregates],
            retention=[rules[0], rules[3], rules[4]],
        ),
        Processing(
            name=_("Follow-up of beneficiaries"),
            purposes=[
                _("Follow people's pathways, contacts and outcomes towards employment."),
                _("Refer people to partners, with their consent."),
                _("Report the indicators the funders require."),
            ],
            legal_basis=_(
                "Consent of the person, and the public-interest task of the Maison de l’emploi."
            ),
            people=_("People followed by the centre and its partners."),
            data=field_labels(Beneficiary, Pathway, Outcome, ContactNote),
            recipients=[
                _("The centre's team."),
                ngettext(
                    "Partner referents (%(n)s organisation): only the people their "
                    "organisation refers or follows.",
                    "Partner referents (%(n)s organisations): only the people their "
                    "organisation refers or follows.",
                    referent_partners,
                )
                % {"n": referent_partners},
                _("A partner receiving a referral: only the data the person agreed to share."),
                aggregates,
            ],
            retention=[rules[1], rules[2], rules[4]],
        ),
        Processing(
            name=_("Partner contacts"),
            purposes=[_("Run the partnership: events, referrals, reports.")],
            legal_basis=_("Legitimate interest of the partnership."),
            people=_("Staff of partner organisations."),
            data=field_labels(Contact),
            recipients=[_("The centre's team.")],
            retention=[_("While the organisation is a partner.")],
        ),
    ]


def security_measures():
    """What protects the data, read from the settings in force."""
    measures = [
        _(
            "Roles: the team sees everyone; a partner referent only their organisation's people; "
            "the comité de suivi only published reports."
        ),
        _(
            "Every change to a person, a registration or an attendance is kept in a history with "
            "who made it, deleted with the person."
        ),
        _(
            "Pages that show personal data are never stored by browsers or proxies "
            "(Cache-Control: no-store, private) and never indexed."
        ),
        _(
            "Anonymisation keeps figures by a keyed hash of the email; names and contacts are "
            "blanked."
        ),
        _("Each access or erasure request is logged (who, when, what was done), without the data."),
    ]
    if settings.REQUIRE_STAFF_MFA:
        measures.append(
            _("Two-factor authentication is required of every account that sees personal data.")
        )
    if settings.SECURE_SSL_REDIRECT or settings.SECURE_HSTS_SECONDS:
        measures.append(_("HTTPS only (HSTS), secure cookies."))
    limits = getattr(settings, "RATE_LIMITS", {})
    if "registration" in limits and "privacy_link" in limits:
        measures.append(
            _(
                "Public forms limited to %(registration)s registrations and %(links)s link "
                "requests per connection every ten minutes; login attempts throttled."
            )
            % {"registration": limits["registration"][0], "links": limits["privacy_link"][0]}
        )
    return measures
