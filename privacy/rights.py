"""Operations that answer a person's rights: cancel their coming registrations,
withdraw their consent to reminders, erase their data. Each logs what it did in
RightsRequest (counts only, the person as a keyed hash).

Erasure anonymises as the retention purge does (beneficiaries/retention.py): names
and contacts blanked, the email replaced by its keyed hash, so every indicator keeps
its figures; places held at coming events are freed first through the cancellation
service, which promotes the first person waiting.
"""

from django.db import transaction
from django.utils import timezone

from beneficiaries.models import Beneficiary
from beneficiaries.retention import _anonymise_registrations, anonymise_beneficiaries
from events import services as event_services
from events.models import Attendance, Registration

from .history import purge_history
from .holdings import followed_people_of, is_future_and_active, registrations_of
from .models import DeclinedReminder, RightsRequest
from .tokens import forget_links_of, subject_of


def log_request(email, action, *, channel, requested_by=None, **summary):
    return RightsRequest.objects.create(
        subject=subject_of(email),
        action=action,
        channel=channel,
        requested_by=requested_by,
        summary=summary,
    )


def _cancel_coming(email, *, notify, people=None):
    """Cancel every coming registration of the address (and of these followed
    people, under any address); (cancelled, places freed, people promoted)."""
    cancelled = freed = promoted = 0
    now = timezone.now()
    registrations = list(registrations_of(email))
    if people is not None:
        seen = {r.pk for r in registrations}
        registrations += [
            r
            for r in Registration.objects.filter(beneficiary__in=people).select_related("event")
            if r.pk not in seen
        ]
    for registration in registrations:
        if not is_future_and_active(registration, now):
            continue
        held_a_place = registration.status == Registration.Status.CONFIRMED
        if event_services.cancel(registration, notify=notify) is not None:
            promoted += 1
        cancelled += 1
        freed += held_a_place
    return cancelled, freed, promoted


@transaction.atomic
def cancel_coming_registrations(email, *, channel, requested_by=None):
    """Cancel the person's registrations to events still to come (each confirmed by
    email, as a cancellation by link is); returns how many."""
    cancelled, freed, promoted = _cancel_coming(email, notify=True)
    log_request(
        email,
        RightsRequest.Action.CANCELLATION,
        channel=channel,
        requested_by=requested_by,
        registrations=cancelled,
        places_freed=freed,
        promoted=promoted,
    )
    return cancelled


@transaction.atomic
def withdraw_reminder_consent(email, *, channel, requested_by=None):
    """No more day-before reminders for the person's coming registrations; returns
    how many registrations it covers."""
    now = timezone.now()
    coming = [r for r in registrations_of(email) if is_future_and_active(r, now)]
    for registration in coming:
        DeclinedReminder.objects.get_or_create(registration=registration)
    log_request(
        email,
        RightsRequest.Action.REMINDERS_WITHDRAWN,
        channel=channel,
        requested_by=requested_by,
        registrations=len(coming),
    )
    return len(coming)


@transaction.atomic
def erase(email, *, channel, requested_by=None):
    """Right to erasure, final: free the person's coming places (the waiting list is
    promoted), anonymise their registrations and attendance and their change history;
    staff requests also anonymise the followed people recorded with the address.
    Returns the summary logged."""
    staff = channel == RightsRequest.Channel.STAFF
    people = list(followed_people_of(email)) if staff else None
    _cancelled, freed, promoted = _cancel_coming(email, notify=False, people=people)
    registration_ids = list(registrations_of(email).values_list("pk", flat=True))
    registrations = Registration.objects.filter(pk__in=registration_ids)
    _anonymise_registrations(registrations)
    Attendance.objects.filter(registration_id__in=registration_ids).update(walk_in_name="")
    DeclinedReminder.objects.filter(registration_id__in=registration_ids).delete()
    purge_history(registration_ids=registration_ids)
    followed = 0
    if staff:
        followed = anonymise_beneficiaries(
            Beneficiary.objects.filter(pk__in=[p.pk for p in people])
        )
    summary = {
        "registrations": len(registration_ids),
        "places_freed": freed,
        "promoted": promoted,
        "followed_people": followed,
    }
    forget_links_of(email)
    log_request(
        email, RightsRequest.Action.ERASURE, channel=channel, requested_by=requested_by, **summary
    )
    return summary


def export(email, *, channel, requested_by=None):
    """Log an access request; the caller delivers the data."""
    return log_request(
        email, RightsRequest.Action.EXPORT, channel=channel, requested_by=requested_by
    )
