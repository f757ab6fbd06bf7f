from django.core.management.base import BaseCommand

from beneficiaries.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Anonymise beneficiaries who left, and registrations to events that ended, more "
        "than PERSONAL_DATA_RETENTION_YEARS ago. Indicator figures are unchanged."
    )

    def handle(self, *args, **options):
        people, registrations = purge_expired()
        self.stdout.write(f"Anonymised {people} beneficiaries and {registrations} registrations.")
