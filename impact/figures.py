"""The open impact page's figures, read only from published comité de suivi reports.

Each programme's quarter is the frozen snapshot of its latest published report
(either language: both show the same figures), so the page shows nothing a published
report does not, and never changes when the records behind it do. Counts of people
are suppressed exactly as in the reports: the report's own rendering
(`indicators.reports.report_context`) gives every figure shown here.
"""

from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext as _

from beneficiaries.models import Outcome
from indicators import charts, reports
from indicators.models import QuarterlyReport
from indicators.quarters import Quarter
from partners.resources import neutralise_formula

OUTCOME_KINDS = [
    Outcome.Kind.JOB,
    Outcome.Kind.TRAINING,
    Outcome.Kind.QUALIFICATION,
    Outcome.Kind.BUSINESS_CREATION,
    Outcome.Kind.RSA_EXIT,
    Outcome.Kind.PLACEMENT_REFERRAL,
]


def published_snapshots():
    """[(programme code, Quarter, snapshot)] of the latest published report of each
    programme and quarter, newest quarter first: one query."""
    published = QuarterlyReport.objects.filter(status=QuarterlyReport.Status.PUBLISHED)
    latest = (
        published.filter(
            programme=OuterRef("programme"), year=OuterRef("year"), quarter=OuterRef("quarter")
        )
        .order_by("-published_at", "-version", "-pk")
        .values("pk")[:1]
    )
    rows = (
        published.filter(pk=Subquery(latest))
        .order_by("-year", "-quarter", "programme__code")
        .values_list("programme__code", "year", "quarter", "snapshot")
    )
    return [(code, Quarter(year, number), snapshot) for code, year, number, snapshot in rows]


def _is_shown_as_number(raw, shown):
    """Whether a figure is shown as itself (not "< 5", not hidden): only those get a bar."""
    return raw is not None and shown == reports.show_number(raw)


def programme_quarter(snapshot, language):
    """What the page shows of one programme's quarter, in `language`."""
    with translation.override(language):
        report = reports.report_context(snapshot, language=language, version=1, generated_at=None)
        key = snapshot["key_figures"]
        partners = snapshot["partners"]
        figures = [
            (_("Events held"), reports.show_number(key["events_held"])),
            (_("Participations"), dict(report["key_figures"])[_("Participations")]),
            (_("People taking part"), report["unique_participants"]),
            (_("Organisations engaged"), reports.show_number(partners["organisations"])),
            (_("of which companies"), reports.show_number(partners["companies"])),
        ]
        totals = snapshot["outcomes"]["totals"]
        outcomes = []
        for kind, (label, shown) in zip(OUTCOME_KINDS, _outcome_rows(report), strict=True):
            raw = totals.get(kind.value)
            outcomes.append(
                {
                    "label": label,
                    "shown": shown,
                    "raw": raw if _is_shown_as_number(raw, shown) else None,
                }
            )
        indicators = [
            {
                "code": row["code"],
                "name": row["name"],
                "unit": row["unit"],
                "target": row["target"],
                "cumulative": row["cumulative"],
                "percent": row["percent"],
                "progress": row["progress"],
            }
            for axis in report["axes"]
            for group in axis["groups"]
            for row in group["indicators"]
        ]
        return {
            "code": snapshot["programme"]["code"],
            "name": report["programme"]["name"],
            "funder": report["programme"]["funder"],
            "eu_funded": report["eu_funded"],
            "quarter": report["quarter"],
            "period": report["period"],
            "figures": figures,
            "outcomes": outcomes,
            "outcomes_chart": charts.horizontal_bars(
                [(o["label"], o["raw"], o["shown"]) for o in outcomes],
                # Room for the longest label (the referrals to the Kehl service).
                width=680,
                label_width=340,
                title=_("%(programme)s, outcomes of the quarter: %(figures)s")
                % {
                    "programme": report["programme"]["name"],
                    "figures": "; ".join(f"{o['label']}: {o['shown']}" for o in outcomes),
                },
            ),
            "indicators": indicators,
        }


def _outcome_rows(report):
    """The report's lines of the outcome kinds (its first seven lines, in the order of
    OUTCOME_KINDS once its "of which language training" line is left out; the
    referral lines that follow are not outcomes of people)."""
    rows = report["outcome_totals"]
    return [rows[0], rows[1], *rows[3:7]]


def trend(snapshots, language):
    """Events held and people taking part over the published quarters of one
    programme (oldest first), as charts with their figures in their text alternative."""
    with translation.override(language):
        ordered = sorted(snapshots, key=lambda item: item[0])
        labels = [
            (_("Q%(number)s") % {"number": quarter.number}, str(quarter.year))
            for quarter, _snapshot in ordered
        ]
        quarters = [reports.quarter_label(str(quarter)) for quarter, _snapshot in ordered]
        events = [snapshot["key_figures"]["events_held"] for _quarter, snapshot in ordered]
        people = [snapshot["key_figures"]["unique_participants"] for _quarter, snapshot in ordered]
        people_shown = [reports.show_count(n) for n in people]

        def chart(values, shown, name):
            return charts.trend_columns(
                [
                    Decimal(v) if _is_shown_as_number(v, s) else None
                    for v, s in zip(values, shown, strict=True)
                ],
                labels=labels,
                shown=shown,
                width=max(112, 56 * len(values)),
                title=_("%(name)s by quarter: %(figures)s")
                % {
                    "name": name,
                    "figures": "; ".join(f"{q}: {s}" for q, s in zip(quarters, shown, strict=True)),
                },
            )

        return {
            "events": chart(events, [reports.show_number(n) for n in events], _("Events held")),
            "people": chart(people, people_shown, _("People taking part")),
        }


def csv_rows(language):
    """The page's data as rows (header first), in `language`, every published quarter
    of every programme: figures as the page shows them ("< 5" for small counts)."""
    published = published_snapshots()
    with translation.override(language):
        rows = [[_("programme"), _("quarter"), _("period"), _("section"), _("figure"), _("value")]]
        for _code, quarter, snapshot in published:
            shown = programme_quarter(snapshot, language)
            base = [shown["name"], str(quarter), shown["period"]]
            for label, value in shown["figures"]:
                rows.append([*base, _("Activity"), label, value])
            for outcome in shown["outcomes"]:
                rows.append([*base, _("Outcomes"), outcome["label"], outcome["shown"]])
            for row in shown["indicators"]:
                name = f"{row['code']} {row['name']}"
                for label, value in (
                    (_("cumulative"), row["cumulative"]),
                    (_("target"), row["target"]),
                    (_("% of target"), row["percent"]),
                ):
                    rows.append([*base, _("Indicators"), f"{name} – {label}", value])
    return [[neutralise_formula(str(cell)) for cell in row] for row in rows]
