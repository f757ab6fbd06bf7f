"""iCalendar (RFC 5545) files of events: one per event and the agenda feed.

Times are written in Europe/Paris with its VTIMEZONE, so calendar applications on
either side of the Rhine show them right; each event keeps one UID for its life, so
that an update replaces the entry instead of adding a second one.
"""

from datetime import UTC, timedelta
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


def _text(value):
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """One content line as bytes, folded at 75 octets without splitting a character."""
    raw = line.encode()
    if len(raw) <= 75:
        return raw + b"\r\n"
    parts, start, width = [], 0, 75
    while start < len(raw):
        end = min(start + width, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(raw[start:end])
        start, width = end, 74
    return b"\r\n ".join(parts) + b"\r\n"


def _local(moment):
    return f"{moment.astimezone(PARIS):%Y%m%dT%H%M%S}"


def _utc(moment):
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _vevent(event, url, stamp):
    """The VEVENT of one event, written directly: the icalendar library takes some
    3 ms an event, too slow for a feed of hundreds that calendar clients poll."""
    description = "\n\n".join(part for part in (event.summary, url) if part)
    status = "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED"
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(event.title)}",
        f"DTSTART;TZID={PARIS.key}:{_local(event.start)}",
        f"DTEND;TZID={PARIS.key}:{_local(event.end)}",
        f"DTSTAMP:{stamp}",
        f"UID:{event_uid(event)}",
        f"DESCRIPTION:{_text(description)}",
        f"LAST-MODIFIED:{_utc(event.updated_at)}",
        f"LOCATION:{_text(_location(event.venue))}",
        f"STATUS:{status}",
        f"URL:{url}",
        "END:VEVENT",
    ]
    return b"".join(_fold(line) for line in lines)


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
    if events:
        # VTIMEZONE rules for the years the events span, not the default 1970–2038.
        first = min(event.start for event in events).astimezone(PARIS).date()
        last = max(event.end for event in events).astimezone(PARIS).date()
        calendar.add_component(
            icalendar.Timezone.from_tzid(
                PARIS.key,
                first_date=first - timedelta(days=1),
                last_date=last + timedelta(days=366),
            )
        )
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    stamp = _utc(timezone.now())
    path_of = links.event_path_maker()
    body = b"".join(_vevent(event, links.absolute(path_of(event)), stamp) for event in events)
    return head + body + b"END:VCALENDAR" + end
