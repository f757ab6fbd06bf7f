"""The figures of a comité de suivi report, read once and kept with it.

`build_snapshot` reads everything the report shows into a plain, JSON-ready dict,
with names in both languages and choices as codes: the snapshot is stored on the
report, so a published report keeps its figures whatever happens to the data later,
and both languages of a quarter show the same figures.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q

from beneficiaries.models import SITUATION_FACTS, Outcome
from events.models import Event, EventOrganisation
from partners.models import Country, Organisation
from referrals.metrics import report_totals as referral_report_totals

from . import database, metrics, selectors, values
from .models import Indicator, QualitativeNote
from .quarters import PARIS, Quarter

# 2: progress measure, proportion denominators and the value a year before.
SCHEMA = 2
LANGUAGES = ("fr", "de")


def decimal_text(value):
    """A stored decimal as short text: 12.00 -> "12", 12.50 -> "12.5", None -> None."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _both(instance, field):
    return {lang: getattr(instance, f"{field}_{lang}") or "" for lang in LANGUAGES}


def build_snapshot(programme, quarter, *, period, trend_quarters, as_of):
    """Every figure of the report of `programme` for `quarter`, read from the stored
    indicator values and the activity of `period` (the quarter within the programme,
    up to `as_of`)."""
    with database.aggregate_queries():
        return _snapshot(programme, quarter, period, trend_quarters, as_of)


def _snapshot(programme, quarter, period, trend_quarters, as_of):
    return {
        "schema": SCHEMA,
        "programme": {
            "code": programme.code,
            "name": _both(programme, "name"),
            "funder": programme.funder,
            "start": programme.start_date.isoformat(),
            "end": programme.end_date.isoformat() if programme.end_date else None,
            "follow_up_until": _iso(values.follow_up_end(programme)),
        },
        # A quarter after the programme's end: only results measured after it count.
        "follow_up": values.in_follow_up(programme, quarter),
        "quarter": str(quarter),
        "period": {
            "first_day": period.first_day.isoformat(),
            "last_day": period.last_day.isoformat(),
        },
        "as_of": as_of.isoformat(),
        "trend_quarters": [str(q) for q in trend_quarters],
        "axes": _indicators(programme, quarter, trend_quarters, period),
        "key_figures": _key_figures(period, programme),
        "activity": _activity(period, programme),
        "outcomes": _outcomes(period),
        "partners": _partners(period, programme),
        "notes": _notes(programme, quarter),
        "events": _event_annex(period, programme),
        "changes": [],
    }


def _iso(day):
    return day.isoformat() if day else None


def _denominators(indicator, period):
    """The whole a proportion is taken of, for the quarter and since the start: two
    aggregate queries, for the few indicators that ask for a proportion."""
    if not indicator.denominator_metric or indicator.denominator_metric not in metrics.REGISTRY:
        return None, None
    whole = metrics.get_metric(indicator.denominator_metric)
    total_period = values.cumulative_period(indicator.programme, period)
    programme = indicator.programme
    return whole(period, programme).value, whole(total_period, programme).value


def _indicators(programme, quarter, trend_quarters, period):
    indicators = list(
        Indicator.objects.filter(programme=programme)
        .select_related("axis", "strategy", "programme")
        .order_by("axis__number", "strategy__code", "position", "code")
    )
    year_before = Quarter(quarter.year - 1, quarter.number)
    stored = selectors.values_for(indicators, [*trend_quarters, year_before])
    manual = [i for i in indicators if i.kind == Indicator.Kind.MANUAL]
    first_quarter = Quarter.containing(programme.start_date)
    sums = selectors.manual_cumulative_sums(manual, first_quarter, quarter) if manual else {}
    key = (quarter.year, quarter.number)

    axes, by_axis = [], {}
    for indicator in indicators:
        axis_key = indicator.axis.number if indicator.axis else None
        if axis_key not in by_axis:
            by_axis[axis_key] = {
                "number": axis_key,
                "title": _both(indicator.axis, "title") if indicator.axis else None,
                "groups": [],
            }
            axes.append(by_axis[axis_key])
        groups = by_axis[axis_key]["groups"]
        strategy_code = indicator.strategy.code if indicator.strategy else None
        if not groups or groups[-1]["strategy"] != strategy_code:
            groups.append(
                {
                    "strategy": strategy_code,
                    "title": _both(indicator.strategy, "title") if indicator.strategy else None,
                    "indicators": [],
                }
            )
        row = stored.get((indicator.pk, key))
        cumulative = row.cumulative if row else None
        if row and cumulative is None and indicator.kind == Indicator.Kind.MANUAL:
            cumulative = sums.get(indicator.pk)
        describes_people = indicator.counts_people
        if indicator.kind == Indicator.Kind.COMPUTED and indicator.metric in metrics.REGISTRY:
            describes_people = metrics.get_metric(indicator.metric).describes_people
        denominator, denominator_cumulative = _denominators(indicator, period)
        before = stored.get((indicator.pk, (year_before.year, year_before.number)))
        groups[-1]["indicators"].append(
            {
                "id": indicator.pk,
                "code": indicator.code,
                "name": _both(indicator, "name"),
                "unit": _both(indicator, "unit"),
                "kind": indicator.kind,
                "metric": indicator.metric,
                "describes_people": describes_people,
                "baseline": decimal_text(indicator.baseline),
                "target": decimal_text(indicator.target),
                "progress_measure": indicator.progress_measure,
                "measured_after_end": indicator.measured_after_end,
                "denominator": denominator,
                "denominator_cumulative": denominator_cumulative,
                "year_before": decimal_text(before.value) if before else None,
                "value": decimal_text(row.value) if row else None,
                "cumulative": decimal_text(cumulative),
                "source": row.source if row else None,
                "source_note": row.source_note if row else "",
                "comment": row.comment if row else "",
                "computed_at": row.computed_at.isoformat() if row else None,
                "trend": [
                    decimal_text(stored[(indicator.pk, (q.year, q.number))].value)
                    if (indicator.pk, (q.year, q.number)) in stored
                    else None
                    for q in trend_quarters
                ],
            }
        )
    return axes


def _key_figures(period, programme=None):
    return {
        "events_held": metrics.events_held(period, programme).value,
        "participations": metrics.participations(period, programme).value,
        "unique_participants": metrics.unique_participants(period, programme).value,
    }


def _activity(period, programme=None):
    """What the events that serve the programme did in the period."""
    by_format_language = selectors.events_by_format_and_language(period, programme)
    formats = []
    for event_format in Event.Format:
        languages = {
            language.value: by_format_language.get((event_format.value, language.value), 0)
            for language in Event.Language
        }
        formats.append(
            {"format": event_format.value, "count": sum(languages.values()), "languages": languages}
        )
    situations = selectors.participants_by_situation(period, programme)
    neighbourhoods = selectors.participants_by_neighbourhood(period, programme)
    return {
        "events": selectors.event_counts(period, programme),
        "by_format": formats,
        "registrations": selectors.registration_counts(period, programme),
        "by_situation": {fact: situations[fact] for fact in SITUATION_FACTS},
        "neighbourhoods": [
            {"code": code, "name": name, "count": count}
            for code, (name, count) in sorted(neighbourhoods.items(), key=lambda i: i[1][0])
        ],
    }


def _outcomes(period):
    counts = selectors.outcome_counts(period)
    jobs = {
        contract.value: {country.value: 0 for country in Country} for contract in Outcome.Contract
    }
    totals = {kind.value: 0 for kind in Outcome.Kind}
    language_trainings = 0
    for (kind, country, contract, language_training), n in counts.items():
        totals[kind] += n
        if kind == Outcome.Kind.JOB and contract in jobs and country in jobs[contract]:
            jobs[contract][country] += n
        if kind == Outcome.Kind.TRAINING and language_training:
            language_trainings += n
    return {
        "jobs": [{"contract": contract, "countries": by} for contract, by in jobs.items()],
        "totals": totals,
        "language_trainings": language_trainings,
        # Referrals between partners (app referrals); absent from older snapshots.
        "referrals": referral_report_totals(period),
    }


def _partners(period, programme=None):
    engagement = selectors.partner_engagement(period, programme)
    roles = []
    for role in EventOrganisation.Role:
        countries = {c.value: engagement.get((role.value, c.value), 0) for c in Country}
        roles.append({"role": role.value, "countries": countries})
    organisations = selectors.organisations_taking_part(selectors.held_events(period, programme))
    figures = organisations.aggregate(
        total=Count("pk"),
        companies=Count("pk", filter=Q(kind=Organisation.Kind.COMPANY)),
    )
    return {
        "roles": roles,
        "organisations": figures["total"],
        "companies": figures["companies"],
        "most_engaged": [
            {
                "name": row["name"],
                "acronym": row["acronym"],
                "country": row["country"],
                "kind": row["kind"],
                "organised": row["organised"],
                "participated": row["participated"],
            }
            for row in selectors.most_engaged_organisations(period, programme)
        ],
    }


def _note_order(note):
    # Notes on the whole programme first, then by strategy code.
    return (note.strategy is not None, note.strategy.code if note.strategy else "")


def _notes(programme, quarter):
    notes = (
        QualitativeNote.objects.filter(
            programme=programme, year=quarter.year, quarter=quarter.number
        )
        .select_related("strategy")
        .order_by("strategy__code")
    )
    return [
        {
            "strategy": note.strategy.code if note.strategy else None,
            "title": _both(note.strategy, "title") if note.strategy else None,
            "strengths": note.strengths,
            "areas_for_progress": note.areas_for_progress,
            "decisions_follow_up": note.decisions_follow_up,
        }
        for note in sorted(notes, key=_note_order)
    ]


def _event_annex(period, programme=None):
    """The events counted, as series: those that serve the programme."""
    rows = []
    for series in selectors.event_series(period, programme):
        rows.append(
            {
                "title": {"fr": series["title_fr"] or "", "de": series["title_de"] or ""},
                "format": series["format"],
                "language": series["language"],
                "venue": f"{series['venue__name']}, {series['venue__city']}",
                "outside": bool(series["outside_centre"] or not series["venue__is_centre"]),
                "sessions": series["sessions"],
                "first": series["first"].astimezone(PARIS).date().isoformat(),
                "last": series["last"].astimezone(PARIS).date().isoformat(),
                "confirmed": series["confirmed"] or 0,
                "present": series["present"] or 0,
            }
        )
    return rows


# Versions ---------------------------------------------------------------------------


def indicator_rows(snapshot):
    """Every indicator entry of a snapshot, axis by axis."""
    for axis in snapshot.get("axes", []):
        for group in axis["groups"]:
            yield from group["indicators"]


def compare_snapshots(previous, current):
    """The indicator figures that differ between two snapshots of the same quarter:
    a list of {code, name, field, before, after}."""
    before = {row["code"]: row for row in indicator_rows(previous)}
    changes = []
    for row in indicator_rows(current):
        old = before.get(row["code"], {})
        for field in ("value", "cumulative"):
            if old.get(field) != row[field]:
                changes.append(
                    {
                        "code": row["code"],
                        "name": row["name"],
                        "field": field,
                        "before": old.get(field),
                        "after": row[field],
                        "describes_people": row["describes_people"],
                    }
                )
    return changes


# Records behind published figures ----------------------------------------------------


def record_ids(programme, quarter, snapshot):
    """The ids of the records behind each computed figure of `snapshot`, read at the
    moment it is published: {indicator id: {"quarter": [...], "cumulative": [...]}}.
    Raises ValueError when a figure no longer matches its records (the data changed
    since the report was generated)."""
    as_of = datetime.datetime.fromisoformat(snapshot["as_of"])
    found = {}
    for row in indicator_rows(snapshot):
        if row["kind"] != Indicator.Kind.COMPUTED or row["metric"] not in metrics.REGISTRY:
            continue
        follow_up = row.get("measured_after_end", False)
        period = values.quarter_period(programme, quarter, now=as_of, follow_up=follow_up)
        if period is None:
            continue
        scopes = {"quarter": period, "cumulative": values.cumulative_period(programme, period)}
        metric = metrics.get_metric(row["metric"])
        entry = {}
        for scope, span in scopes.items():
            result = metric(span, programme)
            shown = row["value"] if scope == "quarter" else row["cumulative"]
            if shown is not None and Decimal(result.value) != Decimal(shown):
                raise ValueError(row["code"])
            entry[scope] = list(result.records().order_by().values_list("pk", flat=True))
        found[str(row["id"])] = entry
    return found


def frozen_records(report, indicator, records, *, cumulative):
    """The records behind `indicator`'s figure as `report` published it, next to
    `records` (today's query for the same figure): a dict with the frozen queryset,
    how many of its records no longer exist, and how many differ today; None when the
    report stored no records for it."""
    entry = report.snapshot.get("records", {}).get(str(indicator.pk))
    if entry is None:
        return None
    ids = entry["cumulative" if cumulative else "quarter"]
    model = records.model
    frozen = model._default_manager.filter(pk__in=ids).order_by(*records.query.order_by)
    frozen.query.select_related = records.query.select_related
    existing = set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
    today = set(records.order_by().values_list("pk", flat=True))
    kept = set(ids)
    return {
        "records": frozen,
        "count": len(ids),
        "deleted": len(kept - existing),
        "no_longer_counted": len((kept & existing) - today),
        "counted_since": len(today - kept),
    }


def published_drilldown(indicator, quarter, records, *, cumulative):
    """For a figure frozen by a published report: `frozen_records` of the latest
    published version, with the figure as published (`value`); None otherwise."""
    from .models import IndicatorValue, QuarterlyReport

    frozen = IndicatorValue.objects.filter(
        indicator=indicator, year=quarter.year, quarter=quarter.number, frozen=True
    ).exists()
    if not frozen:
        return None
    report = (
        QuarterlyReport.objects.filter(
            programme_id=indicator.programme_id,
            year=quarter.year,
            quarter=quarter.number,
            status=QuarterlyReport.Status.PUBLISHED,
        )
        .order_by("-version", "-published_at")
        .first()
    )
    if report is None:
        return None
    found = frozen_records(report, indicator, records, cumulative=cumulative)
    if found is None:
        return None
    row = next((r for r in indicator_rows(report.snapshot) if r["id"] == indicator.pk), {})
    found["value"] = row.get("cumulative" if cumulative else "value")
    found["report"] = report
    return found
