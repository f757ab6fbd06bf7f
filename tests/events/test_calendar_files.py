"""The .ics files the site serves and sends: an iTIP METHOD on each, a cancelling file
with the original UID when a person cancels, one and the same Europe/Paris VTIMEZONE
everywhere, and calendar software that caches time zones by name (vobject) reading a
feed and then an event file in one process gets the right UTC times."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from events import calendar, services
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def _get(client, name, language="fr", **kwargs):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def _vtimezone(content):
    text = content.decode()
    start = text.index("BEGIN:VTIMEZONE")
    return text[start : text.index("END:VTIMEZONE", start)]


def _attachment(message):
    [(name, content, mimetype)] = message.attachments
    assert name == "event.ics"
    return content.encode() if isinstance(content, str) else content, mimetype


def _sign_up(event, django_capture_on_commit_callbacks, email="ada@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        return services.register(
            event,
            first_name="Ada",
            last_name="Martin",
            email=email,
            language="fr",
            consent=True,
        )


def test_confirmation_ics_publishes_the_event(django_capture_on_commit_callbacks):
    event = EventFactory(published=True)
    _sign_up(event, django_capture_on_commit_callbacks)
    content, mimetype = _attachment(mail.outbox[0])
    assert mimetype == "text/calendar; method=PUBLISH"
    parsed = icalendar.Calendar.from_ical(content)
    assert parsed["METHOD"] == "PUBLISH"
    assert parsed.walk("VEVENT")[0]["STATUS"] == "CONFIRMED"


def test_cancellation_sends_a_cancelling_ics_with_the_original_uid(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(published=True)
    registration = _sign_up(event, django_capture_on_commit_callbacks)
    added = icalendar.Calendar.from_ical(_attachment(mail.outbox[0])[0]).walk("VEVENT")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration)
    content, mimetype = _attachment(mail.outbox[-1])
    assert mimetype == "text/calendar; method=CANCEL"
    cancelling = icalendar.Calendar.from_ical(content)
    assert cancelling["METHOD"] == "CANCEL"
    [vevent] = cancelling.walk("VEVENT")
    assert vevent["UID"] == added["UID"]
    assert vevent["STATUS"] == "CANCELLED"
    # A cancellation must not be older than what it cancels.
    assert vevent["SEQUENCE"] > added["SEQUENCE"]
    # RFC 5546 requires the organiser on a CANCEL: the team, which the Reply-To names.
    assert str(vevent["ORGANIZER"]) == f"mailto:{mail.outbox[-1].reply_to[0]}"


def test_event_file_and_feed_carry_method_publish(client):
    event = EventFactory(published=True)
    for content in (
        _get(client, "events:event_ics", pk=event.pk),
        _get(client, "events:agenda_ics"),
    ):
        assert icalendar.Calendar.from_ical(content)["METHOD"] == "PUBLISH"


def test_every_ics_carries_the_same_vtimezone(client, django_capture_on_commit_callbacks):
    now = timezone.now()
    soon = EventFactory(published=True, start=now + timedelta(days=3))
    # Years apart: a definition cut to the events' dates would differ between files.
    later = EventFactory(published=True, start=now + timedelta(days=5 * 365))
    winter = datetime(2032, 1, 20, 18, 0, tzinfo=PARIS)
    EventFactory(published=True, start=winter, end=winter + timedelta(hours=2))
    registration = RegistrationFactory(event=later)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration)
    files = [
        _get(client, "events:event_ics", pk=soon.pk),
        _get(client, "events:event_ics", "de", pk=later.pk),
        _get(client, "events:agenda_ics"),
        _get(client, "events:agenda_ics", "de"),
        calendar.build_calendar([], name="empty"),
        _attachment(mail.outbox[-1])[0],
    ]
    definitions = {_vtimezone(content) for content in files}
    assert len(definitions) == 1
    [definition] = definitions
    assert "TZID:Europe/Paris" in definition


def test_vobject_reads_a_feed_then_an_event_file_with_the_right_utc_times(client):
    """vobject registers a VTIMEZONE under its TZID once per process and reuses it for
    later files: a feed's definition must be right for an event file's dates too."""
    start = (timezone.localtime() + timedelta(days=20)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    soon = EventFactory(published=True, start=start, end=start + timedelta(hours=2))
    summer = datetime(2031, 7, 15, 14, 30, tzinfo=PARIS)
    winter = datetime(2031, 12, 16, 9, 0, tzinfo=PARIS)
    summer_event = EventFactory(published=True, start=summer, end=summer + timedelta(hours=2))
    winter_event = EventFactory(published=True, start=winter, end=winter + timedelta(hours=1))

    feed = vobject.readOne(_get(client, "events:agenda_ics").decode())
    [listed] = feed.vevent_list
    assert listed.dtstart.value.astimezone(UTC) == soon.start.astimezone(UTC)

    # Worked out by hand: 14:30 summer time (UTC+2), 09:00 winter time (UTC+1).
    expected = {
        summer_event.pk: datetime(2031, 7, 15, 12, 30, tzinfo=UTC),
        winter_event.pk: datetime(2031, 12, 16, 8, 0, tzinfo=UTC),
    }
    for pk, utc_start in expected.items():
        read = vobject.readOne(_get(client, "events:event_ics", pk=pk).decode())
        assert read.vevent.dtstart.value.astimezone(UTC) == utc_start


def test_reminder_and_promotion_ics_publish(django_capture_on_commit_callbacks):
    event = EventFactory(published=True, capacity=1)
    first = _sign_up(event, django_capture_on_commit_callbacks)
    _sign_up(event, django_capture_on_commit_callbacks, email="bob@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    promotion = next(m for m in mail.outbox if m.to == ["bob@example.org"] and m.attachments)
    assert icalendar.Calendar.from_ical(_attachment(promotion)[0])["METHOD"] == "PUBLISH"
