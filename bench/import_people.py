"""Benchmark: importing a list of people, preview and confirmation, against a plain
bulk insert of the same rows.

Not a test. Needs a database (PostgreSQL for the target); it creates and migrates a
throw-away test database beside the one named (test_<name>, kept between runs with
--keepdb), imports there and leaves it empty:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lieu_staff SECRET_KEY=bench \\
        .venv/bin/python bench/import_people.py --rows 2000 --keepdb

The file is a CSV headed in French with values as labels (as staff download the
template): each person has a referring partner, a referent account, a country, a
German level and two facts of their situation. It goes through the admin's path:
the preview (`import_data(dry_run=True)`), then the confirmation (`import_data`
again, writing rows and their history), then the plain `bulk_create` of the same
people (no validation, no history) for the floor. Wall-clock seconds, best of
--rounds; printed per 1,000 rows, with the ratio to the floor.

The admin's pages (upload with the preview rendered, then the confirmation with its
log entries) are timed too, with a superuser of the test database.

Target (issue 16): preview + confirmation of 2,000 people within 5 s on 2 cores.
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieu_ressource.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
# The benchmark's staff account has no second factor: it measures the import pages.
os.environ["REQUIRE_STAFF_MFA"] = "0"

TARGET_SECONDS = 5.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keepdb", action="store_true", help="reuse the test database")
    return parser.parse_args()


def french_file(rows, resource, organisation, referent):
    """The CSV of `rows` people, headed and filled in French."""
    from django.utils import translation

    from lieu_ressource.import_columns import header

    columns = [
        "reference",
        "first_name",
        "last_name",
        "email",
        "birth_year",
        "country",
        "german_level",
        "registered_job_seeker",
        "rsa_recipient",
        "referring_organisation",
        "referent",
        "consent_scope",
        "entry_date",
    ]
    by_column = {field.column_name: field for field in resource.get_import_fields()}
    columns = [column for column in columns if column in by_column]
    with translation.override("fr"):
        headers = [header(resource, by_column[column]) for column in columns]
        values = {
            "country": by_column["country"].widget.render("FR"),
            "german_level": by_column["german_level"].widget.render("B1"),
        }
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for number in range(rows):
        cells = {
            "reference": f"LR-9{number:05d}",
            "first_name": "Léa",
            "last_name": f"Müller {number}",
            "email": f"lea.{number}@example.org",
            "birth_year": str(1980 + number % 30),
            "country": values["country"],
            "german_level": values["german_level"],
            "registered_job_seeker": "oui",
            "rsa_recipient": "non" if number % 3 else "oui",
            "referring_organisation": organisation.name,
            "referent": referent.email,
            "consent_scope": "Suivi",
            "entry_date": "01/03/2025",
        }
        writer.writerow([cells[column] for column in columns])
    return buffer.getvalue().encode("utf-8")


def plain_people(rows, organisation, referent):
    import datetime

    from django.utils import timezone

    from beneficiaries.models import Beneficiary

    return [
        Beneficiary(
            reference=f"LR-8{number:05d}",
            first_name="Léa",
            last_name=f"Müller {number}",
            email=f"lea.{number}@example.org",
            birth_year=1980 + number % 30,
            country="FR",
            german_level="B1",
            registered_job_seeker=True,
            rsa_recipient=not number % 3,
            referring_organisation=organisation,
            referent=referent,
            consent_at=timezone.now(),
            consent_scope="Suivi",
            entry_date=datetime.date(2025, 3, 1),
        )
        for number in range(rows)
    ]


def best(function, rounds, reset):
    """(wall-clock seconds, CPU seconds of this process) of the fastest round."""
    times = []
    for _round in range(rounds):
        reset()
        started, cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started, time.process_time() - cpu))
    reset()
    return min(times)


def main():
    args = parse_args()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment
    from import_export.formats.base_formats import CSV

    setup_test_environment()
    from django.conf import settings
    from django.test import override_settings

    # Static URLs from the plain storage: no collectstatic needed for a benchmark.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    name = connection.creation.create_test_db(verbosity=0, keepdb=args.keepdb)
    print(f"database: {connection.vendor} {name}; {args.rows:,} rows, best of {args.rounds}")

    from beneficiaries.models import Beneficiary
    from beneficiaries.resources import BeneficiaryResource
    from partners.models import Organisation

    organisation, _created = Organisation.objects.get_or_create(
        name="Mission locale (benchmark)",
        defaults={"country": "FR", "kind": "mission_locale", "role": "partner"},
    )
    referent, _created = get_user_model().objects.get_or_create(
        username="bench-referent", defaults={"email": "referent@example.org", "is_staff": True}
    )
    staff = referent
    content = french_file(args.rows, BeneficiaryResource(), organisation, referent)

    def reset():
        with transaction.atomic():
            Beneficiary.history.filter(reference__startswith="LR-").delete()
            Beneficiary.objects.filter(reference__startswith="LR-").delete()

    def dataset():
        return CSV(encoding="utf-8-sig").create_dataset(content)

    def preview():
        result = BeneficiaryResource().import_data(dataset(), dry_run=True, user=staff)
        assert not result.has_errors() and not result.has_validation_errors(), result.error_lines[
            :3
        ]

    def confirm():
        result = BeneficiaryResource().import_data(dataset(), dry_run=False, user=staff)
        assert result.totals["new"] == args.rows, result.totals

    def both():
        preview()
        confirm()

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    team = get_user_model().objects.filter(is_superuser=True).first()
    if team is None:
        team = get_user_model().objects.create_superuser("bench-admin", "admin@example.org")
    client = Client()
    client.force_login(team)

    def in_the_admin():
        # The pages staff use: upload (preview page rendered), then confirm.
        preview_page = client.post(
            reverse("admin:beneficiaries_beneficiary_import"),
            {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("p.csv", content)},
            secure=True,
        )
        assert preview_page.status_code == 200, (
            preview_page.status_code,
            preview_page.get("Location"),
        )
        form = preview_page.context["confirm_form"]
        assert form is not None, preview_page.context["result"].error_lines[:3]
        data = {name: form.initial.get(name, "") for name in form.fields}
        done = client.post(
            reverse("admin:beneficiaries_beneficiary_process_import"), data, secure=True
        )
        assert done.status_code == 302, done.status_code

    def plain():
        with transaction.atomic():
            Beneficiary.objects.bulk_create(plain_people(args.rows, organisation, referent))

    figures = {
        "preview": best(preview, args.rounds, reset),
        "confirmation": best(confirm, args.rounds, reset),
        "preview + confirmation": best(both, args.rounds, reset),
        "same, through the admin": best(in_the_admin, args.rounds, reset),
        "plain bulk_create": best(plain, args.rounds, reset),
    }
    per_thousand = 1000 / args.rows
    floor = figures["plain bulk_create"][0]
    for label, (seconds, cpu) in figures.items():
        print(
            f"{label:<24} {seconds:6.2f} s  {seconds * per_thousand:5.2f} s per 1,000 rows"
            f"  {seconds / floor:6.1f}x the plain bulk insert  (CPU here {cpu:5.2f} s)"
        )
    # History kept: one historical row per person imported.
    confirm()
    kept = Beneficiary.history.filter(reference__startswith="LR-9").count()
    print(f"history rows after one confirmation: {kept:,} for {args.rows:,} people")
    reset()
    total = figures["preview + confirmation"][0]
    print(f"load average: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")
    verdict = "met" if total <= TARGET_SECONDS * args.rows / 2000 else "MISSED"
    print(f"target {TARGET_SECONDS:.0f} s for 2,000 rows (preview + confirmation): {verdict}")
    if not args.keepdb:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
