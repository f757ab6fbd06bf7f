from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.tasks import send_event_reminders
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def at(days, hour):
    """`days` from today at `hour` o'clock, Paris time."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_default_timezone())


def event_on(days, hour=18, **kwargs):
    start = at(days, hour)
    return EventFactory(published=True, start=start, end=start + timedelta(hours=2), **kwargs)


def test_reminder_goes_to_confirmed_registrants_of_tomorrows_events():
    tomorrow = event_on(1, hour=9, title_fr="Atelier de demain", title_de="Workshop morgen")
    confirmed = RegistrationFactory(event=tomorrow, german=True)
    RegistrationFactory(event=tomorrow, waitlisted=True)
    RegistrationFactory(event=tomorrow, cancelled=True)
    RegistrationFactory(event=event_on(2))
    RegistrationFactory(event=event_on(0, hour=23))
    RegistrationFactory(event=event_on(1, cancelled=True))

    assert send_event_reminders() == 1

    [message] = mail.outbox
    assert message.to == [confirmed.email]
    assert "Workshop morgen" in message.subject
    assert '<html lang="de">' in message.alternatives[0][0]
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at is not None


def test_reminder_task_run_twice_sends_once():
    event = event_on(1)
    RegistrationFactory.create_batch(3, event=event)
    assert send_event_reminders() == 3
    assert send_event_reminders() == 0
    assert len(mail.outbox) == 3


def test_reminder_already_claimed_elsewhere_is_not_sent_again():
    RegistrationFactory(event=event_on(1), reminder_sent_at=timezone.now())
    assert send_event_reminders() == 0
    assert mail.outbox == []


def test_reminder_that_fails_to_send_is_retried_by_the_next_run(monkeypatch):
    registration = RegistrationFactory(event=event_on(1))

    def broken(registration):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr("events.emails.send_reminder", broken)
    assert send_event_reminders() == 0
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None
    monkeypatch.undo()
    assert send_event_reminders() == 1
