"""The email of a moved event on a real Celery worker, over Redis and PostgreSQL (run
in CI): what changed travels to the worker as JSON and comes back in the email, with
the .ics update (METHOD:REQUEST)."""

import datetime
import uuid

import icalendar
import pytest
from django.core import mail

from events import calendar, schedule_changes
from tests.factories import EventFactory, RegistrationFactory
from tests.worker_mail import wait_for_messages


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_moved_event_email_with_its_update(celery_worker):
    address = f"moved-{uuid.uuid4().hex[:8]}@example.de"
    event = EventFactory(published=True)
    RegistrationFactory(event=event, email=address, language="de")
    before = schedule_changes.stored(event.pk)
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    event.save()

    assert schedule_changes.notify_if_moved(event, before) == 1

    assert mail.outbox == []  # sent by the worker, not by this process
    (message,) = wait_for_messages(address)
    assert message["Subject"].strip().startswith("Termin geändert: ")
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Bisher: " in body and "Neu: " in body
    [ics] = [
        part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"
    ]
    parsed = icalendar.Calendar.from_ical(ics.get_content())
    assert parsed["METHOD"] == "REQUEST"
    assert parsed.walk("VEVENT")[0]["UID"] == calendar.event_uid(event)
