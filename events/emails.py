"""Emails to registrants, each in the language the person chose, as plain text with
an HTML alternative, signed with the team's contact and answered to the team
(Reply-To), never to the noreply sender. Called by the tasks in events/tasks.py."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import calendar, centre, links, schedule_changes, selectors
from .models import Event, Registration


def _subject(kind, event):
    subjects = {
        "confirmation": _("Your registration is confirmed: %(title)s"),
        "waitlisted": _("You are on the waiting list: %(title)s"),
        "promotion": _("A place is free for you: %(title)s"),
        "cancellation": _("Your registration is cancelled: %(title)s"),
        "reminder": _("Reminder, tomorrow: %(title)s"),
        "event_cancelled": _("Event cancelled: %(title)s"),
    }
    return subjects[kind] % {"title": event.title}


def _changed_subject(changed, event):
    if changed == [schedule_changes.TIME]:
        subject = _("Time changed: %(title)s")
    elif changed == [schedule_changes.PLACE]:
        subject = _("Place changed: %(title)s")
    else:
        subject = _("Time and place changed: %(title)s")
    return subject % {"title": event.title}


def _send(registration, kind, *, calendar_method=None, context=None, subject=None):
    """Send the `kind` email; `calendar_method` attaches the event's .ics with that
    iTIP method (PUBLISH adds it to the calendar, CANCEL removes it, REQUEST updates
    it); `context` adds to the templates' and `subject(event)` replaces the subject."""
    event = registration.event
    venue = selectors.centre_venue()
    reply_to = centre.reply_to(venue)
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "event_url": links.event_url(event),
            "cancel_url": links.cancel_url(registration),
            "site_url": settings.SITE_URL,
            "centre": venue,
            **(context or {}),
        }
        message = EmailMultiAlternatives(
            subject=subject(event) if subject else _subject(kind, event),
            body=render_to_string(f"events/emails/{kind}.txt", context),
            to=[registration.email],
            reply_to=reply_to,
        )
        message.attach_alternative(
            render_to_string(f"events/emails/{kind}.html", context), "text/html"
        )
        if calendar_method:
            content = calendar.build_calendar(
                [event],
                name=event.title,
                method=calendar_method,
                # A REQUEST must name its organiser (RFC 5546): the team, else the sender.
                organizer=reply_to[0] if reply_to else settings.DEFAULT_FROM_EMAIL,
                attendee=registration.email if calendar_method == calendar.REQUEST else "",
            )
            message.attach("event.ics", content, f"text/calendar; method={calendar_method}")
        message.send()


def send_confirmation(registration):
    """A confirmed place, with the event as an .ics attachment."""
    _send(registration, "confirmation", calendar_method=calendar.PUBLISH)


def send_waitlisted(registration):
    """The event was full: the person waits for a place."""
    _send(registration, "waitlisted")


def send_promotion(registration):
    """Someone cancelled and the person now has a place, with the .ics attachment."""
    _send(registration, "promotion", calendar_method=calendar.PUBLISH)


def send_cancellation(registration):
    """The person cancelled; confirms it, with the .ics that takes the event out of
    their calendar (same UID, METHOD:CANCEL)."""
    _send(registration, "cancellation", calendar_method=calendar.CANCEL)


def send_reminder(registration):
    """The day before the event."""
    _send(registration, "reminder", calendar_method=calendar.PUBLISH)


def send_event_cancelled(registration):
    """Staff cancelled the event: tells the person, with the .ics that takes it out of
    their calendar (same UID, METHOD:CANCEL)."""
    _send(registration, "event_cancelled", calendar_method=calendar.CANCEL)


def send_event_changed(registration, change):
    """Staff moved the event (time and/or place, see events/schedule_changes.py): says
    what changed, before and now; a confirmed person also gets the calendar entry
    updated (.ics REQUEST, same UID, higher SEQUENCE). Someone waiting never had the
    entry, so gets none. Nothing is sent if the person cancelled or the event was
    cancelled or unpublished since."""
    if registration.status == Registration.Status.CANCELLED:
        return
    if registration.event.status != Event.Status.PUBLISHED:
        return
    changed = change["changed"]
    previous_start, previous_end = schedule_changes.previous_times(change)
    confirmed = registration.status == Registration.Status.CONFIRMED
    _send(
        registration,
        "event_changed",
        calendar_method=calendar.REQUEST if confirmed else None,
        subject=lambda event: _changed_subject(changed, event),
        context={
            "time_changed": schedule_changes.TIME in changed,
            "place_changed": schedule_changes.PLACE in changed,
            "previous_start": previous_start,
            "previous_end": previous_end,
            "previous_place": change["place"],
            "is_confirmed": confirmed,
        },
    )


SENDERS = {
    "confirmation": send_confirmation,
    "waitlisted": send_waitlisted,
    "promotion": send_promotion,
    "cancellation": send_cancellation,
    "reminder": send_reminder,
    "event_cancelled": send_event_cancelled,
    "event_changed": send_event_changed,
}
