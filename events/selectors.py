"""Reads for the public pages, with what each page shows joined or prefetched up front
so that the number of queries does not grow with the number of events."""

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
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Event, EventOrganisation, Registration, Venue

PUBLIC_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


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


def upcoming_public_events(limit=None):
    """Published events that have not ended yet, soonest first."""
    events = _public_events().filter(end__gte=timezone.now()).order_by("start", "pk")
    return events[:limit] if limit else events


def past_public_events():
    """Published events that are over, the most recent first."""
    return _public_events().filter(end__lt=timezone.now()).order_by("-start", "-pk")


def public_event_queryset():
    """Events the public may open by their address: published or cancelled, never drafts."""
    return _public_events(PUBLIC_STATUSES)


def public_event(pk):
    """One event as its public page shows it, or None for a draft or an unknown id."""
    return public_event_queryset().filter(pk=pk).first()


def sitemap_events():
    """Published events for the sitemap, most recent changes first."""
    return Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-updated_at", "pk")


def calendar_events():
    """Coming published events for the agenda's iCalendar feed."""
    return (
        Event.objects.filter(status=Event.Status.PUBLISHED, end__gte=timezone.now())
        .select_related("venue")
        .order_by("start", "pk")
    )


def centre_venue():
    """The resource centre's own venue (Kaleidoscoop), or None before it is set up."""
    return Venue.objects.filter(is_centre=True).order_by("pk").first()
