"""The comité de suivi report rendered from its snapshot: HTML, then PDF.

Rendering reads only the snapshot (see `snapshots`), in the report's language.
Counts that describe people and fall under 5 are printed as "< 5" (zero stays
zero: it identifies no one).
"""

import datetime
import unicodedata
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, Outcome
from events.models import Event, EventOrganisation
from partners.models import Country, Organisation

from . import charts, periods, suppression
from . import progress as progress_of
from .models import Indicator
from .quarters import PARIS, Quarter

SMALL_COUNT = suppression.SMALL_COUNT
# A cell hidden in a table with totals, whether small itself or hidden so that a
# small one cannot be worked out: the two look the same.
HIDDEN = "•"


def describe_changes(changes, language):
    """The changes as lines of text in `language`, for staff and the PDF."""
    with translation.override(language):
        if not changes:
            return _("No indicator figure changed.")
        lines = []
        for change in changes:
            field = _("quarter value") if change["field"] == "value" else _("cumulative")
            lines.append(
                _("%(code)s %(name)s, %(field)s: %(before)s → %(after)s")
                % {
                    "code": change["code"],
                    "name": _pick(change["name"], language),
                    "field": field,
                    "before": show_count(change["before"], change["describes_people"]),
                    "after": show_count(change["after"], change["describes_people"]),
                }
            )
        return "\n".join(lines)


# Rendering --------------------------------------------------------------------------


def _pick(texts, language):
    """The text in `language`, or in the other language when it was left empty."""
    if not texts:
        return ""
    return texts.get(language) or next((t for t in texts.values() if t), "")


def show_number(value):
    """A number formatted for the active language (grouped thousands), or a dash."""
    if value is None:
        return "–"
    value = Decimal(value)
    if value == value.to_integral_value():
        return formats.number_format(int(value), force_grouping=True)
    return formats.number_format(value, decimal_pos=1, force_grouping=True)


def is_suppressed(value, describes_people):
    return describes_people and value is not None and 0 < Decimal(value) < SMALL_COUNT


def show_count(value, describes_people=True):
    """Like `show_number`, but a count of people between 1 and 4 shows as "< 5"."""
    if is_suppressed(value, describes_people):
        return f"< {SMALL_COUNT}"
    return show_number(value)


def _visible(value, describes_people):
    """The value for a chart, or None when it must not be drawn."""
    if value is None or is_suppressed(value, describes_people):
        return None
    return Decimal(value)


def quarter_label(text):
    quarter = Quarter.parse(text)
    return _("Q%(number)s %(year)s") % {"number": quarter.number, "year": quarter.year}


def _quarter_parts(text):
    """("T3", "2026") for the labels under a trend column."""
    quarter = Quarter.parse(text)
    return _("Q%(number)s") % {"number": quarter.number}, str(quarter.year)


def _short_date(text):
    return formats.date_format(datetime.date.fromisoformat(text), "SHORT_DATE_FORMAT")


# The footnote mark after a progress figure, saying how it was measured.
PROGRESS_MARKS = {
    progress_of.FROM_LEVEL: "a",
    progress_of.FROM_ADDED: "b",
    progress_of.OF_TARGET: "c",
}


def show_percent(fraction):
    return formats.number_format(round(fraction * 100), force_grouping=True) + "\u00a0%"


def _proportion(part, whole, people):
    """ "25 % of 48" under a count that asks for a proportion, or "" when either
    figure is hidden (a proportion of a hidden count would disclose it)."""
    if whole is None or is_suppressed(part, people) or is_suppressed(whole, people):
        return ""
    share = progress_of.proportion(part, whole)
    if share is None:
        return ""
    return _("%(percent)s of %(whole)s") % {
        "percent": show_percent(share),
        "whole": show_number(whole),
    }


# Snapshots frozen before the situation at entry became several facts name the
# single situation of those days.
FACT_OF_FORMER_SITUATION = {"job_seeker": "registered_job_seeker", "rsa": "rsa_recipient"}


def _fact_label(code):
    """The label of a fact of the situation at entry, as a snapshot names it."""
    return Beneficiary._meta.get_field(FACT_OF_FORMER_SITUATION.get(code, code)).verbose_name


def _indicator_context(row, language, trend_quarters):
    people = row["describes_people"]
    cumulative = row["cumulative"]
    measured = row.get("progress_measure") == progress_of.FROM_LEVEL
    hidden = is_suppressed(row["value"] if measured else cumulative, people)
    reached = progress_of.progress(row, hidden=hidden)
    trend = row["trend"]
    previous = trend[-2] if len(trend) >= 2 else None
    name = _pick(row["name"], language)
    return {
        "code": row["code"],
        "name": name,
        "unit": _pick(row["unit"], language),
        "manual": row["kind"] == Indicator.Kind.MANUAL,
        "baseline": show_number(row["baseline"]),
        "target": show_number(row["target"]),
        "value": show_count(row["value"], people),
        "cumulative": show_count(cumulative, people),
        "percent": show_percent(reached.fraction) if reached else "–",
        "progress_mark": PROGRESS_MARKS[reached.basis] if reached else "",
        "value_share": _proportion(row["value"], row.get("denominator"), people),
        "cumulative_share": _proportion(cumulative, row.get("denominator_cumulative"), people),
        "progress": charts.progress(
            max(0, reached.fraction) if reached else None,
            title=_("%(name)s: progress towards the target") % {"name": name},
        ),
        "trend": [
            {"quarter": quarter_label(q), "value": show_count(v, people)}
            for q, v in zip(trend_quarters, trend, strict=True)
        ],
        "previous": show_count(previous, people) if previous is not None else "–",
        "trend_chart": charts.trend_columns(
            [_visible(v, people) for v in trend],
            labels=[_quarter_parts(q) for q in trend_quarters],
            shown=[show_count(v, people) for v in trend],
            # The chart's text alternative carries its figures.
            title=_("%(name)s, trend: %(figures)s")
            % {
                "name": name,
                "figures": "; ".join(
                    f"{quarter_label(q)}: {show_count(v, people)}"
                    for q, v in zip(trend_quarters, trend, strict=True)
                ),
            },
        ),
        "missing": row["value"] is None,
        "source_note": row["source_note"],
        "comment": row["comment"],
    }


def report_context(snapshot, *, language, version, generated_at):
    """Template context for a snapshot in `language` (to be called under
    `translation.override(language)`)."""
    trend_quarters = snapshot["trend_quarters"]
    axes = []
    for axis in snapshot["axes"]:
        groups = []
        for group in axis["groups"]:
            groups.append(
                {
                    "strategy": group["strategy"],
                    "title": _pick(group["title"], language),
                    "indicators": [
                        _indicator_context(row, language, trend_quarters)
                        for row in group["indicators"]
                    ],
                }
            )
        axes.append(
            {
                "number": axis["number"],
                "title": _pick(axis["title"], language) if axis["title"] else "",
                "groups": groups,
            }
        )

    activity = snapshot["activity"]
    formats_rows = [
        {
            "label": Event.Format(row["format"]).label,
            "count": show_number(row["count"]),
            "languages": [show_number(row["languages"][lang.value]) for lang in Event.Language],
        }
        for row in activity["by_format"]
    ]
    registrations = activity["registrations"]
    confirmed = registrations["confirmed"]
    outcomes = snapshot["outcomes"]
    tables = _hidden_in_tables(activity, outcomes)

    def cell(key, value):
        return HIDDEN if key in tables else show_number(value)

    rate = None
    # A rate shown beside a hidden count would give it back.
    if confirmed >= SMALL_COUNT and ("present",) not in tables:
        rate = formats.number_format(
            round(Decimal(registrations["present"]) / confirmed * 100), force_grouping=True
        )
    situations = [
        {"label": _fact_label(code), "count": show_count(count)}
        for code, count in activity["by_situation"].items()
    ]
    neighbourhoods = [
        {"name": row["name"], "count": cell(("qpv", row["code"]), row["count"])}
        for row in activity["neighbourhoods"]
    ]
    neighbourhood_count = sum(r["count"] for r in activity["neighbourhoods"])

    job_rows = [
        {
            "label": Outcome.Contract(row["contract"]).label,
            "fr": cell(("job", row["contract"], Country.FRANCE), row["countries"][Country.FRANCE]),
            "de": cell(
                ("job", row["contract"], Country.GERMANY), row["countries"][Country.GERMANY]
            ),
            "ch": cell(
                ("job", row["contract"], Country.SWITZERLAND),
                row["countries"][Country.SWITZERLAND],
            ),
            "raw": {
                country: None
                if ("job", row["contract"], country) in tables
                else row["countries"][country]
                for country in row["countries"]
            },
        }
        for row in outcomes["jobs"]
    ]
    job_totals = {
        country.value: sum(row["countries"][country.value] for row in outcomes["jobs"])
        for country in Country
    }
    shown_job_totals = {
        country: cell(("jobs", country), count) for country, count in job_totals.items()
    }
    totals = outcomes["totals"]
    job_cells = [
        ("job", row["contract"], country) for row in outcomes["jobs"] for country in Country
    ]

    partners = snapshot["partners"]
    role_rows = [
        {
            "label": EventOrganisation.Role(row["role"]).label,
            "countries": [show_number(row["countries"][c.value]) for c in Country],
            "total": show_number(sum(row["countries"].values())),
        }
        for row in partners["roles"]
    ]
    engaged = [
        {
            "name": row["name"] + (f" ({row['acronym']})" if row["acronym"] else ""),
            "country": Country(row["country"]).label,
            "kind": Organisation.Kind(row["kind"]).label,
            "organised": show_number(row["organised"]),
            "participated": show_number(row["participated"]),
        }
        for row in partners["most_engaged"]
    ]

    notes = [
        {
            "strategy": note["strategy"],
            "title": _pick(note["title"], language) if note["title"] else "",
            "strengths": note["strengths"],
            "areas_for_progress": note["areas_for_progress"],
            "decisions_follow_up": note["decisions_follow_up"],
        }
        for note in snapshot["notes"]
    ]
    events = _event_groups(snapshot["events"], language)
    key = snapshot["key_figures"]
    from .summary import summarise  # the summary reads this module's formatting

    return {
        "summary": summarise(snapshot, language),
        "language": language,
        "programme": {
            "code": snapshot["programme"]["code"],
            "name": _pick(snapshot["programme"]["name"], language),
            "funder": snapshot["programme"]["funder"],
        },
        "eu_funded": is_eu_funded(snapshot["programme"]["funder"]),
        "eu_emblem": charts.eu_emblem(title=_("Flag of the European Union")),
        "quarter": quarter_label(snapshot["quarter"]),
        "period": periods.range_phrase(
            datetime.date.fromisoformat(snapshot["period"]["first_day"]),
            datetime.date.fromisoformat(snapshot["period"]["last_day"]),
            language,
        ),
        "as_of": formats.date_format(
            datetime.datetime.fromisoformat(snapshot["as_of"]).astimezone(PARIS),
            "DATETIME_FORMAT",
        ),
        "version": version,
        "generated_at": (
            formats.date_format(generated_at.astimezone(PARIS), "DATETIME_FORMAT")
            if generated_at
            else ""
        ),
        "trend_quarters": [quarter_label(q) for q in trend_quarters],
        # A quarter after the programme's end reports only results measured after it.
        "follow_up": snapshot.get("follow_up", False),
        "follow_up_until": _follow_up_until(snapshot, language),
        "events_counted": key["events_held"],
        "axes": axes,
        "key_figures": [
            (_("Events held"), show_number(key["events_held"])),
            (_("People taking part"), show_count(key["unique_participants"])),
            (_("Participations"), cell(("participations",), key["participations"])),
            (_("Attendance rate"), f"{rate} %" if rate is not None else "–"),
            (_("Jobs in Germany"), shown_job_totals[Country.GERMANY]),
            (_("Jobs in France"), shown_job_totals[Country.FRANCE]),
            (_("Organisations taking part"), show_number(partners["organisations"])),
        ],
        "events_counts": {k: show_number(v) for k, v in activity["events"].items()},
        "languages": [lang.label for lang in Event.Language],
        "formats": formats_rows,
        "formats_chart": charts.horizontal_bars(
            [
                (Event.Format(r["format"]).label, r["count"], show_number(r["count"]))
                for r in activity["by_format"]
            ],
            title=_("Events held by format"),
        ),
        "registrations": {
            "confirmed": show_count(registrations["confirmed"]),
            "waitlisted": show_count(registrations["waitlisted"]),
            "cancelled": show_count(registrations["cancelled"]),
            "present": cell(("present",), registrations["present"]),
            "participations": cell(("participations",), registrations["participations"]),
            "walk_ins": cell(("walk_ins",), registrations["walk_ins"]),
            "rate": f"{rate} %" if rate is not None else "–",
        },
        "unique_participants": show_count(key["unique_participants"]),
        "situations": situations,
        # Nothing to show when every situation counts fewer than 5 people.
        "situations_all_hidden": all(
            count < SMALL_COUNT for count in activity["by_situation"].values()
        )
        and any(activity["by_situation"].values()),
        "situations_chart": charts.horizontal_bars(
            [
                (_fact_label(code), _visible(count, True), show_count(count))
                for code, count in activity["by_situation"].items()
            ],
            title=_("People taking part, by situation at entry"),
        ),
        "neighbourhoods": neighbourhoods,
        "neighbourhood_total": cell(("qpv", None), neighbourhood_count),
        "neighbourhood_count": show_count(neighbourhood_count),
        "neighbourhoods_all_hidden": suppression.everything_hidden(
            [("qpv", r["code"]) for r in activity["neighbourhoods"]],
            tables,
            {("qpv", r["code"]): r["count"] for r in activity["neighbourhoods"]},
        ),
        "neighbourhood_total_hidden": ("qpv", None) in tables,
        "jobs": job_rows,
        "job_totals": shown_job_totals,
        "jobs_all_hidden": suppression.everything_hidden(
            job_cells, tables, _job_cell_counts(outcomes)
        ),
        "job_count": cell(("jobs", None), totals[Outcome.Kind.JOB]),
        "hidden_mark": HIDDEN,
        "jobs_chart": charts.paired_bars(
            [
                (
                    row["label"],
                    (_visible(row["raw"][Country.FRANCE], True), row["fr"]),
                    (_visible(row["raw"][Country.GERMANY], True), row["de"]),
                )
                for row in job_rows
            ],
            title=_("Jobs by country and contract"),
            legend=(Country.FRANCE.label, Country.GERMANY.label),
        ),
        "outcome_totals": [
            (_("Jobs"), cell(("jobs", None), totals[Outcome.Kind.JOB])),
            (_("Trainings"), show_count(totals[Outcome.Kind.TRAINING])),
            (
                _("of which bilingual or German language training"),
                show_count(outcomes["language_trainings"]),
            ),
            (_("Qualifications"), show_count(totals[Outcome.Kind.QUALIFICATION])),
            (_("Business creations"), show_count(totals[Outcome.Kind.BUSINESS_CREATION])),
            (_("Exits from RSA"), show_count(totals[Outcome.Kind.RSA_EXIT])),
            (
                _("Referrals to the cross-border placement service (Kehl)"),
                show_count(totals[Outcome.Kind.PLACEMENT_REFERRAL]),
            ),
            *_referral_totals(outcomes.get("referrals")),
        ],
        "countries": [c.label for c in Country],
        "roles": role_rows,
        "organisations": show_number(partners["organisations"]),
        "companies": show_number(partners["companies"]),
        "engaged": engaged,
        "notes": notes,
        "has_notes": any(n["strengths"] or n["areas_for_progress"] for n in notes),
        "decisions": [n for n in notes if n["decisions_follow_up"]],
        "changes": describe_changes(snapshot["changes"], language).splitlines()
        if version > 1
        else [],
        "events": events,
        "small_count": SMALL_COUNT,
    }


def _follow_up_until(snapshot, language):
    until = snapshot["programme"].get("follow_up_until")
    return periods.day_phrase(datetime.date.fromisoformat(until), language) if until else ""


# Interreg (ERDF) and ESF+ programmes must show the EU emblem and the co-funding
# statement: their funder names one of these.
EU_FUNDS = ("interreg", "feder", "efre", "erdf", "fse", "esf")


def is_eu_funded(funder):
    words = funder.lower().replace("+", " ").replace("(", " ").replace(")", " ").split()
    return any(word.strip("/,") in EU_FUNDS for word in words)


def _event_groups(rows, language):
    """The annex's events by title, format and language spoken, each with its series
    (one per venue) in date order. A title is printed once rather than once per
    series: the annex is half as long, and WeasyPrint lays it out in half the time."""
    groups = {}
    for row in rows:
        title = _pick(row["title"], language)
        group = groups.setdefault(
            (title, row["format"], row["language"]),
            {
                "title": title,
                "format": Event.Format(row["format"]).label,
                "language": Event.Language(row["language"]).label,
                "series": [],
            },
        )
        group["series"].append(
            {
                "venue": row["venue"],
                "outside": row["outside"],
                "sessions": show_number(row["sessions"]),
                "dates": (
                    _short_date(row["first"])
                    if row["first"] == row["last"]
                    else f"{_short_date(row['first'])} – {_short_date(row['last'])}"
                ),
                "confirmed": show_count(row["confirmed"]),
                "present": show_count(row["present"]),
            }
        )
    return sorted(
        groups.values(),
        key=lambda group: (_sort_key(group["title"]), group["format"], group["language"]),
    )


def _sort_key(text):
    """Alphabetical order that files "É" with "E"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def download_name(report):
    """The PDF's file name in the report's language: "…-2026-T3-fr-v1.pdf",
    "…-2026-Q3-de-v1.pdf"."""
    with translation.override(report.language):
        quarter = _("Q%(number)s") % {"number": report.quarter}
    return (
        f"{report.programme.code}-{report.year}-{quarter}-{report.language}-v{report.version}.pdf"
    )


def _referral_totals(referrals):
    """The report's lines on referrals between partners (none in a snapshot taken
    before they existed); counts of 1 to 4 are suppressed as for people."""
    if not referrals:
        return []
    median = referrals["median_days"]
    return [
        (_("Referrals sent to partners"), show_count(referrals["sent"])),
        (_("Referrals accepted by partners"), show_count(referrals["accepted"])),
        (_("Referrals refused by partners"), show_count(referrals["refused"])),
        (_("Referrals expired without an answer"), show_count(referrals["expired"])),
        (_("Referrals with a result"), show_count(referrals["results"])),
        (
            _("Median days to a partner's answer"),
            "–" if median is None else formats.number_format(median, 1),
        ),
    ]


def _job_cell_counts(outcomes):
    return {
        ("job", row["contract"], country): count
        for row in outcomes["jobs"]
        for country, count in row["countries"].items()
    }


def _hidden_in_tables(activity, outcomes):
    """The cells to hide in the report's tables that show totals: the jobs by
    contract and country with the country totals and the number of jobs, the
    residents of priority neighbourhoods with their total, and the registered people
    present with the walk-ins, which add up to the participations."""
    jobs = _job_cell_counts(outcomes)
    cells = dict(jobs)
    lines = []
    countries = sorted({country for _job, _contract, country in jobs})
    for country in countries:
        parts = [key for key in jobs if key[2] == country]
        cells[("jobs", country)] = sum(cells[key] for key in parts)
        lines.append((parts, ("jobs", country)))
    cells[("jobs", None)] = sum(cells[("jobs", country)] for country in countries)
    lines.append(([("jobs", country) for country in countries], ("jobs", None)))

    neighbourhoods = [("qpv", row["code"]) for row in activity["neighbourhoods"]]
    for row in activity["neighbourhoods"]:
        cells[("qpv", row["code"])] = row["count"]
    cells[("qpv", None)] = sum(row["count"] for row in activity["neighbourhoods"])
    lines.append((neighbourhoods, ("qpv", None)))

    registrations = activity["registrations"]
    for name in ("present", "walk_ins", "participations"):
        cells[(name,)] = registrations[name]
    lines.append(([("present",), ("walk_ins",)], ("participations",)))
    return suppression.hidden_cells(cells, lines)


def render_html(snapshot, *, language, version=1, generated_at=None):
    with translation.override(language):
        context = report_context(
            snapshot, language=language, version=version, generated_at=generated_at
        )
        return render_to_string("indicators/report.html", context)


def render_pdf(snapshot, *, language, version=1, generated_at=None):
    """The report as PDF bytes, in `language`."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_html(snapshot, language=language, version=version, generated_at=generated_at)
    # PDF/UA-1: tagged (structure tree, table header cells), with the document's
    # language, its title shown by readers and XMP metadata, for screen readers and
    # for copy-paste in reading order.
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
