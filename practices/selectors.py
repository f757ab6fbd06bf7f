"""Reads of the public catalogue, with what each page shows prefetched up front so
that the number of queries does not grow with the number of practices."""

from django.db.models import Prefetch

from .models import Practice, Theme


def published_practices():
    """Published practices by title, with their themes."""
    return (
        Practice.objects.filter(is_published=True)
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "code")))
        .order_by("title", "pk")
    )


def published_practice(pk):
    """One published practice as its page shows it, or None (unpublished, unknown)."""
    return (
        published_practices()
        .prefetch_related("organisations", "neighbourhoods")
        .filter(pk=pk)
        .first()
    )


def territories():
    """The territories of published practices, each once, alphabetically."""
    return list(
        Practice.objects.filter(is_published=True)
        .order_by("territory")
        .values_list("territory", flat=True)
        .distinct()
    )


def sitemap_practices():
    return Practice.objects.filter(is_published=True).order_by("pk")
