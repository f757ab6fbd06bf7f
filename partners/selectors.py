"""Reads for the public partners and employers pages, with a fixed number of
queries whatever the number of organisations and events."""

from datetime import timedelta

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from events import selectors as event_selectors
from events.models import Event, EventOrganisation

from .models import Organisation

# Each partner shows its next few events; the agenda has the rest.
EVENTS_PER_PARTNER = 3
EVENTS_PER_EMPLOYER_FORMAT = 4
# The formats made for employers, in the order the employers page presents them.
EMPLOYER_FORMATS = (
    Event.Format.EMPLOYER_AFTERWORK,
    Event.Format.RECRUITMENT_MEETING,
    Event.Format.COMPANY_VISIT,
)


def public_organisations():
    """Organisations staff chose to show publicly and still active, by name."""
    today = timezone.localdate()
    return Organisation.objects.filter(is_public=True).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today)
    )


def coming_events_by_organisation(organisations, per_organisation=EVENTS_PER_PARTNER):
    """{organisation id: [its next published events]} for the given organisations, at
    most `per_organisation` each, soonest first: one query, ranked in the database."""
    now = timezone.now()
    rows = (
        EventOrganisation.objects.filter(
            organisation__in=organisations,
            event__status=Event.Status.PUBLISHED,
            event__openness=Event.Openness.PUBLIC,
            event__end__gte=now,
            event__start__lt=now + timedelta(days=event_selectors.AGENDA_HORIZON_DAYS),
        )
        .select_related("event")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("organisation_id")],
                order_by=[F("event__start").asc(), F("event_id").asc()],
            )
        )
        .filter(rank__lte=per_organisation)
        .order_by("organisation_id", "event__start", "event_id")
    )
    found = {}
    for row in rows:
        found.setdefault(row.organisation_id, []).append(row.event)
    return found


def coming_employer_events(per_format=EVENTS_PER_EMPLOYER_FORMAT):
    """[(format, [its next published events])] for the formats made for employers, at
    most `per_format` each: one query (ranked in the database) and its prefetches."""
    events = (
        event_selectors.upcoming_public_events()
        .filter(format__in=EMPLOYER_FORMATS)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("format")],
                order_by=[F("start").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=per_format)
    )
    by_format = {event_format: [] for event_format in EMPLOYER_FORMATS}
    for event in events:
        by_format[event.format].append(event)
    return list(by_format.items())
