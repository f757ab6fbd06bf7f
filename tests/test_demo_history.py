"""Demo data covers every programme from its start, with a ramp-up: every quarter's
report has something to show and its trends mean something."""

from datetime import date, datetime, time

import pytest
from django.core.management import call_command

from beneficiaries.models import Beneficiary
from events.models import Registration
from fse.models import Operation
from indicators import selectors
from indicators.models import Indicator, Programme
from indicators.quarters import PARIS, Quarter
from indicators.values import compute_indicator, quarter_period

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
NOW = datetime.combine(TODAY, time.min, PARIS)


def seed(scale):
    call_command("seed_demo", scale=scale, seed=1, today=TODAY.isoformat(), verbosity=0)


def programme_quarters(programme):
    """Every quarter from the programme's start to the last full quarter before TODAY
    (or its end)."""
    last = Quarter.containing(TODAY).previous()
    if programme.end_date:
        last = min(last, Quarter.containing(programme.end_date))
    quarter, quarters = Quarter.containing(programme.start_date), []
    while quarter <= last:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters


def counts_participants(programme):
    """An FSE+ action: served by its operations' participants, and by the events of
    the priority neighbourhoods only."""
    return Operation.objects.filter(programme=programme).exists()


def held(programme, quarter):
    period = quarter_period(programme, quarter, now=NOW)
    return selectors.event_counts(period, programme)["held"]


def test_shipped_programmes_are_the_ones_checked():
    programmes = dict(Programme.objects.values_list("code", "start_date"))

    assert programmes["convention-2020"] == date(2020, 1, 1)
    assert len(programmes) >= 2 and min(programmes.values()) < date(2023, 6, 1)


def test_every_quarter_of_every_programme_has_activity_at_the_default_scale():
    seed(1)

    empty = []
    for programme in Programme.objects.all():
        computed = list(Indicator.objects.filter(programme=programme, kind="computed"))
        assert computed, programme.code
        quarters = programme_quarters(programme)
        assert len(quarters) >= 8, programme.code
        for quarter in quarters:
            period = quarter_period(programme, quarter, now=NOW)
            registrations = selectors.registration_counts(period, programme)
            figures = {
                "held": selectors.event_counts(period, programme)["held"],
                "confirmed": registrations["confirmed"],
                "participations": registrations["participations"],
                "indicators": sum(
                    compute_indicator(indicator, quarter, now=NOW)[0] for indicator in computed
                ),
            }
            if counts_participants(programme):
                # Its figures are its participants' (fse), not the centre's events.
                figures = {"indicators": figures["indicators"]}
            empty += [(programme.code, str(quarter), k) for k, v in figures.items() if not v]
    assert empty == []


def test_activity_grows_over_the_first_quarters_of_each_programme_of_events():
    seed(3)

    for programme in Programme.objects.all():
        if counts_participants(programme):
            continue
        quarters = programme_quarters(programme)
        events = [held(programme, quarter) for quarter in quarters]
        first_year, second_year = sum(events[:4]), sum(events[4:8])
        assert events[0] < events[3], (programme.code, events)
        assert first_year < second_year, (programme.code, events)
        # Cumulative figures grow quarter after quarter.
        assert all(events), (programme.code, events)


def test_people_entered_since_the_first_programme_and_register_while_followed():
    seed(1)
    entries = list(Beneficiary.objects.values_list("entry_date", flat=True))

    assert min(entries) < date(2020, 7, 1)
    assert sum(entry.year == 2021 for entry in entries) > sum(
        entry.year == 2020 for entry in entries
    )
    assert Beneficiary.objects.filter(exit_date__isnull=True).count() >= 20
    linked = Registration.objects.filter(beneficiary__isnull=False).select_related(
        "event", "beneficiary"
    )
    assert linked.exists()
    for registration in linked:
        day = registration.event.start.astimezone(PARIS).date()
        person = registration.beneficiary
        # Followed that month (coming events: followed today).
        assert (person.entry_date.year, person.entry_date.month) <= (day.year, day.month)
        if person.exit_date:
            assert (day.year, day.month) <= (person.exit_date.year, person.exit_date.month)
