"""What a visitor needs to come: opening hours as a person reads them, a link to the
place on OpenStreetMap, and the team's contact (pages, emails, their Reply-To).

The map is a plain link to openstreetmap.org: our pages load no third-party script,
tile or font, so a visitor's browser tells nobody else that they looked."""

from urllib.parse import urlencode

from django.conf import settings
from django.utils.formats import time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import selectors

OSM = "https://www.openstreetmap.org/"
# Close enough to see the building and the tram stop.
OSM_ZOOM = 18


def osm_url(venue):
    """The place on OpenStreetMap: a marker at its point, or a search for its address."""
    if venue.latitude is not None and venue.longitude is not None:
        lat, lon = f"{venue.latitude:f}", f"{venue.longitude:f}"
        return f"{OSM}?{urlencode({'mlat': lat, 'mlon': lon})}#map={OSM_ZOOM}/{lat}/{lon}"
    address = ", ".join(
        part for part in (venue.address, f"{venue.postcode} {venue.city}".strip()) if part
    )
    return f"{OSM}search?{urlencode({'query': address})}"


def opening_hours(venue):
    """[(days, hours)] with consecutive days of the same hours grouped: ("Monday to
    Friday", "09:00–12:30, 13:30–17:30"), in the active language."""
    by_day = {}
    for period in venue.opening_periods.all():
        by_day.setdefault(period.weekday, []).append(period)
    rows = []
    for day in sorted(by_day):
        hours = ", ".join(
            f"{time_format(p.opens, 'TIME_FORMAT')}–{time_format(p.closes, 'TIME_FORMAT')}"
            for p in sorted(by_day[day], key=lambda p: p.opens)
        )
        if rows and rows[-1]["hours"] == hours and rows[-1]["last"] == day - 1:
            rows[-1]["last"] = day
        else:
            rows.append({"first": day, "last": day, "hours": hours})
    labels = dict(venue.opening_periods.model.Weekday.choices)
    lines = []
    for row in rows:
        first, last = str(labels[row["first"]]), str(labels[row["last"]])
        if row["first"] == row["last"]:
            days = capfirst(first)
        elif row["last"] == row["first"] + 1:
            days = capfirst(_("%(first)s and %(last)s") % {"first": first, "last": last})
        else:
            days = capfirst(_("%(first)s to %(last)s") % {"first": first, "last": last})
        lines.append((days, row["hours"]))
    return lines


def reply_to(venue=None):
    """Where answers to our emails go: the team's address, never noreply."""
    venue = venue if venue is not None else selectors.centre_venue()
    address = (venue.email if venue else "") or settings.PUBLIC_CONTACT_EMAIL
    return [address] if address else []
