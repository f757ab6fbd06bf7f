"""Operations on FSE+ participations: entering (and re-entering) an operation,
leaving it, and recording the entry check, the situation on leaving and the
six-month follow-up."""

from django.db import transaction

from .lifecycle import missing_entry_data
from .models import Participation


class IncompleteEntryData(ValueError):
    """The person's entry data lack what an FSE+ record needs."""

    def __init__(self, missing):
        super().__init__(", ".join(str(m) for m in missing))
        self.missing = missing


@transaction.atomic
def enter(beneficiary, operation, day):
    """The person enters the operation on `day`. A re-entry (they had left) reopens
    their participation and keeps its first entry date; returns (participation,
    created)."""
    participation, created = Participation.objects.select_for_update().get_or_create(
        beneficiary=beneficiary, operation=operation, defaults={"entry_date": day}
    )
    if not created and participation.exit_date is not None:
        participation.reentered_on = day
        participation.exit_date = None
        participation.exit_recorded_on = None
        participation.follow_up_recorded_on = None
        participation.save()
    return participation, created


def leave(participation, day):
    """The person left the operation on `day`."""
    participation.exit_date = day
    participation.full_clean()
    participation.save()
    return participation


def confirm_entry_data(participation, day):
    """The referent checked the person's entry data on `day`; refused while they are
    incomplete."""
    missing = missing_entry_data(participation.beneficiary)
    if missing:
        raise IncompleteEntryData(missing)
    participation.entry_data_confirmed_on = day
    participation.save(update_fields=["entry_data_confirmed_on"])
    return participation


def record_exit_situation(participation, day, **situation):
    """The situation on leaving as observed on `day` (exit_job_searching, …)."""
    for name, value in situation.items():
        setattr(participation, f"exit_{name}", value)
    participation.exit_recorded_on = day
    participation.full_clean()
    participation.save()
    return participation


def record_follow_up(participation, day, *, employed, improved_situation):
    """The six-month follow-up as observed on `day`."""
    participation.follow_up_recorded_on = day
    participation.follow_up_employed = employed
    participation.follow_up_improved_situation = improved_situation
    participation.full_clean()
    participation.save()
    return participation
