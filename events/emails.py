"""Emails to registrants, each in the language the person chose, as plain text with
an HTML alternative, signed with the team's contact and answered to the team
(Reply-To), never to the noreply sender. Called by the tasks in events/tasks.py."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import calendar, centre, links, selectors


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


def _send(registration, kind, *, calendar_method=None):
    """Send the `kind` email; `calendar_method` attaches the event's .ics with that
    iTIP method (PUBLISH adds it to the calendar, CANCEL removes it)."""
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
        }
        message = EmailMultiAlternatives(
            subject=_subject(kind, event),
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
                organizer=reply_to[0] if reply_to else "",
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


SENDERS = {
    "confirmation": send_confirmation,
    "waitlisted": send_waitlisted,
    "promotion": send_promotion,
    "cancellation": send_cancellation,
    "reminder": send_reminder,
    "event_cancelled": send_event_cancelled,
}
