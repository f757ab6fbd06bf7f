"""iCalendar (RFC 5545) files of events: one per event and the agenda feed.

Times are written in Europe/Paris with its VTIMEZONE, so calendar applications on
either side of the Rhine show them right; each event keeps one UID for its life, so
that an update replaces the entry instead of adding a second one.
"""

from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from . import links
from .models import Event

PARIS = ZoneInfo("Europe/Paris")


def _host():
    return urlsplit(settings.SITE_URL).hostname or "lieu-ressource"


def event_uid(event):
    return f"event-{event.pk}@{_host()}"


def _location(venue):
    return ", ".join(
        part
        for part in (venue.name, venue.address, f"{venue.postcode} {venue.city}".strip())
        if part
    )


def _vevent(event, stamp):
    url = links.event_url(event)
    description = "\n\n".join(part for part in (event.summary, url) if part)
    vevent = icalendar.Event.new(
        uid=event_uid(event),
        summary=event.title,
        description=description,
        start=event.start.astimezone(PARIS),
        end=event.end.astimezone(PARIS),
        location=_location(event.venue),
        url=url,
        stamp=stamp,
        last_modified=event.updated_at,
        status="CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED",
    )
    return vevent


def build_calendar(events, *, name):
    """The iCalendar bytes of `events` (with their venue loaded), titles and links in
    the active language."""
    events = list(events)
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    calendar = icalendar.Calendar.new(
        prodid=f"-//Lieu ressource//Agenda//{language.upper()}",
        name=name,
        uid=f"agenda-{language}@{_host()}",
    )
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    if events:
        # VTIMEZONE rules for the years the events span, not the default 1970–2038.
        first = min(event.start for event in events).astimezone(PARIS).date()
        last = max(event.end for event in events).astimezone(PARIS).date()
        calendar.add_missing_timezones(
            first_date=first - timedelta(days=1), last_date=last + timedelta(days=366)
        )
    return calendar.to_ical()
