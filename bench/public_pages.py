"""Benchmark: the public pages against a bare Django view returning the same bytes,
and the sitemap and agenda feed times, on a scale-250 demo database.

Not a test. Starts gunicorn as docker-compose does (3 workers, DEBUG off, the shared
Redis cache), serving the site plus one bench-only view that answers the bytes of a
page fetched once beforehand, through the same middleware. Each page and its bare
copy are loaded in turn with wrk (`apt-get install wrk`), several rounds; the figure
is the median of the rounds' ratios (page req/s ÷ bare req/s). Then times every
sitemap page and the iCalendar feed (built afresh, cached, and 304 Not Modified),
each request alone, in wall time and in the CPU time the workers spent on it (the
wall time on a shared machine includes waiting for a core).

    .venv/bin/python bench/public_pages.py \\
        --db-url postgres://postgres@127.0.0.1:5432/lieu_bench

The demo database was seeded for a given day (`seed_demo --today 2025-10-15`); the
server's clock is moved back to that day (`--today`, same time of day) so that the
agenda has its coming events. The events table is vacuumed first (see
`vacuum_events`). Prints a table and exits 0 (`--check`: exit 1 when a
target of issue 10 is missed: pages >= 0.6x the bare view, sitemap pages and feed
< 300 ms).
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
RATIO_TARGET = 0.6
TIME_TARGET_MS = 300

# Written to a temporary directory on the gunicorn's Python path.
BENCH_WSGI = """
import datetime
import os

# The demo data belongs to the day it was seeded for: move this server's clock there.
_SHIFT = float(os.environ.get("BENCH_CLOCK_SHIFT", "0"))
if _SHIFT:
    from django.utils import timezone

    _real_now = timezone.now

    def _shifted_now():
        return _real_now() - datetime.timedelta(seconds=_SHIFT)

    timezone.now = _shifted_now

os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
"""
BENCH_SETTINGS = """
from lieu_ressource.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
"""
BENCH_URLS = '''
import os

from django.http import HttpResponse
from django.urls import path

from lieu_ressource import urls as site

_BODIES = os.environ["BENCH_BODIES"]
_loaded = {}


def bare(request, name):
    """The bytes of a page fetched beforehand, as they are: the floor of a view."""
    if name not in _loaded:
        with open(os.path.join(_BODIES, name), "rb") as body:
            _loaded[name] = body.read()
    return HttpResponse(_loaded[name], content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-bare/<str:name>", bare), *site.urlpatterns]
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(site, _name):
        globals()[_name] = getattr(site, _name)
'''


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-url", required=True, help="PostgreSQL URL of the demo data")
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--rounds", type=int, default=7, help="pairs per page (median)")
    parser.add_argument("--seconds", type=int, default=2, help="wrk run length")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--today",
        default="2025-10-15",
        help="day the data was seeded for (the server's clock moves there), or 'real'",
    )
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/5",
        help="CACHE_URL of the server (shared Redis), or 'none' for per-worker memory",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args()


def clock_shift(today):
    if today == "real":
        return 0.0
    now = datetime.now(UTC)
    target = date.fromisoformat(today)
    return (now.date() - target).days * 86400.0


def server_environment(args, work):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.db_url,
        DEBUG="0",
        SECRET_KEY="benchmark-only",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SITE_URL=f"http://127.0.0.1:{args.port}",
        STATIC_ROOT=str(work / "static"),
        BENCH_BODIES=str(work / "bodies"),
        BENCH_CLOCK_SHIFT=str(clock_shift(args.today)),
        PYTHONPATH=os.pathsep.join([str(work), str(ROOT)]),
    )
    env.pop("CACHE_URL", None)
    if args.cache_url != "none":
        env["CACHE_URL"] = args.cache_url
    return env


def vacuum_events(db_url):
    """VACUUM (ANALYZE) the events table, as autovacuum leaves it in production: a
    freshly seeded table has no visibility map, and every index-only count of the
    agenda would read the table instead (6 ms become 100 ms)."""
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE) events_event")


def start_server(args, env):
    subprocess.run(
        [VENV_BIN / "python", "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            VENV_BIN / "gunicorn",
            "bench_wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "3",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(args.port, "/health/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer /health/ within 60 s")


def get(port, path, headers=None):
    """(status, headers, body, seconds) of one GET."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, dict(response.getheaders()), body, elapsed


def wrk(port, path, args):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"{path}: wrk saw errors\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def pick_pages(port):
    """The pages of issue 10, with an event from the agenda's first page."""
    pages = {}
    for language, agenda in (("fr", "/fr/evenements/"), ("de", "/de/veranstaltungen/")):
        status, _headers, body, _seconds = get(port, agenda)
        if status != 200:
            raise SystemExit(f"{agenda}: HTTP {status}")
        events = re.findall(rf'href="({agenda}\d+-[^"/]+/)"', body.decode())
        # Today's first events may be under way (no form): look further ahead too.
        for page in (2, 3):
            more = get(port, f"{agenda}?page={page}")[2].decode()
            events += re.findall(rf'href="({agenda}\d+-[^"/]+/)"', more)
        if not events:
            raise SystemExit(f"{agenda} lists no event: is --today the day of the data?")
        pages[f"home {language}"] = f"/{language}/"
        pages[f"agenda {language}"] = agenda
        pages[f"agenda filtered {language}"] = (
            f"{agenda}?format=bilingual_workshop&language={language}"
        )
        pages[f"event {language}"] = _event_with_form(port, events)
    return pages


def _event_with_form(port, paths):
    """The first event page that still takes registrations (a form with its CSRF
    token, the costlier case), else the first one."""
    for path in dict.fromkeys(paths):
        if b"csrfmiddlewaretoken" in get(port, path)[2]:
            return path
    return paths[0]


def compare_pages(args, pages, bodies):
    rows = []
    for label, path in pages.items():
        status, headers, body, _seconds = get(args.port, path)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
        name = re.sub(r"\W+", "-", label)
        (bodies / name).write_bytes(body)
        bare = f"/bench-bare/{name}"
        if get(args.port, bare)[2] != body and "csrfmiddlewaretoken" not in body.decode():
            raise SystemExit(f"{bare} does not answer the bytes of {path}")
        ratios, page_rates, bare_rates = [], [], []
        for _round in range(args.rounds):
            page_rate = wrk(args.port, path, args)
            bare_rate = wrk(args.port, bare, args)
            page_rates.append(page_rate)
            bare_rates.append(bare_rate)
            ratios.append(page_rate / bare_rate)
        rows.append(
            (
                label,
                path,
                len(body),
                statistics.median(page_rates),
                statistics.median(bare_rates),
                statistics.median(ratios),
            )
        )
    return rows


def workers_cpu_ms(server):
    """CPU time (user + system) the gunicorn workers have used so far, in ms: on a
    shared machine the wall time of a request includes waiting for a core."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def timed(port, server, path, headers=None):
    """(status, headers, body, wall ms, server CPU ms) of one GET, alone on the server."""
    before = workers_cpu_ms(server)
    status, response_headers, body, seconds = get(port, path, headers)
    return status, response_headers, body, seconds * 1000, workers_cpu_ms(server) - before


def time_sitemap(port, server):
    status, _headers, index, ms, cpu = timed(port, server, "/sitemap.xml")
    if status != 200:
        raise SystemExit(f"/sitemap.xml: HTTP {status}")
    rows = [("sitemap.xml (index)", ms, cpu, len(index), None)]
    for location in re.findall(r"<loc>([^<]+)</loc>", index.decode()):
        path = re.sub(r"^https?://[^/]+", "", location)
        status, _headers, body, ms, cpu = timed(port, server, path)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
        rows.append((path, ms, cpu, len(body), body.count(b"<url>")))
    return rows


def time_feed(port, server):
    feed = "/fr/evenements/agenda.ics"
    rows = []
    # An unknown parameter is never cached: the feed built afresh each time.
    fresh = [timed(port, server, f"{feed}?bench={n}") for n in range(5)]
    status, headers, body, _ms, _cpu = timed(port, server, feed)
    if status != 200:
        raise SystemExit(f"{feed}: HTTP {status}")
    rows.append((f"{feed} built afresh (median of 5)", *_medians(fresh), len(body)))
    cached = [timed(port, server, feed) for _n in range(5)]
    rows.append((f"{feed} from the cache", *_medians(cached), len(body)))
    status, _headers, _body, ms, cpu = timed(port, server, feed, {"If-None-Match": headers["ETag"]})
    rows.append((f"{feed} If-None-Match: HTTP {status}", ms, cpu, 0))
    filtered = f"{feed}?format=company_visit"
    _status, _headers, body, ms, cpu = timed(port, server, filtered)
    rows.append((f"{filtered}", ms, cpu, len(body)))
    return rows


def _medians(results):
    return statistics.median(r[3] for r in results), statistics.median(r[4] for r in results)


def load():
    with open("/proc/loadavg") as loadavg:
        return loadavg.read().split()[:3]


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    work = Path(tempfile.mkdtemp(prefix="lr-bench-public-"))
    (work / "bodies").mkdir()
    (work / "bench_wsgi.py").write_text(BENCH_WSGI)
    (work / "bench_settings.py").write_text(BENCH_SETTINGS)
    (work / "bench_urls.py").write_text(BENCH_URLS)
    env = server_environment(args, work)
    vacuum_events(args.db_url)
    load_before = load()
    server = start_server(args, env)
    try:
        pages = pick_pages(args.port)
        page_rows = compare_pages(args, pages, work / "bodies")
        sitemap_rows = time_sitemap(args.port, server)
        feed_rows = time_feed(args.port, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    load_after = load()

    print(
        f"Public pages vs a bare Django view (gunicorn 3 workers, wrk {args.connections} "
        f"connections, {args.seconds:g} s runs, median of {args.rounds} pairs; "
        f"clock at {args.today}; cache {args.cache_url})"
    )
    print(f"{'page':<22} {'bytes':>8} {'req/s':>8} {'bare':>8} {'ratio':>6}")
    missed = []
    for label, _path, size, page_rate, bare_rate, ratio in page_rows:
        print(f"{label:<22} {size:>8} {page_rate:>8.0f} {bare_rate:>8.0f} {ratio:>6.2f}")
        if ratio < RATIO_TARGET:
            missed.append(f"{label}: {ratio:.2f}x < {RATIO_TARGET}x")
    print()
    print(f"{'sitemap':<40} {'ms':>7} {'cpu ms':>7} {'bytes':>9} {'urls':>6}")
    for path, ms, cpu, size, urls in sitemap_rows:
        print(f"{path:<40} {ms:>7.1f} {cpu:>7.0f} {size:>9} {'' if urls is None else urls:>6}")
        if ms >= TIME_TARGET_MS:
            missed.append(f"{path}: {ms:.0f} ms")
    pages = [row for row in sitemap_rows if row[4]]
    print(
        f"{len(pages)} sitemap pages: wall ms median {statistics.median(r[1] for r in pages):.0f}, "
        f"max {max(r[1] for r in pages):.0f}; server CPU ms mean "
        f"{statistics.mean(r[2] for r in pages):.0f} (clock ticks of 10 ms)"
    )
    print()
    print(f"{'agenda feed':<52} {'ms':>7} {'cpu ms':>7} {'bytes':>9}")
    for label, ms, cpu, size in feed_rows:
        print(f"{label:<52} {ms:>7.1f} {cpu:>7.0f} {size:>9}")
        if ms >= TIME_TARGET_MS:
            missed.append(f"{label}: {ms:.0f} ms")
    print()
    print(f"load average before {' '.join(load_before)}, after {' '.join(load_after)}")
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
