"""Staff cancel an event: everyone still registered is told by email, with the .ics
that takes the event out of their calendar (METHOD:CANCEL, the original UID)."""

from types import SimpleNamespace

import icalendar
import pytest
from django.contrib.admin.sites import site
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail
from django.test import RequestFactory

from events import calendar, services
from events.models import Event
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _cancelled_with_people():
    event = EventFactory(published=True, capacity=1)
    confirmed = RegistrationFactory(event=event, language="de")
    waiting = RegistrationFactory(event=event, waitlisted=True)
    RegistrationFactory(event=event, cancelled=True)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    event.refresh_from_db()
    return event, confirmed, waiting


def test_everyone_still_registered_is_told_with_a_cancelling_ics(
    django_capture_on_commit_callbacks,
):
    event, confirmed, waiting = _cancelled_with_people()
    with django_capture_on_commit_callbacks(execute=True):
        told = services.notify_event_cancelled(event)
    assert told == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, waiting.email])
    german = next(m for m in mail.outbox if m.to == [confirmed.email])
    assert german.subject.startswith("Veranstaltung abgesagt: ")
    [(name, content, mimetype)] = german.attachments
    assert mimetype == "text/calendar; method=CANCEL"
    parsed = icalendar.Calendar.from_ical(content)
    assert parsed["METHOD"] == "CANCEL"
    assert parsed.walk("VEVENT")[0]["UID"] == calendar.event_uid(event)
    assert parsed.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_nobody_is_told_while_the_event_is_not_cancelled(django_capture_on_commit_callbacks):
    event = EventFactory(published=True)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_event_cancelled(event) == 0
    assert mail.outbox == []


def _save_in_admin(event, changed):
    request = RequestFactory().post("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    request.session = {}
    request._messages = FallbackStorage(request)
    admin = site._registry[Event]
    admin.save_model(request, event, SimpleNamespace(changed_data=changed), change=True)


def test_cancelling_in_the_admin_tells_the_registrants(django_capture_on_commit_callbacks):
    event, confirmed, waiting = _cancelled_with_people()
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["status"])
    assert len(mail.outbox) == 2


def test_editing_a_cancelled_event_tells_nobody_again(django_capture_on_commit_callbacks):
    event, _confirmed, _waiting = _cancelled_with_people()
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["description_fr"])
    assert mail.outbox == []
