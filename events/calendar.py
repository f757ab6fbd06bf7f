"""iCalendar (RFC 5545) files of events: one per event and the agenda feed.

Times are written in Europe/Paris with its VTIMEZONE, so calendar applications on
either side of the Rhine show them right; each event keeps one UID for its life, so
that an update replaces the entry instead of adding a second one, and a cancelling
file (METHOD:CANCEL) removes it.

Every file carries the same VTIMEZONE, written once below from the EU's summer-time
rule: calendar servers (vobject-based ones among them) keep the first definition
they read under a TZID and reuse it for every later file, so two files with
differently cut definitions under one name would shift times by an hour.
"""

from datetime import UTC
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


# Europe/Paris since 1996: summer time from the last Sunday of March at 02:00 to the
# last Sunday of October at 03:00 (EU rule); the events the site holds are all later.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{PARIS.key}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
VTIMEZONE_BYTES = b"".join(line.encode() + b"\r\n" for line in VTIMEZONE)

# iTIP methods (RFC 5546): PUBLISH for the feed, the event files and the emails' entry;
# CANCEL for the file that removes it from the calendar of a person who cancelled;
# REQUEST for the update sent to a registrant when the event moves (time or place).
PUBLISH = "PUBLISH"
CANCEL = "CANCEL"
REQUEST = "REQUEST"


def _sequence(event):
    """Grows with every change of the event (RFC 5545 SEQUENCE): minutes since 2020,
    plus one per change of time or place, so that the update sent for a move ranks
    above the files sent before it, even within the same minute."""
    minutes = max(0, int(event.updated_at.timestamp() - 1577836800) // 60)
    return minutes + event.schedule_changes


def _vevent(event, url, stamp, *, cancelled=False, organizer="", attendee=""):
    """The VEVENT of one event, written directly: the icalendar library takes some
    3 ms an event, too slow for a feed of hundreds that calendar clients poll."""
    description = "\n\n".join(part for part in (event.summary, url) if part)
    if cancelled or event.status == Event.Status.CANCELLED:
        status = "CANCELLED"
    else:
        status = "CONFIRMED"
    # A cancelling entry must come after the one it cancels.
    sequence = _sequence(event) + (1 if cancelled else 0)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(event.title)}",
        f"DTSTART;TZID={PARIS.key}:{_local(event.start)}",
        f"DTEND;TZID={PARIS.key}:{_local(event.end)}",
        f"DTSTAMP:{stamp}",
        f"UID:{event_uid(event)}",
        f"SEQUENCE:{sequence}",
        f"DESCRIPTION:{_text(description)}",
        f"LAST-MODIFIED:{_utc(event.updated_at)}",
        f"LOCATION:{_text(_location(event.venue))}",
        f"STATUS:{status}",
        f"URL:{url}",
    ]
    if organizer:
        lines.append(f"ORGANIZER:mailto:{organizer}")
    if attendee:
        # A REQUEST names whom it is for; no answer is expected (the place is held).
        lines.append(f"ATTENDEE;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{attendee}")
    lines.append("END:VEVENT")
    return b"".join(_fold(line) for line in lines)


def build_calendar(events, *, name, method=PUBLISH, organizer="", attendee=""):
    """The iCalendar bytes of `events` (with their venue loaded), titles and links in
    the active language. With method=CANCEL, each entry is the cancelling one; a
    REQUEST (an update sent to one registrant) names the `attendee`."""
    events = list(events)
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    calendar = icalendar.Calendar.new(
        prodid=f"-//Lieu ressource//Agenda//{language.upper()}",
        name=name,
        uid=f"agenda-{language}@{_host()}",
    )
    calendar.add("method", method)
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    stamp = _utc(timezone.now())
    path_of = links.event_path_maker()
    body = b"".join(
        _vevent(
            event,
            links.absolute(path_of(event)),
            stamp,
            cancelled=method == CANCEL,
            organizer=organizer,
            attendee=attendee,
        )
        for event in events
    )
    return head + VTIMEZONE_BYTES + body + b"END:VCALENDAR" + end
