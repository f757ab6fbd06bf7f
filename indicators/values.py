"""Quarterly values of the indicators.

A computed indicator's value for a quarter, and its cumulative value since the
programme's start (people counted once), are recomputed on demand and stored with
their source and time of computation, until a published report freezes them. A
report recomputes its own quarter; the earlier quarters of its trend keep their
stored values when these were computed after the quarter closed and no record they
read has changed since (see `inputs_changed_since`). A manual indicator's value is
entered by staff. Periods are read in Europe/Paris and clipped to the programme and
to the present; an indicator measured after the programme's end (Interreg RCR 84,
RCR 85) keeps being recorded and reported for INDICATORS_FOLLOW_UP_MONTHS after it.
"""

import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, Outcome, Pathway
from events.models import Attendance, Event, Registration

from . import database, metrics, selectors
from .errors import QuarterOutsideProgramme, ReportError, ValuesFrozen
from .models import Indicator, IndicatorValue

# How many quarters the trend of an indicator shows (the quarter and those before).
TREND_LENGTH = 4


# Periods ----------------------------------------------------------------------------


def follow_up_end(programme):
    """The last day of the follow-up period after the programme's end, when results
    measured after it are still recorded; None for an open-ended programme."""
    if programme.end_date is None:
        return None
    end = programme.end_date
    month = end.month - 1 + settings.INDICATORS_FOLLOW_UP_MONTHS
    year, month = end.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(end.day, calendar.monthrange(year, month)[1]))


def has_follow_up(programme):
    """Whether the programme has indicators measured after its end."""
    return Indicator.objects.filter(programme=programme, measured_after_end=True).exists()


def programme_period(programme, *, follow_up=False):
    """The programme's span, from its first to its last day (open-ended if no end),
    or to the end of its follow-up period."""
    start = metrics.Period.of_days(programme.start_date, programme.start_date).start
    end = None
    last_day = follow_up_end(programme) if follow_up else programme.end_date
    if last_day:
        end = metrics.Period.of_days(last_day, last_day).end
    return start, end


def quarter_period(programme, quarter, *, now=None, follow_up=False):
    """The part of `quarter` within the programme (or its follow-up period) and before
    `now`; None if empty."""
    now = now or timezone.now()
    start, end = programme_period(programme, follow_up=follow_up)
    return metrics.Period.of_quarter(quarter).clip(start, min(end, now) if end else now)


def in_follow_up(programme, quarter):
    """Whether `quarter` begins after the programme's last day."""
    return programme.end_date is not None and quarter.first_day > programme.end_date


def cumulative_period(programme, period):
    """From the programme's start to the end of `period`."""
    start, _end = programme_period(programme)
    return metrics.Period(start, period.end)


def trend_quarters(programme, quarter, *, now=None):
    """The quarter and up to TREND_LENGTH - 1 before it within the programme, oldest
    first."""
    quarters = [quarter]
    while len(quarters) < TREND_LENGTH:
        previous = quarters[0].previous()
        if quarter_period(programme, previous, now=now) is None:
            break
        quarters.insert(0, previous)
    return quarters


# Values -----------------------------------------------------------------------------


def compute_indicator(indicator, quarter, *, now=None):
    """The computed indicator's quarter value and cumulative value (not stored)."""
    programme = indicator.programme
    period = quarter_period(programme, quarter, now=now, follow_up=indicator.measured_after_end)
    if period is None:
        raise QuarterOutsideProgramme(_("This quarter is outside the programme."))
    metric = _metric_of(indicator)
    total = cumulative_period(programme, period)
    return metric(period, programme).value, metric(total, programme).value


def _metric_of(indicator):
    try:
        return metrics.get_metric(indicator.metric)
    except metrics.UnknownMetric:
        raise ReportError(
            _("The indicator %(code)s names an unknown metric “%(metric)s”.")
            % {"code": indicator.code, "metric": indicator.metric}
        ) from None


def inputs_changed_since(since, until):
    """True when a record that the metrics of a period ending at `until` read was
    added, changed or removed after `since`: an event (edited, or held before
    `until`), an attendance or a sign-up at an event held before `until`, a person's
    record, a pathway or an outcome (through their history, which keeps deletions).
    Organisations and deleted events or attendances leave no trace: regenerating that
    quarter's report recomputes it. Each check is one indexed EXISTS."""
    until_day = metrics.Period(until - datetime.timedelta(days=1), until).last_day
    held_before = Q(event__end__lt=until)
    checks = (
        Event.objects.filter(updated_at__gt=since).filter(
            Q(end__lt=until) | Q(created_at__lt=until)
        ),
        Attendance.objects.filter(held_before, recorded_at__gt=since),
        Registration.objects.filter(held_before, created_at__gt=since),
        Registration.objects.filter(held_before, cancelled_at__gt=since),
        Beneficiary.history.filter(history_date__gt=since, created_at__lt=until),
        Pathway.history.filter(history_date__gt=since, start_date__lte=until_day),
        Outcome.history.filter(history_date__gt=since, date__lte=until_day),
    )
    return any(check.exists() for check in checks)


def _reusable(rows, quarter, indicators, now):
    """Whether the stored rows of a past quarter can stand: one per indicator, all
    computed after the quarter closed, and no record read since."""
    rows = [rows.get((indicator.pk, (quarter.year, quarter.number))) for indicator in indicators]
    if not rows or any(row is None for row in rows):
        return False
    if all(row.frozen for row in rows):
        return True
    oldest = min(row.computed_at for row in rows if not row.frozen)
    end = metrics.Period.of_quarter(quarter).end
    return oldest >= end and end <= now and not inputs_changed_since(oldest, end)


def refresh_values(programme, quarters, *, now=None):
    """Recompute and store the computed indicators of `programme` for `quarters`,
    leaving the values frozen by a published report as they are, and those of the
    earlier quarters as stored when nothing they read has changed (the last quarter
    is always recomputed). Two aggregate queries per indicator and recomputed
    quarter, and a few to read and write the values."""
    now = now or timezone.now()
    indicators = list(
        Indicator.objects.filter(programme=programme, kind=Indicator.Kind.COMPUTED).select_related(
            "programme"
        )
    )
    existing = selectors.values_for(indicators, quarters)
    to_create, to_update = [], []
    with database.aggregate_queries():
        for quarter in quarters:
            spans = {
                follow_up: quarter_period(programme, quarter, now=now, follow_up=follow_up)
                for follow_up in (False, True)
            }
            if spans[True] is None:
                continue
            if quarter != quarters[-1] and _reusable(existing, quarter, indicators, now):
                continue
            for indicator in indicators:
                period = spans[indicator.measured_after_end]
                row = existing.get((indicator.pk, (quarter.year, quarter.number)))
                if period is None or (row is not None and row.frozen):
                    continue
                metric = _metric_of(indicator)
                value = Decimal(metric(period, programme).value)
                cumulative = Decimal(metric(cumulative_period(programme, period), programme).value)
                if row is None:
                    to_create.append(
                        IndicatorValue(
                            indicator=indicator,
                            year=quarter.year,
                            quarter=quarter.number,
                            value=value,
                            cumulative=cumulative,
                            source=IndicatorValue.Source.COMPUTED,
                            computed_at=now,
                        )
                    )
                else:
                    row.value, row.cumulative, row.computed_at = value, cumulative, now
                    row.source = IndicatorValue.Source.COMPUTED
                    to_update.append(row)
    with transaction.atomic():
        # A concurrent refresh may have created a row first: its figures are as fresh.
        IndicatorValue.objects.bulk_create(to_create, ignore_conflicts=True)
        # A row frozen since we read it keeps its published figures.
        IndicatorValue.objects.filter(frozen=False).bulk_update(
            to_update, ["value", "cumulative", "computed_at", "source"]
        )
    return len(to_create) + len(to_update)


def record_manual_value(
    indicator,
    quarter,
    *,
    value,
    cumulative=None,
    source_note="",
    comment="",
    entered_by=None,
    now=None,
):
    """Store the quarter's value of a manual indicator, entered by staff."""
    if indicator.kind != Indicator.Kind.MANUAL:
        raise ReportError(_("This indicator is computed: its values cannot be entered."))
    follow_up = indicator.measured_after_end
    if quarter_period(indicator.programme, quarter, now=now, follow_up=follow_up) is None:
        raise QuarterOutsideProgramme(
            _("This quarter is outside the programme and its follow-up period.")
            if follow_up
            else _("This quarter is outside the programme.")
        )
    with transaction.atomic():
        row = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, year=quarter.year, quarter=quarter.number)
            .first()
        )
        if row is not None and row.frozen:
            raise ValuesFrozen(
                _("The value of %(quarter)s is frozen by a published report.")
                % {"quarter": quarter}
            )
        row = row or IndicatorValue(indicator=indicator, year=quarter.year, quarter=quarter.number)
        row.value, row.cumulative = value, cumulative
        row.source = IndicatorValue.Source.MANUAL
        row.source_note, row.comment = source_note, comment
        row.entered_by, row.computed_at = entered_by, now or timezone.now()
        row.full_clean(validate_unique=False)
        row.save()
    return row
