"""Celery tasks of the events app: registrants' emails and the day-before reminders."""

import logging
from datetime import datetime, time, timedelta

from celery import shared_task
from django.utils import timezone

from lieu_ressource.mail import EMAIL_TASK_RETRIES

from . import emails
from .models import Event, Registration

logger = logging.getLogger(__name__)


@shared_task(**EMAIL_TASK_RETRIES)
def send_registration_email(registration_id, kind, **details):
    """Send one of the emails of `events.emails.SENDERS` to a registrant; `details`
    are that email's own (what changed, for "event_changed")."""
    registration = Registration.objects.select_related("event__venue").get(pk=registration_id)
    emails.SENDERS[kind](registration, **details)


def tomorrow_bounds(now=None):
    """Start and end of tomorrow in the site's time zone (Europe/Paris)."""
    now = now or timezone.now()
    tz = timezone.get_default_timezone()
    tomorrow = timezone.localtime(now, tz).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=tz)
    end = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


@shared_task
def send_event_reminders():
    """Remind every confirmed registrant of tomorrow's events, once per person.

    Each registration is claimed by an UPDATE that only matches while its reminder is
    unsent, so a second run (or a second beat) finds nothing left to send.
    """
    start, end = tomorrow_bounds()
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            # Withdrawn consent to reminders (privacy.DeclinedReminder).
            declined_reminder__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__start__gte=start,
            event__start__lt=end,
        )
        .select_related("event__venue")
        .order_by("pk")
    )
    sent = 0
    for registration in due:
        claimed = Registration.objects.filter(
            pk=registration.pk,
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
        ).update(reminder_sent_at=timezone.now())
        if not claimed:
            continue
        try:
            emails.send_reminder(registration)
        except Exception:
            # Give the reminder back so that the next run tries again.
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
            logger.exception("Could not send the reminder of registration %s", registration.pk)
            continue
        sent += 1
    return sent
