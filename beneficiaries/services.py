"""Operations on followed people that change state or answer a data request."""

from django.forms.models import model_to_dict

from .models import SITUATION_FACTS, Beneficiary
from .retention import anonymise_beneficiaries

PERSON_FIELDS = [
    "reference",
    "first_name",
    "last_name",
    "email",
    "phone",
    "birth_year",
    "sex",
    "country",
    "commune",
    *SITUATION_FACTS,
    "disability",
    "disability_consent_at",
    "education",
    "german_level",
    "consent_at",
    "consent_scope",
    "entry_date",
    "exit_date",
]


def export_personal_data(beneficiary):
    """Everything we hold about one person (RGPD right of access), as plain data."""
    from referrals.retention import referrals_of

    registrations = beneficiary.registrations.select_related("event").order_by("created_at")
    attendances = beneficiary.attendances.select_related("event").order_by("event__start")
    return {
        "person": model_to_dict(beneficiary, fields=PERSON_FIELDS)
        | {
            "neighbourhood": str(beneficiary.neighbourhood or ""),
            "referring_organisation": str(beneficiary.referring_organisation or ""),
            "referent": beneficiary.referent.get_full_name() if beneficiary.referent else "",
        },
        "pathways": [
            model_to_dict(p, fields=["scheme", "start_date", "end_date", "status"])
            for p in beneficiary.pathways.all()
        ],
        "outcomes": [
            model_to_dict(o, fields=["kind", "date", "country", "contract", "notes"])
            | {"employer": str(o.employer or "")}
            for o in beneficiary.outcomes.select_related("employer")
        ],
        "registrations": [
            {
                "event": r.event.title,
                "start": r.event.start,
                "status": r.status,
                "email": r.email,
                "phone": r.phone,
                "organisation": r.organisation_name,
                "registered_at": r.created_at,
            }
            for r in registrations
        ],
        "attendances": [
            {"event": a.event.title, "start": a.event.start, "present": a.present}
            for a in attendances
        ],
        "referrals": referrals_of(beneficiary),
    }


def erase_on_request(beneficiary):
    """Right to erasure: anonymise the person now, whatever the retention period.
    The figures they contributed to stay, with nothing that identifies them."""
    anonymise_beneficiaries(Beneficiary.objects.filter(pk=beneficiary.pk))
