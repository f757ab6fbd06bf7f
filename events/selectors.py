"""Reads for the public pages, with what each page shows joined or prefetched up front
so that the number of queries does not grow with the number of events.

Every public list is bounded in time as well, so that its cost does not grow with
the years of events behind it: the agenda runs from events that started up to
AGENDA_ONGOING_DAYS ago (and have not ended) to AGENDA_HORIZON_DAYS ahead; the
calendar feed covers CALENDAR_HORIZON_DAYS; past events are paged without a count.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from .models import Event, EventOrganisation, Registration, Venue

PUBLIC_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _confirmed_count():
    return Coalesce(
        Subquery(
            Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CONFIRMED)
            .order_by()
            .values("event")
            .annotate(taken=Count("pk"))
            .values("taken"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_places(events):
    """Annotate `places_taken` (confirmed registrations) and `places_left` (None when
    the event has no capacity limit, never below zero)."""
    events = events.annotate(places_taken=_confirmed_count())
    return events.annotate(
        places_left=Case(
            When(capacity__isnull=True, then=Value(None)),
            When(capacity__lte=F("places_taken"), then=Value(0)),
            default=F("capacity") - F("places_taken"),
            output_field=IntegerField(),
        )
    )


# Hosts first, then co-organisers, then participating companies (not their codes' order).
ROLE_ORDER = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(EventOrganisation.Role.values)),
    output_field=IntegerField(),
)


def _public_events(statuses=(Event.Status.PUBLISHED,)):
    return with_places(
        Event.objects.filter(status__in=statuses)
        .select_related("venue")
        .prefetch_related(
            "audiences",
            Prefetch(
                "participations",
                queryset=EventOrganisation.objects.select_related("organisation").order_by(
                    ROLE_ORDER, "organisation__name"
                ),
            ),
        )
    )


# An event still running is listed if it started less than a week ago: the lower
# bound lets the (status, start, end) index skip every older event.
AGENDA_ONGOING_DAYS = 7
# The month filter offers the coming twelve months: the agenda goes as far.
AGENDA_HORIZON_DAYS = 366
# Calendar applications poll the feed: three months ahead, at most this many events
# (about a hundred at the centre's pace; filtered feeds narrow it further).
CALENDAR_HORIZON_DAYS = 90
CALENDAR_MAX_EVENTS = 300


def _agenda_window(events, now=None, statuses=(Event.Status.PUBLISHED,)):
    now = now or timezone.now()
    return events.filter(
        status__in=statuses,
        openness=Event.Openness.PUBLIC,
        start__gte=now - timedelta(days=AGENDA_ONGOING_DAYS),
        start__lt=now + timedelta(days=AGENDA_HORIZON_DAYS),
        end__gte=now,
    )


def upcoming_public_events(limit=None):
    """Published events that have not ended yet, soonest first, up to the horizon, with
    the cancelled ones (shown as such: people who planned to come must see it)."""
    events = _agenda_window(_public_events(PUBLIC_STATUSES), statuses=PUBLIC_STATUSES)
    events = events.order_by("start", "pk")
    return events[:limit] if limit else events


def agenda_months():
    """The first day (Europe/Paris) of each month in which a coming event starts."""
    return list(
        _agenda_window(Event.objects.all())
        .annotate(month=TruncMonth("start"))
        .order_by("month")
        .values_list("month", flat=True)
        .distinct()
    )


def past_public_events():
    """Published events that are over, the most recent first (page them without a
    count: the list grows every day)."""
    now = timezone.now()
    return (
        _public_events()
        .filter(openness=Event.Openness.PUBLIC, start__lt=now, end__lt=now)
        .order_by("-start", "-pk")
    )


def public_event_queryset():
    """Events the public may open by their address: published or cancelled, never drafts
    nor internal meetings. A closed joint action opens by its address (the invitation
    links to it) but is listed nowhere."""
    return _public_events(PUBLIC_STATUSES).exclude(openness=Event.Openness.INTERNAL)


def public_event(pk):
    """One event as its public page shows it, or None for a draft or an unknown id."""
    return public_event_queryset().filter(pk=pk).first()


def sitemap_events():
    """Published events for the sitemap, by id (pages stay stable as events change),
    with only the columns their addresses need."""
    return (
        Event.objects.filter(status=Event.Status.PUBLISHED, openness=Event.Openness.PUBLIC)
        .only(
            "pk",
            "updated_at",
            *(f"{field}_{code}" for field in ("title", "slug") for code in LANGUAGE_CODES),
        )
        .order_by("pk")
    )


def calendar_events(events=None):
    """Coming published events for the agenda's iCalendar feed: the soonest
    CALENDAR_MAX_EVENTS within CALENDAR_HORIZON_DAYS. `events` narrows them (filters).
    Cancelled ones stay in, marked STATUS:CANCELLED, so subscribers' entries go away."""
    now = timezone.now()
    events = Event.objects.all() if events is None else events
    return (
        _agenda_window(events, now, PUBLIC_STATUSES)
        .filter(start__lt=now + timedelta(days=CALENDAR_HORIZON_DAYS))
        .select_related("venue")
        .order_by("start", "pk")[:CALENDAR_MAX_EVENTS]
    )


def centre_venue():
    """The resource centre's own venue (Kaleidoscoop) with its opening hours, or None
    before it is set up."""
    return (
        Venue.objects.filter(is_centre=True)
        .prefetch_related("opening_periods")
        .order_by("pk")
        .first()
    )
