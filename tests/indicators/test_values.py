"""Quarterly values: computed on demand, entered by hand, frozen by publication."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators import services, values
from indicators.models import Indicator, IndicatorValue
from indicators.quarters import Quarter
from tests.factories import IndicatorFactory, IndicatorValueFactory, OutcomeFactory

from .conftest import paris

Q3 = Quarter(2025, 3)


@pytest.fixture
def employed_in_germany(world):
    return IndicatorFactory(
        programme=world.programme,
        code="DE",
        kind=Indicator.Kind.COMPUTED,
        metric="rsa_recipients_employed_in_germany",
    )


@pytest.fixture
def tailored_pathways(world):
    return IndicatorFactory(
        programme=world.programme,
        code="TP",
        kind=Indicator.Kind.COMPUTED,
        metric="rsa_recipients_in_tailored_pathways",
    )


def test_refresh_stores_quarter_and_cumulative_values(tailored_pathways, after_q3):
    values.refresh_values(tailored_pathways.programme, [Q3], now=after_q3)

    stored = IndicatorValue.objects.get(indicator=tailored_pathways, year=2025, quarter=3)
    # rsa_a in Q3; rsa_a and rsa_b since the programme began in January.
    assert (stored.value, stored.cumulative) == (Decimal(1), Decimal(2))
    assert stored.source == IndicatorValue.Source.COMPUTED
    assert stored.computed_at == after_q3
    assert not stored.frozen


def test_refresh_recomputes_after_a_data_edit(world, employed_in_germany, after_q3):
    values.refresh_values(world.programme, [Q3], now=after_q3)
    OutcomeFactory(beneficiary=world.rsa_c, job_in_germany=True, date=datetime.date(2025, 8, 1))

    values.refresh_values(world.programme, [Q3], now=after_q3)

    stored = IndicatorValue.objects.get(indicator=employed_in_germany, year=2025, quarter=3)
    assert stored.value == 2


def test_refresh_leaves_frozen_values_alone(world, employed_in_germany, after_q3):
    IndicatorValueFactory(
        indicator=employed_in_germany,
        year=2025,
        quarter=3,
        value=Decimal(40),
        cumulative=Decimal(41),
        frozen=True,
        computed=True,
    )

    values.refresh_values(world.programme, [Q3], now=after_q3)

    stored = IndicatorValue.objects.get(indicator=employed_in_germany, year=2025, quarter=3)
    assert (stored.value, stored.cumulative) == (Decimal(40), Decimal(41))


def test_refresh_skips_quarters_outside_the_programme(world, employed_in_germany, after_q3):
    values.refresh_values(world.programme, [Quarter(2024, 4), Q3], now=after_q3)

    quarters = IndicatorValue.objects.filter(indicator=employed_in_germany).values_list(
        "year", "quarter"
    )
    assert list(quarters) == [(2025, 3)]


def test_quarter_in_progress_counts_up_to_now(world, tailored_pathways):
    mid_august = datetime.datetime(2025, 8, 15, 12, tzinfo=datetime.UTC)
    period = values.quarter_period(world.programme, Q3, now=mid_august)
    assert period.end == mid_august


def test_trend_starts_at_the_programme_start(world, after_q3):
    assert values.trend_quarters(world.programme, Q3, now=after_q3) == [
        Quarter(2025, 1),
        Quarter(2025, 2),
        Q3,
    ]


def test_manual_value_is_recorded_with_its_source(world, after_q3):
    indicator = IndicatorFactory(programme=world.programme)
    value = values.record_manual_value(
        indicator,
        Q3,
        value=Decimal(41),
        source_note="Jobconnexion",
        comment="Export of 1 October",
        now=after_q3,
    )
    assert value.source == IndicatorValue.Source.MANUAL
    assert (value.value, value.source_note) == (Decimal(41), "Jobconnexion")


def test_manual_value_cannot_change_once_frozen(world, after_q3):
    indicator = IndicatorFactory(programme=world.programme)
    IndicatorValueFactory(indicator=indicator, year=2025, quarter=3, frozen=True)

    with pytest.raises(services.ValuesFrozen):
        values.record_manual_value(indicator, Q3, value=Decimal(1), now=after_q3)


def test_computed_indicator_takes_no_manual_value(employed_in_germany, after_q3):
    with pytest.raises(services.ReportError):
        values.record_manual_value(employed_in_germany, Q3, value=Decimal(1), now=after_q3)


def test_unknown_metric_is_reported_clearly(world, after_q3):
    IndicatorFactory(programme=world.programme, kind=Indicator.Kind.COMPUTED, metric="nope")
    with pytest.raises(services.ReportError, match="nope"):
        values.refresh_values(world.programme, [Q3], now=after_q3)


# Earlier quarters of a report's trend: stored values stand until their records change.

Q2 = Quarter(2025, 2)


def _stored_q2(indicator, value):
    """A Q2 value stored after Q2 closed (now, in real time: the records' own
    timestamps are real time too)."""
    return IndicatorValueFactory(
        indicator=indicator,
        year=2025,
        quarter=2,
        value=Decimal(value),
        cumulative=Decimal(value),
        computed=True,
        computed_at=timezone.now(),
    )


def test_a_past_quarters_stored_value_is_reused_while_its_records_are_unchanged(
    world, employed_in_germany, after_q3
):
    _stored_q2(employed_in_germany, 99)

    values.refresh_values(world.programme, [Q2, Q3], now=after_q3)

    q2 = IndicatorValue.objects.get(indicator=employed_in_germany, year=2025, quarter=2)
    assert q2.value == 99  # not recomputed: the true figure differs
    assert IndicatorValue.objects.filter(indicator=employed_in_germany, year=2025, quarter=3)


def test_a_past_quarters_stored_value_is_recomputed_once_its_records_change(
    world, employed_in_germany, after_q3
):
    _stored_q2(employed_in_germany, 99)
    OutcomeFactory(beneficiary=world.rsa_c, job_in_germany=True, date=datetime.date(2025, 5, 5))

    values.refresh_values(world.programme, [Q2, Q3], now=after_q3)

    q2 = IndicatorValue.objects.get(indicator=employed_in_germany, year=2025, quarter=2)
    expected = values.compute_indicator(employed_in_germany, Q2, now=after_q3)
    assert q2.value != 99
    assert (q2.value, q2.cumulative) == expected


def test_a_past_value_computed_before_its_quarter_closed_is_recomputed(
    world, employed_in_germany, after_q3
):
    row = _stored_q2(employed_in_germany, 99)
    IndicatorValue.objects.filter(pk=row.pk).update(computed_at=paris(2025, 6, 15, 12))

    values.refresh_values(world.programme, [Q2, Q3], now=after_q3)

    row.refresh_from_db()
    assert row.value != 99


def test_the_reports_own_quarter_is_always_recomputed(world, employed_in_germany, after_q3):
    IndicatorValueFactory(
        indicator=employed_in_germany,
        year=2025,
        quarter=3,
        value=Decimal(99),
        cumulative=Decimal(99),
        computed=True,
        computed_at=timezone.now(),
    )

    values.refresh_values(world.programme, [Q3], now=after_q3)

    q3 = IndicatorValue.objects.get(indicator=employed_in_germany, year=2025, quarter=3)
    assert q3.value != 99
