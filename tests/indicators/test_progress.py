"""Progress towards the target, measured from the baseline, and proportions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from indicators import progress, reports
from indicators.models import Indicator


def row(**fields):
    base = {
        "code": "X",
        "name": {"fr": "Indicateur", "de": "Indikator"},
        "unit": {"fr": "", "de": ""},
        "kind": "computed",
        "describes_people": False,
        "baseline": None,
        "target": None,
        "value": None,
        "cumulative": None,
        "progress_measure": "added",
        "trend": [None],
        "source_note": "",
        "comment": "",
    }
    return {**base, **fields}


def test_counts_since_the_start_add_to_the_baseline():
    # From 100 to 200 companies, 44 since the start: 144, 44 % of the way (not 22 %).
    reached = progress.progress(row(baseline="100", target="200", value="23", cumulative="44"))
    assert reached == progress.Progress(Decimal("0.44"), progress.FROM_ADDED)


def test_a_level_is_measured_from_the_baseline():
    # From 4 to 8 trades in tension, 6 this quarter: half of the way.
    reached = progress.progress(
        row(baseline="4", target="8", value="6", cumulative="21", progress_measure="level")
    )
    assert reached == progress.Progress(Decimal("0.5"), progress.FROM_LEVEL)


def test_a_level_below_its_baseline_is_negative():
    reached = progress.progress(row(baseline="4", target="8", value="3", progress_measure="level"))
    assert reached.fraction == Decimal("-0.25")


def test_without_a_baseline_it_is_the_plain_ratio():
    assert progress.progress(row(baseline="0", target="40", cumulative="10")) == (
        progress.Progress(Decimal("0.25"), progress.OF_TARGET)
    )
    assert progress.progress(row(target="40", cumulative="10")).basis == progress.OF_TARGET


def test_no_progress_without_a_target_or_when_the_figure_is_hidden():
    assert progress.progress(row(cumulative="10")) is None
    assert progress.progress(row(baseline="5", target="5", cumulative="3")) is None
    assert progress.progress(row(target="10", cumulative="3"), hidden=True) is None


def test_report_row_shows_progress_with_its_measure_and_a_proportion():
    with translation.override("fr"):
        context = reports._indicator_context(
            row(
                baseline="100",
                target="200",
                value="12",
                cumulative="44",
                describes_people=True,
                denominator=48,
                denominator_cumulative=110,
            ),
            "fr",
            ["2026-Q3"],
        )
    assert context["percent"] == "44\u00a0%"
    assert context["progress_mark"] == "b"
    assert context["value_share"] == "25\u00a0% de 48"
    assert context["cumulative_share"] == "40\u00a0% de 110"


def test_proportion_of_a_hidden_count_is_not_shown():
    with translation.override("de"):
        context = reports._indicator_context(
            row(
                value="3",
                cumulative="12",
                describes_people=True,
                denominator=48,
                denominator_cumulative=2,
            ),
            "de",
            ["2026-Q3"],
        )
    assert context["value"] == "< 5"
    assert context["value_share"] == ""
    assert context["cumulative_share"] == ""  # the whole, 2 people, is hidden too


def test_expected_share_of_the_programme_elapsed():
    programme = {"start": "2023-03-01", "end": "2026-06-30"}
    halfway = progress.expected_fraction(programme, datetime.date(2024, 10, 30))
    assert Decimal("0.49") < halfway < Decimal("0.51")
    assert progress.expected_fraction(programme, datetime.date(2027, 1, 1)) == 1
    assert (
        progress.expected_fraction({"start": "2020-01-01", "end": None}, datetime.date(2026, 1, 1))
        is None
    )


def test_an_unknown_denominator_metric_is_refused(db):
    indicator = Indicator.objects.get(programme__code="convention-2020", code="C1.3")
    assert indicator.denominator_metric == "rsa_recipients_followed"
    indicator.full_clean()
    indicator.denominator_metric = "no_such_metric"
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "denominator_metric" in error.value.message_dict
