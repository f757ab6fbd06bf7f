"""Emails to registrants, each in the language the person chose, as plain text with
an HTML alternative. Called by the tasks in events/tasks.py."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import calendar, links


def _subject(kind, event):
    subjects = {
        "confirmation": _("Your registration is confirmed: %(title)s"),
        "waitlisted": _("You are on the waiting list: %(title)s"),
        "promotion": _("A place is free for you: %(title)s"),
        "cancellation": _("Your registration is cancelled: %(title)s"),
        "reminder": _("Reminder, tomorrow: %(title)s"),
    }
    return subjects[kind] % {"title": event.title}


def _send(registration, kind, *, with_calendar=False):
    event = registration.event
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "event_url": links.event_url(event),
            "cancel_url": links.cancel_url(registration),
            "site_url": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            subject=_subject(kind, event),
            body=render_to_string(f"events/emails/{kind}.txt", context),
            to=[registration.email],
        )
        message.attach_alternative(
            render_to_string(f"events/emails/{kind}.html", context), "text/html"
        )
        if with_calendar:
            message.attach(
                "event.ics",
                calendar.build_calendar([event], name=event.title),
                "text/calendar",
            )
        message.send()


def send_confirmation(registration):
    """A confirmed place, with the event as an .ics attachment."""
    _send(registration, "confirmation", with_calendar=True)


def send_waitlisted(registration):
    """The event was full: the person waits for a place."""
    _send(registration, "waitlisted")


def send_promotion(registration):
    """Someone cancelled and the person now has a place, with the .ics attachment."""
    _send(registration, "promotion", with_calendar=True)


def send_cancellation(registration):
    """The person cancelled; confirms it."""
    _send(registration, "cancellation")


def send_reminder(registration):
    """The day before the event."""
    _send(registration, "reminder", with_calendar=True)


SENDERS = {
    "confirmation": send_confirmation,
    "waitlisted": send_waitlisted,
    "promotion": send_promotion,
    "cancellation": send_cancellation,
    "reminder": send_reminder,
}
