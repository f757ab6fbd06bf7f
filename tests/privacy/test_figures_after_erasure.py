"""Erasure keeps every indicator figure of every programme: computed before and
after on the demo data, quarter by quarter, quarter value and cumulative."""

from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from beneficiaries.models import Beneficiary
from events.models import Registration
from indicators.models import Indicator, Programme
from indicators.quarters import PARIS, Quarter
from indicators.values import compute_indicator
from privacy import rights
from privacy.models import RightsRequest

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
NOW = datetime.combine(TODAY, time.min, PARIS)


def every_figure():
    figures = {}
    for programme in Programme.objects.all():
        quarter, last = Quarter.containing(programme.start_date), Quarter.containing(TODAY)
        if programme.end_date:
            last = min(last, Quarter.containing(programme.end_date))
        indicators = list(Indicator.objects.filter(programme=programme, kind="computed"))
        while quarter <= last:
            for indicator in indicators:
                figures[(programme.code, indicator.code, str(quarter))] = compute_indicator(
                    indicator, quarter, now=NOW
                )
            quarter = quarter.next()
    return figures


def test_erasure_leaves_every_indicator_figure_of_every_programme_unchanged():
    call_command("seed_demo", scale=1, seed=1, today=TODAY.isoformat(), verbosity=0)
    # The followed person who came to the most events, and the registrant followed by
    # no one who came to the most.
    person = (
        Beneficiary.objects.exclude(email="")
        .annotate(n=Count("attendances"))
        .order_by("-n", "pk")
        .first()
    )
    registrant = (
        Registration.objects.filter(beneficiary__isnull=True, attendance__present=True)
        .exclude(email__iexact=person.email)
        .values("email")
        .annotate(n=Count("pk"))
        .order_by("-n", "email")
        .first()["email"]
    )
    assert person.attendances.count() >= 2
    before = every_figure()
    assert sum(value or 0 for value, _cumulative in before.values()) > 0

    rights.erase(person.email, channel=RightsRequest.Channel.STAFF)
    rights.erase(registrant, channel=RightsRequest.Channel.SELF_SERVICE)

    person.refresh_from_db()
    assert person.anonymised_at is not None
    assert not Registration.objects.filter(
        Q(email__iexact=registrant) | Q(email__iexact=person.email)
    ).exists()
    assert every_figure() == before
