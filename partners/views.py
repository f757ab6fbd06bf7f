"""The public partners page."""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Country, Organisation

SIDE_HEADINGS = {
    Country.FRANCE: _("On the French side of the Rhine"),
    Country.GERMANY: _("On the German side of the Rhine"),
    Country.SWITZERLAND: _("In Switzerland"),
}


def public_organisations():
    """Organisations staff chose to show publicly and still active, by name."""
    today = timezone.localdate()
    return Organisation.objects.filter(is_public=True).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today)
    )


def partner_list(request):
    by_country = {code: [] for code in Country.values}
    for organisation in public_organisations().order_by("name"):
        by_country[organisation.country].append(organisation)
    sides = [
        {
            "country": country,
            "heading": SIDE_HEADINGS[country],
            "organisations": by_country[country],
        }
        for country in Country.values
        if by_country[country]
    ]
    return render(request, "partners/partner_list.html", {"sides": sides, "nav": "partners"})
