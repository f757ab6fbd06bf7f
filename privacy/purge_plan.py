"""What the retention purge (manage.py purge_personal_data) would do on a given day,
without doing it: the command's --dry-run."""

from django.utils import timezone

from beneficiaries.retention import _cutoff_instant, expired_beneficiaries, expired_registrations
from events.models import Attendance

from .inactivity import due_for_inactivity


def purge_plan(today=None):
    """Querysets of what the purge would anonymise on `today`."""
    today = today or timezone.localdate()
    return {
        "exited": expired_beneficiaries(today).order_by("pk"),
        "inactive": due_for_inactivity(today).order_by("pk"),
        "registrations": expired_registrations(today),
        "walk_ins": Attendance.objects.filter(event__end__lt=_cutoff_instant(today)).exclude(
            walk_in_name=""
        ),
    }
