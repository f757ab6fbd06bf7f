from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
HOST = urlsplit(settings.SITE_URL).hostname


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_event_ics_is_rfc5545_in_europe_paris_with_its_vtimezone(client):
    start = datetime(2031, 7, 15, 14, 30, tzinfo=PARIS)
    event = EventFactory(
        published=True,
        title_fr="Atelier bilingue",
        title_de="Zweisprachiger Workshop",
        start=start,
        end=start.replace(hour=16),
    )
    response = client.get(url_in("de", "events:event_ics", pk=event.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")

    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    [vevent] = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == "Zweisprachiger Workshop"
    assert vevent.decoded("DTSTART") == start
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent.decoded("DTSTART").utcoffset().total_seconds() == 2 * 3600  # summer time
    assert vevent["UID"] == f"event-{event.pk}@{HOST}"
    assert "DTSTAMP" in vevent
    assert str(vevent["URL"]).endswith(f"/de/{_segment('de')}{event.pk}-zweisprachiger-workshop/")


def _segment(language):
    with translation.override(language):
        return translation.gettext("events/")


def test_event_uid_is_the_same_in_both_languages_and_over_time(client):
    event = EventFactory(published=True)

    def uid(language):
        content = client.get(url_in(language, "events:event_ics", pk=event.pk)).content
        return icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["UID"]

    assert uid("fr") == uid("de") == uid("fr")


def test_agenda_feed_lists_coming_published_and_cancelled_events_only(client):
    coming = EventFactory(published=True, title_fr="À venir")
    EventFactory(published=True, past=True, title_fr="Passé")
    EventFactory(draft=True, title_fr="Brouillon")
    cancelled = EventFactory(cancelled=True, title_fr="Annulé")
    response = client.get(url_in("fr", "events:agenda_ics"))
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["Annulé", "À venir"]
    assert events["À venir"]["UID"] == f"event-{coming.pk}@{HOST}"
    assert events["À venir"]["STATUS"] == "CONFIRMED"
    # Subscribers' calendars drop a cancelled event only if the feed says so.
    assert events["Annulé"]["UID"] == f"event-{cancelled.pk}@{HOST}"
    assert events["Annulé"]["STATUS"] == "CANCELLED"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VTIMEZONE")


def test_empty_agenda_feed_is_still_a_valid_calendar(client):
    response = client.get(url_in("fr", "events:agenda_ics"))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT") == []
    assert calendar["VERSION"] == "2.0"


def test_cancelled_event_ics_says_cancelled(client):
    event = EventFactory(cancelled=True)
    content = client.get(url_in("fr", "events:event_ics", pk=event.pk)).content
    assert icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["STATUS"] == "CANCELLED"
