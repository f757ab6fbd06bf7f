"""Benchmark: every admin changelist on the scale-250 demo database.

Not a test. Logs in as the demo superuser (`admin`) with Django's test client
against the real settings (DEBUG off), opens each registered model's changelist,
and prints the median server time of several requests, the number of queries and
the slowest query of the page. Also times each changelist sorted by every column
its headers offer, both ways; the event change page of the event with the most
registrations (inline replaced by a link past a threshold); the check-in event list;
the team's own pages (dashboard, caseload, drop-out risks, FSE+ steps, referrals) as
the referent who follows the most people. Printed, not held to the target: a few
searches (a substring search over 500,000 sign-ups needs trigram indexes we do not
have) and the records behind each computed indicator of the last closed quarter, for
the quarter and cumulatively (since 2020, six years of records). The target is checked
on the server time: CPU time of this process plus time waiting for SQL (the wall
clock, which a loaded machine inflates, is printed beside it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lieu_bench SECRET_KEY=bench \\
        .venv/bin/python bench/admin_lists.py --rounds 5

Target (issue 10): every page under 300 ms. Exits non-zero when one is slower,
unless --no-fail.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieu_ressource.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
# The demo admin has no second factor; the benchmark measures the lists, not the login.
os.environ["REQUIRE_STAFF_MFA"] = "0"

TARGET_MS = 300


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="requests per page (median)")
    parser.add_argument("--sort-rounds", type=int, default=3, help="requests per sorted list")
    parser.add_argument("--username", default="admin")
    parser.add_argument("--only", default="", help="pages whose label contains this")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even over target")
    parser.add_argument(
        "--today",
        default="2025-10-15",
        help="the day the demo data was seeded for: the clock is moved there (same time "
        "of day) so that the check-in list has its events; '' for the real day",
    )
    return parser.parse_args()


class QueryLog:
    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - started, sql))


def measure(client, connection, url, rounds):
    """After one warm-up GET of `url`, `rounds` GETs: the median wall time (ms), the
    median server time (ms: this process's CPU time plus the time spent waiting for
    SQL, which a loaded machine inflates less than the wall clock), and the last
    request's queries."""
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    walls, servers = [], []
    log = QueryLog()
    for _round in range(rounds):
        log.queries.clear()
        with connection.execute_wrapper(log):
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            walls.append((time.perf_counter() - started) * 1000)
            sql = sum(seconds for seconds, _sql in log.queries)
            servers.append((time.process_time() - cpu + sql) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    slowest = max(log.queries, default=(0, ""))
    return statistics.median(walls), statistics.median(servers), len(log.queries), slowest


def pages():
    """(label, url) of every changelist, then the heavy change page and staff list."""
    from django.contrib import admin
    from django.db.models import Count
    from django.urls import reverse

    from events.models import Event

    for model in sorted(admin.site._registry, key=lambda m: m._meta.label_lower):
        opts = model._meta
        yield opts.label_lower, reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    busiest = (
        Event.objects.annotate(n=Count("registrations")).order_by("-n").values("pk", "n").first()
    )
    if busiest:
        yield (
            f"event change page ({busiest['n']} registrations)",
            reverse("admin:events_event_change", args=[busiest["pk"]]),
        )
    yield "check-in event list", reverse("staff_events:events")


def busiest_referent():
    """The team referent who follows the most people, and how many."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from beneficiaries.models import Beneficiary

    row = (
        Beneficiary.objects.filter(referent__is_superuser=False, referent__isnull=False)
        .values("referent")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return (get_user_model().objects.get(pk=row["referent"]), row["n"]) if row else (None, 0)


def staff_pages(people):
    """(label, url) of the team's own pages, for the referent of `people` people."""
    from django.urls import reverse

    who = f"referent of {people}"
    yield f"staff: dashboard ({who})", reverse("staff_dashboard")
    yield f"staff: caseload ({who})", reverse("beneficiaries:caseload")
    yield f"staff: drop-out risks ({who})", reverse("beneficiaries:dropout_risks")
    yield f"staff: FSE+ steps due ({who})", reverse("fse:steps_due")
    yield f"staff: referrals ({who})", reverse("referrals:list")


def drill_downs(today):
    """(label, url) of the records behind each computed indicator of the last closed
    quarter, for the quarter and cumulatively."""
    from django.urls import reverse

    from indicators.models import Indicator
    from indicators.quarters import Quarter

    quarter = Quarter.containing(today).previous()
    computed = Indicator.objects.filter(kind=Indicator.Kind.COMPUTED).select_related("programme")
    for indicator in computed.order_by("programme__code", "code"):
        programme = indicator.programme
        ended = programme.end_date is not None and programme.end_date < quarter.first_day
        if programme.start_date > quarter.last_day or ended:
            continue
        url = reverse("indicators_staff:indicator_records", args=[indicator.pk, str(quarter)])
        label = f"records: {indicator.programme.code} {indicator.code}"
        yield f"{label} {quarter}", url
        yield f"{label} cumulative", f"{url}?scope=cumulative"


def sorts(user):
    """(label, url) of each changelist sorted by each column its header lets one sort
    by, both ways: the order a click asks for, tie-broken by the primary key."""
    from django.contrib import admin
    from django.test import RequestFactory
    from django.urls import reverse

    registry = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)
    for model, model_admin in registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        request = RequestFactory().get(url)
        request.user = user
        changelist = model_admin.get_changelist_instance(request)
        for index, name in enumerate(changelist.list_display):
            if name == "action_checkbox" or not changelist.get_ordering_field(name):
                continue
            if changelist.sortable_by is not None and name not in changelist.sortable_by:
                continue
            for sign, way in (("", "up"), ("-", "down")):
                yield f"{opts.label_lower} by {name} {way}", f"{url}?o={sign}{index}"


def searches():
    """(label, url) of a few searches, timed but not held to the target."""
    from django.urls import reverse

    yield "registrations, searched", (reverse("admin:events_registration_changelist") + "?q=martin")
    yield "events, searched", reverse("admin:events_event_changelist") + "?q=atelier"
    yield "people, searched", reverse("admin:beneficiaries_beneficiary_changelist") + "?q=martin"


def shift_clock_to(day):
    """Move this process's `timezone.now` to `day`, same time of day."""
    from django.utils import timezone

    real_now = timezone.now
    shift = real_now() - datetime.datetime.combine(day, real_now().time(), datetime.UTC)
    timezone.now = lambda: real_now() - shift


def main():
    args = parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client, override_settings
    from django.utils import timezone

    # Static URLs from the plain storage: no collectstatic needed for a benchmark
    # (the manifest lookup it skips is one dictionary read per URL).
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()

    if args.today:
        shift_clock_to(datetime.date.fromisoformat(args.today))
    user = get_user_model().objects.get(username=args.username)
    client = Client()
    client.force_login(user)
    print(f"admin lists on {connection.settings_dict['NAME']}, median of {args.rounds}:")
    over = []
    print(f"  {'page':<45} {'server':>7}    {'wall':>7}")
    referent, people = busiest_referent()
    referent_client = Client()
    if referent is not None:
        referent_client.force_login(referent)
    today = timezone.localdate()
    listed_pages = [(True, p, args.rounds, client) for p in pages()]
    listed_pages += [(True, p, args.rounds, referent_client) for p in staff_pages(people)]
    # Printed, not held: a cumulative drill-down reads six years of records.
    listed_pages += [(False, p, args.sort_rounds, client) for p in drill_downs(today)]
    listed_pages += [(True, p, args.sort_rounds, client) for p in sorts(user)]
    listed_pages += [(False, p, args.rounds, client) for p in searches()]
    for counted, (label, url), rounds, client in listed_pages:
        if args.only not in label:
            continue
        if client is referent_client and referent is None:
            continue
        try:
            wall, server, count, (slowest, sql) = measure(client, connection, url, rounds)
        except SystemExit as error:
            print(f"  {label:<45} {error}")
            over.append(label)
            continue
        flag = "" if server < TARGET_MS else ("  OVER" if counted else "  (not held)")
        print(
            f"  {label:<45} {server:7.0f} ms {wall:7.0f} ms {count:3d} queries"
            f" (slowest {slowest * 1000:5.0f} ms){flag}"
        )
        if server >= TARGET_MS and counted:
            over.append(label)
            print(f"      {sql[:300]}")
    listed = f": {', '.join(over)}" if over else ""
    print(f"admin lists: {len(over)} over {TARGET_MS} ms{listed}")
    if over and not args.no_fail:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
