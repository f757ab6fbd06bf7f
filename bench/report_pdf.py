"""Benchmark: the report's PDF alone, from one snapshot, in both languages.

Not a test. Builds the quarter's snapshot once per programme (as the report does),
then renders its PDF several times in French and German and prints the median wall
and CPU time, the pages and the size: the figure to watch when changing the
template, its CSS or the charts. Run it on the benchmark database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lieu_bench SECRET_KEY=bench \\
        .venv/bin/python bench/report_pdf.py --rounds 5

The CPU time is what the layout costs; the wall time grows with the machine's load.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieu_ressource.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--programme", action="append", help="default: convention-2020, interreg-lieu-ressource"
    )
    parser.add_argument("--quarter", default="2025-Q3")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from django.utils import timezone
    from pypdf import PdfReader

    from indicators import reports, snapshots, values
    from indicators.models import Programme
    from indicators.quarters import Quarter

    quarter, now = Quarter.parse(args.quarter), timezone.now()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for code in args.programme or ["convention-2020", "interreg-lieu-ressource"]:
        programme = Programme.objects.get(code=code)
        period = values.quarter_period(programme, quarter, now=now)
        trend = values.trend_quarters(programme, quarter, now=now)
        values.refresh_values(programme, trend, now=now)
        snapshot = snapshots.build_snapshot(
            programme, quarter, period=period, trend_quarters=trend, as_of=now
        )
        for language in ("fr", "de"):
            reports.render_pdf(snapshot, language=language)  # warm-up: fonts, imports
            walls, cpus = [], []
            for _round in range(args.rounds):
                started, cpu = time.perf_counter(), time.process_time()
                pdf = reports.render_pdf(snapshot, language=language)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            print(
                f"{code} {quarter} {language}: median {statistics.median(walls):.2f} s wall, "
                f"{statistics.median(cpus):.2f} s CPU over {args.rounds} renders; "
                f"{pages} pages, {len(pdf) / 1024:.0f} kB, "
                f"{len(snapshot['events'])} event series in the annex"
            )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
