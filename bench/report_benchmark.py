"""Benchmark: compile one quarter's comité de suivi report on seed_demo data.

Not a test. Run it against PostgreSQL with a database of its own, e.g.

    createdb -h 127.0.0.1 -U postgres lieu_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lieu_bench SECRET_KEY=bench \\
        .venv/bin/python bench/report_benchmark.py --scale 250

The first run migrates and seeds the database (`seed_demo --scale 250`: 50,000
beneficiaries, 500,000 registrations; several minutes); later runs reuse it. The
report is compiled once to warm up (imports, fonts, database caches), then measured:

- total time of `services.generate_report` (figures, PDF, file), by phase;
- SQL time and number of queries, in total and per indicator;
- peak memory of the process (resident set size);
- the SQL floor, written by hand (bench/report_floor.py): the computed indicators of
  the quarter and their cumulative values, and the key figures, in one statement of
  a few passes over the tables; plus the report's section queries (already one
  grouped query each) replayed on a raw cursor, and the read of the stored values.
  Every hand-computed figure is checked equal to the report's: the script exits
  with an error when one differs.

The report is compiled at the real present (the quarter is long over), so values
stored by the warm-up run carry real timestamps, as they would in production: the
measured run recomputes the report's own quarter and reuses the earlier quarters of
its trend (nothing they read changed in between).

Targets: the figures (the run without its PDF) within 2× the hand-written floor
(issue 10), the whole report with its PDF within 3× (issue 12), at most 10 queries
per indicator, peak memory under 300 MB. The PDF is pure Python work on one core
while the floor is mostly the database's, so the script prints the PDF's CPU time
and the load average beside the wall times: on a busy machine the PDF's wall time
grows with the load.
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieu_ressource.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=250, help="seed_demo scale (default 250)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--today", default="2025-10-15", help="seed_demo's today (default 2025-10-15)"
    )
    parser.add_argument("--programme", default="convention-2020")
    parser.add_argument("--quarter", default="2025-Q3")
    parser.add_argument("--lang", default="fr")
    parser.add_argument(
        "--rounds", type=int, default=5, help="measured runs, each with its floor (median)"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a target is missed (see above)"
    )
    return parser.parse_args()


class QueryLog:
    """Every query run through Django's connection, with its duration."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, params, many, time.perf_counter() - started))

    @property
    def seconds(self):
        return sum(q[3] for q in self.queries)


PDF = "PDF layout (WeasyPrint, includes HTML)"


class Phases:
    """Wall and CPU time spent in a few functions of the report, wrapped in place."""

    def __init__(self):
        self.seconds = {}
        self.cpu = {}

    def reset(self):
        self.seconds.clear()
        self.cpu.clear()

    def wrap(self, module, name, label):
        original = getattr(module, name)

        def timed(*args, **kwargs):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0) + time.perf_counter() - started
                self.cpu[label] = self.cpu.get(label, 0) + time.process_time() - cpu

        setattr(module, name, timed)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def logged(connection):
    log = QueryLog()
    with connection.execute_wrapper(log):
        yield log


def main():
    args = parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from beneficiaries.models import Beneficiary
    from events.models import Event, Registration
    from indicators import reports, services, snapshots, values
    from indicators.models import Indicator, Programme, QuarterlyReport, private_storage
    from indicators.quarters import Quarter

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if not Event.objects.exists():
        print(f"seeding: seed_demo --scale {args.scale} --seed {args.seed} --today {args.today}")
        started = time.perf_counter()
        call_command(
            "seed_demo",
            scale=args.scale,
            seed=args.seed,
            today=datetime.date.fromisoformat(args.today),
        )
        print(f"seeded in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
    print(
        f"data: {Beneficiary.objects.count():,} beneficiaries, "
        f"{Registration.objects.count():,} registrations, {Event.objects.count():,} events"
    )

    programme = Programme.objects.get(code=args.programme)
    quarter = Quarter.parse(args.quarter)
    indicators = Indicator.objects.filter(programme=programme)
    computed = indicators.filter(kind=Indicator.Kind.COMPUTED).count()
    now = timezone.now()

    def compile_once():
        report, _queued = services.request_report(programme, quarter, args.lang, enqueue=False)
        if report.status == QuarterlyReport.Status.PUBLISHED:
            raise SystemExit("the report is published: use another quarter or database")
        return services.generate_report(report, now=now)

    print("warm-up run…")
    compile_once()

    phases = Phases()
    phases.wrap(values, "refresh_values", "indicator values (recompute and store)")
    phases.wrap(snapshots, "build_snapshot", "report figures (snapshot)")
    phases.wrap(reports, "render_html", "HTML template")
    phases.wrap(reports, "render_pdf", PDF)
    phases.wrap(services, "write_private_file", "file written atomically")

    # Each round: the report, then its floor right after it, so that both see the
    # same load; the ratios are the medians of the rounds' ratios.
    rss_before = peak_rss_mb()
    rounds, load_before = [], os.getloadavg()
    for _round in range(args.rounds):
        phases.reset()
        with logged(connection) as log:
            started = time.perf_counter()
            report = compile_once()
            total = time.perf_counter() - started
        assert report.status == QuarterlyReport.Status.DONE, report.error
        floor, checked = hand_written_floor(connection, programme, quarter, report.snapshot, now)
        rounds.append(
            {
                "total": total,
                "phases": dict(phases.seconds),
                "cpu": dict(phases.cpu),
                "sql": log.seconds,
                "queries": len(log.queries),
                "floor": floor,
                "with_pdf": total / floor["total"],
                "without_pdf": (total - phases.seconds[PDF]) / floor["total"],
            }
        )
    load_after = os.getloadavg()

    def median(key, *keys):
        def value(r):
            for k in (key, *keys):
                r = r[k]
            return r

        return statistics.median(value(r) for r in rounds)

    indicator_count = indicators.count()
    queries = max(r["queries"] for r in rounds)
    size = private_storage().size(report.file.name)
    print()
    print(
        f"report: {report} ({size / 1024:.0f} kB), {indicator_count} indicators, "
        f"{computed} computed; median of {len(rounds)} runs, each with its floor"
    )
    print(f"load average: {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"total time:               {median('total'):8.2f} s")
    for label in rounds[0]["phases"]:
        print(f"  {label:<40} {median('phases', label):6.2f} s (CPU {median('cpu', label):5.2f} s)")
    print(f"SQL time (in the run):    {median('sql'):8.2f} s over {queries} queries")
    print(f"queries per indicator:    {queries / indicator_count:8.1f}")
    print(
        f"hand-written floor:       {median('floor', 'total'):8.2f} s "
        f"({checked} figures checked equal)"
    )
    print(f"  indicators and key figures, one statement   {median('floor', 'hand'):6.2f} s")
    print(
        f"  section queries replayed ({floor['replayed']:3d})          "
        f"{median('floor', 'sections'):6.2f} s"
    )
    with_pdf, without_pdf = median("with_pdf"), median("without_pdf")
    print(f"ratio without the PDF:    {without_pdf:8.2f} (target 2)")
    print(f"ratio with the PDF:       {with_pdf:8.2f} (target 3)")
    each = ", ".join(f"{r['without_pdf']:.2f} / {r['with_pdf']:.2f}" for r in rounds)
    print(f"  each run (without / with): {each}")
    print(
        f"peak memory (RSS):        {peak_rss_mb():8.0f} MB (before the runs: {rss_before:.0f} MB)"
    )
    missed = []
    if without_pdf > 2:
        missed.append("figures over 2x the floor")
    if with_pdf > 3:
        missed.append("report with its PDF over 3x the floor")
    if queries / indicator_count > 10:
        missed.append("over 10 queries per indicator")
    if peak_rss_mb() >= 300:
        missed.append("300 MB of memory or more")
    print(f"report targets: {'missed: ' + ', '.join(missed) if missed else 'met'}")
    if args.check and missed:
        raise SystemExit(1)


def hand_written_floor(connection, programme, quarter, snapshot, now):
    """Time the hand-written floor and check its figures against the report's
    snapshot; SystemExit on any difference."""
    from report_floor import floor_figures

    from indicators import selectors, snapshots, values
    from indicators.models import Indicator
    from indicators.quarters import Quarter

    period = values.quarter_period(programme, quarter, now=now)
    cumulative = values.cumulative_period(programme, period)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        figures, key_figures = floor_figures(cursor, period, cumulative)
        hand = time.perf_counter() - started

    # The sections: capture their statements once, then replay them raw.
    indicators = list(Indicator.objects.filter(programme=programme))
    trend = [Quarter.parse(q) for q in snapshot["trend_quarters"]]
    with logged(connection) as log:
        selectors.values_for(indicators, trend)
        snapshots._activity(period)
        snapshots._outcomes(period)
        snapshots._partners(period)
        snapshots._notes(programme, quarter)
        snapshots._event_annex(period)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for sql, params, _many, _seconds in log.queries:
            cursor.execute(sql, params)
            cursor.fetchall()
        sections = time.perf_counter() - started

    differences, checked = [], 0
    for row in snapshots.indicator_rows(snapshot):
        if row["kind"] != Indicator.Kind.COMPUTED:
            continue
        if row["metric"] not in figures:
            differences.append(f"{row['code']}: metric {row['metric']} not in the floor")
            continue
        expected = tuple(str(n) for n in figures[row["metric"]])
        if (row["value"], row["cumulative"]) != expected:
            differences.append(
                f"{row['code']} ({row['metric']}): report {row['value']}/{row['cumulative']}, "
                f"floor {expected[0]}/{expected[1]}"
            )
        checked += 2
    for name, value in key_figures.items():
        if snapshot["key_figures"][name] != value:
            differences.append(
                f"key figure {name}: report {snapshot['key_figures'][name]}, floor {value}"
            )
        checked += 1
    if differences:
        raise SystemExit("the floor and the report disagree:\n  " + "\n  ".join(differences))
    floor = {
        "hand": hand,
        "sections": sections,
        "replayed": len(log.queries),
        "total": hand + sections,
    }
    return floor, checked


if __name__ == "__main__":
    main()
