import datetime

from django.core.management.base import BaseCommand, CommandError

from beneficiaries.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Anonymise beneficiaries who left, and registrations to events that ended, more "
        "than PERSONAL_DATA_RETENTION_YEARS ago, and beneficiaries with no exit date "
        "inactive for PERSONAL_DATA_INACTIVITY_YEARS whose referent was warned. "
        "Indicator figures are unchanged. --dry-run lists what it would do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing."
        )
        parser.add_argument("--today", help="The day to purge as of (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            today = datetime.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("--today must be a date, YYYY-MM-DD") from exc
        if dry_run:
            self._dry_run(today)
            return
        people, registrations = purge_expired(today)
        self.stdout.write(f"Anonymised {people} beneficiaries and {registrations} registrations.")

    def _dry_run(self, today):
        from privacy.purge_plan import purge_plan

        plan = purge_plan(today)
        self.stdout.write("Dry run: nothing is changed.")
        for key, label in (("exited", "left"), ("inactive", "inactive, referent warned")):
            people = list(plan[key].values_list("reference", flat=True))
            self.stdout.write(f"Would anonymise {len(people)} beneficiaries ({label}).")
            for reference in people:
                self.stdout.write(f"  {reference}")
        self.stdout.write(
            f"Would anonymise {plan['registrations'].count()} registrations and blank "
            f"{plan['walk_ins'].count()} walk-in names."
        )
