"""The catalogue's filters: theme and territory."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Practice, Theme


def territory_choices():
    return [(territory, territory) for territory in selectors.territories()]


class PracticeFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="code",
        queryset=Theme.objects.all(),
        empty_label=_("All themes"),
    )
    territory = django_filters.ChoiceFilter(
        label=_("Territory"), choices=territory_choices, empty_label=_("All territories")
    )

    class Meta:
        model = Practice
        fields = ["theme", "territory"]
