"""Staff move an event (its start, its end or its venue) once people registered:
everyone still registered (confirmed or waiting) is told by email, in their own
language, what changed; a confirmed person's email carries the calendar entry
updated (.ics METHOD:REQUEST, the UID they already have, a higher SEQUENCE).

The admin reads the event as stored before saving (`stored`), saves, then calls
`notify_if_moved`: the comparison is with the database, not with the form, so a
second save of the same values sends nothing. Drafts (nobody was told of them),
cancelled events (they have their own email) and events already over (a record
being corrected) send nothing.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Event, Registration

TIME = "time"
PLACE = "place"


def _place(venue):
    return ", ".join(
        part
        for part in (venue.name, venue.address, f"{venue.postcode} {venue.city}".strip())
        if part
    )


def stored(pk):
    """What registrants were told of the event `pk` (as stored now), or None: the
    start, end and place, JSON-ready for the email task."""
    event = Event.objects.select_related("venue").filter(pk=pk).first()
    if event is None:
        return None
    return {
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "venue_id": event.venue_id,
        "place": _place(event.venue),
        "status": event.status,
    }


def previous_times(before):
    """The previous start and end as datetimes (the email writes them out)."""
    return datetime.fromisoformat(before["start"]), datetime.fromisoformat(before["end"])


def what_changed(before, event):
    """[TIME] and/or [PLACE]: what differs between `before` and `event` as saved."""
    start, end = previous_times(before)
    changed = []
    if start != event.start or end != event.end:
        changed.append(TIME)
    if before["venue_id"] != event.venue_id:
        changed.append(PLACE)
    return changed


def notify_if_moved(event, before, now=None):
    """Tell the people registered for `event` (just saved) that its time or place
    changed since `before` (from `stored`). Returns how many are told."""
    if before is None:
        return 0
    changed = what_changed(before, event)
    if not changed:
        return 0
    now = now or timezone.now()
    _start, previous_end = previous_times(before)
    with transaction.atomic():
        # The counter moves with every move, told or not: SEQUENCE follows the event.
        Event.objects.filter(pk=event.pk).update(schedule_changes=F("schedule_changes") + 1)
        event.refresh_from_db(fields=["schedule_changes"])
        if (
            event.status != Event.Status.PUBLISHED
            or before["status"] != Event.Status.PUBLISHED
            or event.end <= now
            or previous_end <= now
        ):
            return 0
        registrations = list(
            event.registrations.exclude(status=Registration.Status.CANCELLED).order_by("pk")
        )
        if TIME in changed and _local_date(event.start) != _local_date(previous_times(before)[0]):
            # A reminder sent for the old day is due again the day before the new one.
            event.registrations.filter(reminder_sent_at__isnull=False).update(reminder_sent_at=None)
        change = {**before, "changed": changed}
        for registration in registrations:
            _email_after_commit(registration, change)
    return len(registrations)


def _local_date(moment):
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _email_after_commit(registration, change):
    from .services import _email_after_commit

    _email_after_commit(registration, "event_changed", change=change)
