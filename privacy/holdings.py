"""Reads: what the portal holds about one email address, and its export (RGPD
right of access) as plain data, for the person themselves or for staff."""

from django.db.models import Q
from django.db.models.functions import Lower
from django.forms.models import model_to_dict
from django.utils import timezone

from beneficiaries.models import Beneficiary, ContactNote
from beneficiaries.services import export_personal_data
from events.models import Attendance, Registration

from .tokens import normalise


def registrations_of(email):
    """Every registration made with this address (any case), with its event, its
    attendance and any declined reminder, in event order."""
    return (
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=normalise(email))
        .select_related("event__venue", "attendance", "declined_reminder")
        .order_by("event__start", "pk")
    )


def followed_people_of(email):
    """Followed people recorded with this address, not yet anonymised."""
    return Beneficiary.objects.annotate(email_lower=Lower("email")).filter(
        email_lower=normalise(email), anonymised_at__isnull=True
    )


def is_known(email):
    return registrations_of(email).exists() or followed_people_of(email).exists()


def is_future_and_active(registration, now=None):
    now = now or timezone.now()
    return registration.status != Registration.Status.CANCELLED and registration.event.start > now


def _attendance_of(registration):
    try:
        return registration.attendance
    except Attendance.DoesNotExist:
        return None


def _declined_at(registration):
    try:
        return registration.declined_reminder.declined_at
    except Registration.declined_reminder.RelatedObjectDoesNotExist:
        return None


def registration_entry(registration):
    attendance = _attendance_of(registration)
    event = registration.event
    return {
        "event": event.title,
        "start": event.start,
        "end": event.end,
        "venue": str(event.venue),
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "email": registration.email,
        "phone": registration.phone,
        "language": registration.language,
        "organisation": registration.organisation_name,
        "consent_given_at": registration.consent_at,
        "registered_at": registration.created_at,
        "cancelled_at": registration.cancelled_at,
        "reminder_sent_at": registration.reminder_sent_at,
        "reminders_declined_at": _declined_at(registration),
        "attended": None if attendance is None else attendance.present,
    }


def registrant_export(email):
    """What a registrant sees and downloads about themselves: their registrations,
    the events, the consent given and whether they came."""
    return {
        "email": normalise(email),
        "exported_at": timezone.now(),
        "registrations": [registration_entry(r) for r in registrations_of(email)],
    }


def _history_rows(queryset, fields):
    return [
        {
            "date": row.history_date,
            "change": row.get_history_type_display(),
            "by": row.history_user.get_full_name() if row.history_user_id else "",
            **{name: getattr(row, name) for name in fields},
        }
        for row in queryset.select_related("history_user").order_by("history_date")
    ]


def staff_export(email):
    """Everything held about the person with this address, for staff answering a
    request: registrations and attendance (with their change history), and each
    followed person recorded with it, with contact notes and the record's history."""
    registrations = list(registrations_of(email))
    registration_ids = [r.pk for r in registrations]
    people = list(followed_people_of(email).select_related("neighbourhood", "referent"))
    person_ids = [p.pk for p in people]
    data = registrant_export(email)
    data["registration_history"] = _history_rows(
        Registration.history.filter(id__in=registration_ids), ["id", "status", "beneficiary_id"]
    )
    data["attendance_history"] = _history_rows(
        Attendance.history.filter(
            Q(registration_id__in=registration_ids) | Q(beneficiary_id__in=person_ids)
        ),
        ["id", "event_id", "present", "beneficiary_id"],
    )
    data["followed_people"] = []
    for person in people:
        entry = export_personal_data(person)
        entry["contact_notes"] = [
            model_to_dict(note, fields=["date", "channel", "text"])
            | {"author": note.author.get_full_name() if note.author_id else ""}
            for note in ContactNote.objects.filter(beneficiary=person)
            .select_related("author")
            .order_by("date", "pk")
        ]
        entry["history"] = _history_rows(
            person.history.all(), ["reference", "first_name", "last_name", "email", "exit_date"]
        )
        data["followed_people"].append(entry)
    return data
