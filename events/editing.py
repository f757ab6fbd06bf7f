"""What the event admin offers while staff edit: the list opens on the events to
come (past ones one click away) and an event saved twice by mistake is pointed out.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Event


class WhenFilter(admin.SimpleListFilter):
    """Upcoming events (not yet over) by default, soonest first; past events, latest
    first; or all of them."""

    title = _("when")
    parameter_name = "when"
    UPCOMING, PAST, ALL = "upcoming", "past", "all"

    def lookups(self, request, model_admin):
        return [(self.UPCOMING, _("Upcoming")), (self.PAST, _("Past")), (self.ALL, _("All"))]

    def value(self):
        return super().value() or self.UPCOMING

    def choices(self, changelist):
        # No "All" entry of Django's own: "upcoming" is what no choice means.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        now = timezone.now()
        if (
            super().value() is None
            and request.method == "POST"
            and request.POST.get("select_across") != "1"
        ):
            # An action on rows ticked by hand: they are named by id, whenever
            # they happen ("select all" keeps to the view shown).
            return queryset
        if self.value() == self.PAST:
            return queryset.filter(end__lt=now)
        if self.value() == self.UPCOMING:
            return queryset.filter(end__gte=now)
        return queryset

    @classmethod
    def ordering(cls, request):
        """Date order for the chosen view: soonest first, or latest past first."""
        if request.GET.get(cls.parameter_name) == cls.PAST:
            return ("-start", "-pk")
        return ("start", "pk")


def likely_duplicates(event):
    """Other events with the same start and the same title in one of its languages
    (a form sent twice, a copy made again)."""
    same_title = Q(pk__in=[])
    for lang, _name in settings.LANGUAGES:
        field = f"title_{lang}"
        title = (getattr(event, field) or "").strip()
        if title:
            same_title |= Q(**{f"{field}__iexact": title})
    return (
        Event.objects.filter(start=event.start)
        .filter(same_title)
        .exclude(pk=event.pk)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("pk")
    )
