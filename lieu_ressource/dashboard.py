"""Reads for the team's dashboard, its home after login: the coming week's events, drop-out
risks by referent, the reports of this quarter and the last, this quarter's
indicators against target and the latest imports.

Each read is one query (two for the indicators) whatever the number of rows: the
dashboard only reads stored figures, it never computes an indicator.
"""

import datetime
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import TruncMinute

from beneficiaries.selectors import quiet_pathways
from events.models import Event
from events.selectors import with_places
from indicators.metrics import Period
from indicators.models import Indicator, IndicatorValue, QuarterlyReport
from indicators.quarters import PARIS, Quarter
from referrals.metrics import quarter_figures

# django-import-export writes one admin log entry per imported row, with this message.
IMPORT_MESSAGE_SUFFIX = "through import_export"
# The dashboard's "week": today and the six days after.
WEEK_DAYS = 7
# Events listed at most; the check-in list has them all.
EVENTS_SHOWN = 30


def week_events(today):
    """Events not cancelled from today to six days on (the team plans a week ahead
    whatever the weekday), with their places taken."""
    start = datetime.datetime.combine(today, datetime.time.min, PARIS)
    end = start + datetime.timedelta(days=WEEK_DAYS)
    return (
        with_places(Event.objects.exclude(status=Event.Status.CANCELLED))
        .filter(end__gte=start, start__lt=end)
        .select_related("venue")
        .order_by("start", "pk")
    )


def dropout_risks_by_referent(today):
    """How many quiet pathways each referent has, most first (None: no referent)."""
    return (
        quiet_pathways(today)
        .order_by()
        .values(
            "beneficiary__referent",
            "beneficiary__referent__first_name",
            "beneficiary__referent__last_name",
            "beneficiary__referent__email",
        )
        .annotate(risks=Count("pk"))
        .order_by("-risks", "beneficiary__referent__last_name")
    )


def recent_reports(today):
    """Reports of the current and the previous quarter, the latest version of each
    programme, quarter and language."""
    current = Quarter.containing(today)
    previous = current.previous()
    reports = (
        QuarterlyReport.objects.filter(
            Q(year=current.year, quarter=current.number)
            | Q(year=previous.year, quarter=previous.number)
        )
        .select_related("programme")
        .order_by("-year", "-quarter", "programme__code", "language", "-version")
    )
    latest, seen = [], set()
    for report in reports:
        key = (report.programme_id, report.year, report.quarter, report.language)
        if key not in seen:
            seen.add(key)
            latest.append(report)
    return latest


@dataclass
class IndicatorProgress:
    indicator: Indicator
    value: IndicatorValue | None

    @property
    def reached(self):
        """The cumulative value (or, without one, the quarter's) as stored."""
        if self.value is None:
            return None
        return self.value.cumulative if self.value.cumulative is not None else self.value.value

    @property
    def percent_of_target(self):
        if self.reached is None or not self.indicator.target:
            return None
        return round(100 * self.reached / self.indicator.target)


def quarter_indicators(today):
    """Indicators of the programmes running today, each with its stored value for the
    current quarter (None until computed or entered)."""
    quarter = Quarter.containing(today)
    indicators = (
        Indicator.objects.filter(programme__start_date__lte=today)
        .filter(Q(programme__end_date__isnull=True) | Q(programme__end_date__gte=today))
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(year=quarter.year, quarter=quarter.number),
                to_attr="quarter_values",
            )
        )
        .order_by("programme__start_date", "programme__code", "position", "code")
    )
    return [
        IndicatorProgress(
            indicator, indicator.quarter_values[0] if indicator.quarter_values else None
        )
        for indicator in indicators
    ]


def quarter_referrals(today):
    """This quarter's referrals by receiving organisation and by country, refusals
    by reason, results and the median time to an answer: three aggregate queries
    over the quarter's referrals (see referrals.metrics)."""
    quarter = Quarter.containing(today)
    return {"quarter": quarter, **quarter_figures(Period.of_quarter(quarter))}


@dataclass
class Import:
    when: datetime.datetime
    user: str
    model_name: str
    new: int
    updated: int


def latest_imports(limit=5):
    """The latest imports, each the rows one user imported into one model in one
    minute (import-export logs each row on its own)."""
    rows = (
        LogEntry.objects.filter(change_message__endswith=IMPORT_MESSAGE_SUFFIX)
        .annotate(minute=TruncMinute("action_time"))
        .values(
            "minute",
            "user__first_name",
            "user__last_name",
            "user__email",
            "content_type__app_label",
            "content_type__model",
        )
        .annotate(
            when=Max("action_time"),
            new=Count("pk", filter=Q(change_message__startswith="new")),
            updated=Count("pk", filter=Q(change_message__startswith="update")),
        )
        .order_by("-minute")[:limit]
    )
    imports = []
    for row in rows:
        model = ContentType(
            app_label=row["content_type__app_label"], model=row["content_type__model"]
        ).model_class()
        name = f"{row['user__first_name']} {row['user__last_name']}".strip()
        imports.append(
            Import(
                when=row["when"],
                user=name or row["user__email"],
                model_name=model._meta.verbose_name_plural if model else row["content_type__model"],
                new=row["new"],
                updated=row["updated"],
            )
        )
    return imports


def inactivity_warnings(today, limit=EVENTS_SHOWN):
    """People to be anonymised for inactivity whose referent was warned, soonest
    first (privacy/inactivity.py); one query."""
    from privacy.inactivity import pending_warnings

    return list(pending_warnings(today)[:limit])
