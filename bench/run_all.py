"""`make bench`: every benchmark of issue 10 in one run, on the scale-250 database.

Not a test. Builds the database when it is missing or empty (migrate, then
`seed_demo --scale 250 --today 2025-10-15`, timed), or reuses it (migrated, then
ANALYZE); then runs, each in its own process:

1. bench/public_pages.py: public pages against the bare view, sitemap and feeds;
2. bench/admin_lists.py: every admin changelist, the busiest event page, check-in;
3. bench/report_benchmark.py: the report against its hand-written SQL floor;

and prints the seed time: measured now when the database was built (or with
--time-seed, into a scratch database dropped afterwards), otherwise the time
recorded when this script last seeded it, with its date, or "not recorded".

    .venv/bin/python bench/run_all.py --db lieu_bench [--time-seed]

Exits 1 when a benchmark fails or the seed takes over 3 minutes.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
RECORDS = ROOT / "var" / "bench"
SEED_TARGET_S = 180
SCALE, TODAY = "250", "2025-10-15"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="lieu_bench", help="database name (default lieu_bench)")
    parser.add_argument("--host", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--time-seed", action="store_true", help="time a fresh seed into --seed-db, then drop it"
    )
    parser.add_argument("--seed-db", default=None, help="scratch database (default <db>_seed)")
    parser.add_argument("--port", type=int, default=8130, help="port of the public benchmark")
    return parser.parse_args()


def env_for(url):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
        "ALLOWED_HOSTS": "localhost,testserver",
        "PYTHONWARNINGS": "ignore",
    }


def psql(host, sql):
    return subprocess.run(
        ["psql", f"{host}/postgres", "-Atc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


def manage(url, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env_for(url), check=True)


def has_events(url):
    try:
        out = subprocess.run(
            ["psql", url, "-Atc", "SELECT EXISTS (SELECT 1 FROM events_event)"],
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise SystemExit("psql is needed: apt-get install postgresql-client") from None
    return out.returncode == 0 and out.stdout.strip() == "t"


def seed(host, name):
    """Create (if needed), migrate and seed `name`; the seed's wall time in seconds."""
    if psql(host, f"SELECT 1 FROM pg_database WHERE datname = '{name}'") != "1":
        psql(host, f'CREATE DATABASE "{name}"')
    url = f"{host}/{name}"
    manage(url, "migrate", "--no-input", "-v0")
    print(f"seeding {name}: seed_demo --scale {SCALE} --today {TODAY} …", flush=True)
    started = time.perf_counter()
    manage(url, "seed_demo", "--scale", SCALE, "--today", TODAY)
    seconds = time.perf_counter() - started
    subprocess.run(["psql", url, "-qc", "ANALYZE"], check=True)
    return seconds


def record_seed(name, seconds, seeded_into=None):
    """Keep the seed time of `name`'s data (measured seeding `seeded_into`, a scratch
    database, or `name` itself) for later runs that reuse the database."""
    RECORDS.mkdir(parents=True, exist_ok=True)
    record = {
        "database": name,
        "seeded_into": seeded_into or name,
        "scale": SCALE,
        "seconds": round(seconds, 1),
        "seeded_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    (RECORDS / f"seed-{name}.json").write_text(json.dumps(record, indent=2))
    return record


def last_seed(name):
    path = RECORDS / f"seed-{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def run(title, command, url):
    print(f"\n== {title} ==", flush=True)
    started = time.perf_counter()
    code = subprocess.run(command, cwd=ROOT, env=env_for(url)).returncode
    print(f"({title}: {time.perf_counter() - started:.0f} s, exit {code})", flush=True)
    return code


def main():
    args = parse_args()
    url = f"{args.host}/{args.db}"
    seed_line, failures = None, []

    if has_events(url):
        print(f"reusing {args.db} (migrate, ANALYZE)", flush=True)
        manage(url, "migrate", "--no-input", "-v0")
        subprocess.run(["psql", url, "-qc", "ANALYZE"], check=True)
    else:
        seconds = seed(args.host, args.db)
        record_seed(args.db, seconds)
        seed_line = f"seed time: {seconds:.0f} s (measured now, into {args.db})"
    if args.time_seed:
        scratch = args.seed_db or f"{args.db}_seed"
        psql(args.host, f'DROP DATABASE IF EXISTS "{scratch}"')
        seconds = seed(args.host, scratch)
        psql(args.host, f'DROP DATABASE "{scratch}"')
        record_seed(args.db, seconds, scratch)
        seed_line = f"seed time: {seconds:.0f} s (measured now, into scratch {scratch})"
    if seed_line is None:
        record = last_seed(args.db)
        seed_line = (
            f"seed time: {record['seconds']:.0f} s (last measured {record['seeded_at']} "
            f"into {record.get('seeded_into', args.db)}; database reused, --time-seed to "
            "measure again)"
            if record
            else "seed time: not recorded for this database (reused; --time-seed to measure)"
        )
        seconds = record["seconds"] if record else None
    if seconds is not None and seconds > SEED_TARGET_S:
        failures.append("seed")

    public = ROOT / "bench" / "public_pages.py"
    if public.exists():
        command = [PY, str(public), "--db-url", url, "--port", str(args.port), "--check"]
        if run("public pages, sitemap and feeds", command, url):
            failures.append("public pages")
    else:
        print("\n== public pages: bench/public_pages.py is missing: not measured ==")
        failures.append("public pages (missing)")
    if run("admin lists", [PY, "bench/admin_lists.py"], url):
        failures.append("admin lists")
    if run("report", [PY, "bench/report_benchmark.py", "--check"], url):
        failures.append("report")

    print(f"\n== {seed_line} (target ≤ {SEED_TARGET_S} s) ==")
    print("all targets met" if not failures else f"missed or failed: {', '.join(failures)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
