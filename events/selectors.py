from django.utils import timezone

from .models import Event


def upcoming_public_events(limit=None):
    """Published events that have not ended yet, soonest first, with their venue."""
    events = (
        Event.objects.filter(status=Event.Status.PUBLISHED, end__gte=timezone.now())
        .select_related("venue")
        .order_by("start")
    )
    return events[:limit] if limit else events
