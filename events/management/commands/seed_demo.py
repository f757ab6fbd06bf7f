"""`manage.py seed_demo`: fill a fresh database with fictitious demo data."""

import argparse
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Event
from lieu_ressource.demo import build_demo_data

ROLE_LABELS = {
    "superuser": gettext_lazy("superuser"),
    "staff": gettext_lazy("staff referent"),
    "committee": gettext_lazy("comité de suivi member"),
    "partner_referent": gettext_lazy("partner referent"),
}


def day(value):
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("expected a date as YYYY-MM-DD, not %r") % value
        ) from exc


class Command(BaseCommand):
    # argparse needs plain strings: the help of commands stays in English, as Django's.
    help = (
        "Fill a fresh database with deterministic, fictitious demo data: events, "
        "registrations, attendance, beneficiaries, pathways, outcomes, companies and demo "
        "accounts. Writes nothing when events already exist, so it can run at every start."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help=(
                "Size of the data (default 1). Scale S gives round(100 × S) events (at "
                "least 12), round(200 × S) beneficiaries (at least 20) and round(2000 × S) "
                "registrations (at least 60): 250 gives 25,000 events, 50,000 beneficiaries "
                "and 500,000 registrations."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help=("Random seed (default 1): the same seed gives the same data."),
        )
        parser.add_argument(
            "--today",
            type=day,
            default=None,
            help=(
                "The day past and coming months are counted from, as YYYY-MM-DD (default: "
                "today in Europe/Paris). The same seed and day give the same data."
            ),
        )

    def handle(self, *args, scale, seed, today, **options):
        if scale <= 0:
            raise CommandError(_("--scale must be a positive number."))
        if Event.objects.exists():
            self.stdout.write(
                _(
                    "The database already has events: no demo data written "
                    "(seed_demo only fills a fresh database)."
                )
            )
            return
        if isinstance(today, str):  # call_command(today="…") skips the parser
            try:
                today = day(today)
            except argparse.ArgumentTypeError as exc:
                raise CommandError(str(exc)) from exc
        today = today or datetime.now(ZoneInfo("Europe/Paris")).date()
        started = time.monotonic()
        summary = build_demo_data(seed=seed, scale=scale, today=today)
        seconds = time.monotonic() - started

        counts = summary.counts
        self.stdout.write(
            _(
                "Demo data written in %(seconds).0f s "
                "(seed %(seed)s, scale %(scale)s, today %(today)s):"
            )
            % {"seconds": seconds, "seed": seed, "scale": scale, "today": today}
        )
        lines = [
            _("%(events)d events, %(past_events)d of them past;"),
            _(
                "%(registrations)d registrations: %(confirmed)d confirmed, "
                "%(waitlisted)d waitlisted, %(cancelled)d cancelled;"
            ),
            _("%(attendances)d attendance rows: %(present)d present, %(walk_ins)d walk-ins;"),
            _(
                "%(beneficiaries)d beneficiaries, %(pathways)d pathways, %(outcomes)d "
                "outcomes, %(contact_notes)d contact notes;"
            ),
            _("%(companies)d companies."),
        ]
        for line in lines:
            self.stdout.write("  " + line % counts)

        self.stdout.write(
            _("Demo accounts, password “%(password)s”, to log in at /admin/:")
            % {"password": summary.password}
        )
        for account in summary.accounts:
            line = f"  {account.email} ({ROLE_LABELS[account.role]})"
            if not account.created:
                line += " " + _("already there: its password is unchanged")
            self.stdout.write(line)
