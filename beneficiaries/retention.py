"""Personal-data retention: anonymise what has expired, keep what indicators count.

Indicators count people, events and outcomes by their keys, and unique
registrants by email. Anonymisation therefore blanks names and contact details
but replaces each email with a keyed hash of it, so that the same person stays
one person across events and every figure stays the same.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from events.models import Attendance, Registration

from .models import Beneficiary, ContactNote, Outcome, Pathway

ANONYMOUS_NAME = "—"
BATCH_SIZE = 1000


def anonymous_email(email):
    """The same address always gives the same anonymous one, which reveals nothing."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), email.strip().lower().encode(), hashlib.sha256
    ).hexdigest()
    return f"anon-{digest[:20]}@anonymised.invalid"


def retention_cutoff(today=None):
    """Data older than this date (exit date, event end) has expired."""
    today = today or timezone.localdate()
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def expired_beneficiaries(today=None):
    """Followed people who left more than the retention period ago, not yet anonymised."""
    return Beneficiary.objects.filter(
        exit_date__lt=retention_cutoff(today), anonymised_at__isnull=True
    )


def _cutoff_instant(today):
    return datetime.datetime.combine(
        retention_cutoff(today), datetime.time.min, timezone.get_current_timezone()
    )


def expired_registrations(today=None):
    """Registrations to events that ended more than the retention period ago."""
    return Registration.objects.filter(event__end__lt=_cutoff_instant(today)).exclude(
        email__endswith="@anonymised.invalid"
    )


def _anonymise_registrations(registrations):
    blanked = ["first_name", "last_name", "email", "phone", "organisation_name"]
    batch = []
    for registration in registrations.only("id", "email").iterator(chunk_size=BATCH_SIZE):
        registration.first_name = registration.last_name = ANONYMOUS_NAME
        registration.email = anonymous_email(registration.email)
        registration.phone = ""
        registration.organisation_name = ""
        batch.append(registration)
        if len(batch) == BATCH_SIZE:
            Registration.objects.bulk_update(batch, blanked)
            batch = []
    Registration.objects.bulk_update(batch, blanked)


@transaction.atomic
def anonymise_beneficiaries(beneficiaries):
    """Blank the identifying fields of these people, their registrations, walk-in
    names, contact notes and change history; keep situation, neighbourhood,
    pathways and outcomes."""
    ids = list(beneficiaries.values_list("id", flat=True))
    if not ids:
        return 0
    Beneficiary.objects.filter(id__in=ids).update(
        reference=Concat(Value("ANON-"), Cast("id", CharField())),
        first_name=ANONYMOUS_NAME,
        last_name=ANONYMOUS_NAME,
        email="",
        phone="",
        commune="",
        referent=None,
        consent_scope="",
        anonymised_at=timezone.now(),
    )
    _anonymise_registrations(Registration.objects.filter(beneficiary_id__in=ids))
    Attendance.objects.filter(beneficiary_id__in=ids).update(walk_in_name="")
    ContactNote.objects.filter(beneficiary_id__in=ids).update(text="")
    # The change history holds the old names and notes: it goes too.
    ContactNote.history.filter(beneficiary_id__in=ids).delete()
    Beneficiary.history.filter(id__in=ids).delete()
    Pathway.history.filter(beneficiary_id__in=ids).delete()
    Outcome.history.filter(beneficiary_id__in=ids).delete()
    from privacy.history import purge_history

    purge_history(beneficiary_ids=ids)
    # Their referrals to partners keep their figures and lose their free text.
    from referrals.retention import anonymise_referrals

    anonymise_referrals(ids)
    return len(ids)


@transaction.atomic
def purge_expired(today=None):
    """Anonymise every person and registration past the retention period.
    Returns (beneficiaries, registrations) anonymised."""
    from privacy.inactivity import due_for_inactivity

    people = anonymise_beneficiaries(expired_beneficiaries(today))
    # No exit date, but silent for the inactivity period and their referent warned.
    people += anonymise_beneficiaries(due_for_inactivity(today or timezone.localdate()))
    registrations = expired_registrations(today)
    count = registrations.count()
    # Their change history goes first (the anonymised rows no longer match).
    Registration.history.filter(id__in=registrations.values("pk")).delete()
    _anonymise_registrations(registrations)
    Attendance.objects.filter(event__end__lt=_cutoff_instant(today)).exclude(
        walk_in_name=""
    ).update(walk_in_name="")
    return people, count
