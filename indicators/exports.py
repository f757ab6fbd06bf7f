"""Indicator values for the funders' own systems, from a published report.

Per programme and quarter, one line per indicator in the shape of an Interreg
project report's output line, so that staff can key it into Synergie-CTE or Jems:
code, name and unit in both languages, baseline, target, the quarter's value, the
cumulative value, the cumulative value previously reported (the latest published
report of an earlier quarter), progress to the target (1 = reached), the
qualitative note, and the published report the figures come from. Everything is
read from published snapshots: the export says what the committee received, whatever
the records say today. Numbers are decimal texts as the snapshot holds them ("12",
"12.5"); an empty cell (CSV) or null (JSON) means no figure.

Other exports, which do not read a published report (the FSE+ participants' entry
and exit data, fse.participant_export), register in `OTHER_EXPORTS`, so that
`manage.py export_indicators` offers them alike.
"""

import csv
import io
import json

from django.db.models import Q
from django.utils.translation import gettext as _

from . import progress as progress_of
from . import snapshots
from .errors import ReportError
from .models import QuarterlyReport

# The columns, in order: the CSV header and the keys of each JSON line.
FIELDS = (
    "programme",
    "quarter",
    "code",
    "name_fr",
    "name_de",
    "unit_fr",
    "unit_de",
    "baseline",
    "target",
    "value",
    "cumulative",
    "previously_reported",
    "progress",
    "note",
    "report_version",
    "published_at",
)


class NothingPublished(ReportError):
    pass


def published_report(programme, quarter):
    """The latest published version of the programme's report for the quarter (both
    languages of a version hold the same figures)."""
    report = (
        QuarterlyReport.objects.filter(
            programme=programme,
            year=quarter.year,
            quarter=quarter.number,
            status=QuarterlyReport.Status.PUBLISHED,
        )
        .order_by("-version", "-language")
        .first()
    )
    if report is None:
        raise NothingPublished(
            _(
                "Nothing is published for %(programme)s in %(quarter)s: only the figures "
                "of a published report can be exported."
            )
            % {"programme": programme.code, "quarter": quarter}
        )
    return report


def _previously_published(report):
    """The latest published report of an earlier quarter of the same programme."""
    earlier = Q(year__lt=report.year) | Q(year=report.year, quarter__lt=report.quarter)
    return (
        QuarterlyReport.objects.filter(
            earlier,
            programme_id=report.programme_id,
            status=QuarterlyReport.Status.PUBLISHED,
        )
        .order_by("-year", "-quarter", "-version", "-language")
        .first()
    )


def _progress_text(row):
    reached = progress_of.progress(row)
    if reached is None:
        return None
    return snapshots.decimal_text(round(reached.fraction, 4))


def indicator_lines(report):
    """The export lines of a published report: a list of dicts keyed by FIELDS."""
    previous = _previously_published(report)
    before = {}
    if previous is not None:
        before = {
            row["code"]: row["cumulative"] for row in snapshots.indicator_rows(previous.snapshot)
        }
    snapshot = report.snapshot
    lines = []
    for row in snapshots.indicator_rows(snapshot):
        lines.append(
            {
                "programme": snapshot["programme"]["code"],
                "quarter": snapshot["quarter"],
                "code": row["code"],
                "name_fr": row["name"].get("fr", ""),
                "name_de": row["name"].get("de", ""),
                "unit_fr": row["unit"].get("fr", ""),
                "unit_de": row["unit"].get("de", ""),
                "baseline": row["baseline"],
                "target": row["target"],
                "value": row["value"],
                "cumulative": row["cumulative"],
                "previously_reported": before.get(row["code"]),
                "progress": _progress_text(row),
                "note": row["comment"],
                "report_version": report.version,
                "published_at": report.published_at.isoformat() if report.published_at else None,
            }
        )
    return lines


def as_csv(lines):
    """The lines as CSV text (UTF-8, comma-separated, a header row of FIELDS)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for line in lines:
        writer.writerow({key: "" if value is None else value for key, value in line.items()})
    return out.getvalue()


def as_json(lines):
    """The lines as a JSON array, keys in the order of FIELDS."""
    return json.dumps(lines, ensure_ascii=False, indent=2) + "\n"


# format -> (render function of the lines, content type, file extension)
EXPORTS = {
    "csv": (as_csv, "text/csv; charset=utf-8", "csv"),
    "json": (as_json, "application/json", "json"),
}

# format -> function (programme, quarter) -> (text, content type, file name), for the
# exports that are not the published indicator values; filled by the apps that own
# them (fse.apps), refusing with a ReportError what they cannot export.
OTHER_EXPORTS = {}


def formats():
    """Every export format, sorted."""
    return sorted({*EXPORTS, *OTHER_EXPORTS})


def export(programme, quarter, file_format):
    """The indicator values of the programme's published report for the quarter (or
    another registered export), as (text, content type, file name)."""
    if file_format in OTHER_EXPORTS:
        return OTHER_EXPORTS[file_format](programme, quarter)
    if file_format not in EXPORTS:
        raise ReportError(_("Unknown export format “%(format)s”.") % {"format": file_format})
    render, content_type, extension = EXPORTS[file_format]
    report = published_report(programme, quarter)
    name = f"{programme.code}-{quarter}-indicators-v{report.version}.{extension}"
    return render(indicator_lines(report)), content_type, name
