"""`manage.py export_indicators PROGRAMME 2025-Q3 --format csv|json`: the indicator
values of a published report, for the funders' own systems (see indicators.exports);
`--format participants-csv`: an FSE+ programme's participants to the quarter's end, for
the mass import of Ma Démarche FSE+ (see fse.participant_export)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators import exports
from indicators.errors import ReportError
from indicators.models import Programme
from indicators.quarters import Quarter


class Command(BaseCommand):
    # Plain help texts, as in compile_report: argparse cannot take lazy ones.
    help = (
        "Print the indicator values of a programme's published report for a quarter, "
        "one line per indicator (code, names, unit, baseline, target, quarter value, "
        "cumulative, previously reported, progress, note, report version), as CSV or "
        "JSON for Synergie-CTE or Jems; or, with --format participants-csv, an FSE+ "
        "programme's participants to the quarter's end for the Ma Démarche FSE+ import."
    )

    def add_arguments(self, parser):
        parser.add_argument("programme", help="Code of the programme.")
        parser.add_argument("quarter", help="Quarter, as 2025-Q3.")
        parser.add_argument("--format", choices=exports.formats(), default="csv")
        parser.add_argument("--output", help="Write to this file instead of the output.")

    def handle(self, *args, programme, quarter, format, output, **options):
        try:
            quarter = Quarter.parse(quarter)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        found = Programme.objects.filter(code=programme).first()
        if found is None:
            raise CommandError(_("No programme has the code “%(code)s”.") % {"code": programme})
        try:
            text, _content_type, _name = exports.export(found, quarter, format)
        except ReportError as exc:
            raise CommandError(str(exc)) from exc
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.write(text)
        else:
            self.stdout.write(text, ending="")
