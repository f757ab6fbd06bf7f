"""The FSE+ participant lifecycle: who is a participant, and which step of their
record is due, by when.

- A participant is a followed person with an entry in an FSE+ operation that lasts
  more than one day, who did not leave on the day they entered: an action of one
  day or less creates no participant. A re-entry in the same operation keeps the
  first entry (one participation per person and operation).
- Entry data (the situation at entry, sex, age, education) are complete within
  4 weeks of entry; the referent confirms them.
- Exit data (the situation on leaving) are recorded within 4 weeks of leaving:
  "upon leaving" in the EU's sense.
- The follow-up six months after leaving is recorded within the 4 weeks that follow
  the six-month point.
"""

import datetime
from dataclasses import dataclass

from django.db.models import DateField, ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _

from .models import Participation

DEADLINE = datetime.timedelta(weeks=4)

ENTRY, EXIT, FOLLOW_UP = "entry", "exit", "follow_up"
STEP_LABELS = {
    ENTRY: _("Entry data"),
    EXIT: _("Situation on leaving"),
    FOLLOW_UP: _("Six-month follow-up"),
}
# The person's fields an FSE+ record cannot do without; a labour-market status is
# asked on top (see `missing_entry_data`).
REQUIRED_PERSON_FIELDS = ("sex", "birth_year", "education")
LABOUR_MARKET_FACTS = (
    "registered_job_seeker",
    "long_term_unemployed",
    "inactive",
    "employed",
    "student",
)


def _plus_deadline(field):
    return ExpressionWrapper(F(field) + DEADLINE, output_field=DateField())


IS_PARTICIPANT = Q(operation__end_date__gt=F("operation__start_date")) & (
    Q(exit_date__isnull=True) | Q(exit_date__gt=F("entry_date"))
)
# The situation on leaving counts "upon leaving" when recorded within 4 weeks.
EXIT_RECORDED_UPON_LEAVING = Q(
    exit_recorded_on__isnull=False, exit_recorded_on__lte=_plus_deadline("exit_date")
)
FOLLOW_UP_RECORDED_AT_SIX_MONTHS = Q(
    follow_up_recorded_on__gte=F("follow_up_from"),
    follow_up_recorded_on__lte=_plus_deadline("follow_up_from"),
)


def participants(programme=None):
    """FSE+ participations that make a participant (see the module docstring), of
    one programme or all."""
    participations = Participation.objects.filter(IS_PARTICIPANT)
    if programme is not None:
        participations = participations.filter(operation__programme=programme)
    return participations


def missing_entry_data(person):
    """The labels of what a person's FSE+ entry record still lacks (empty: complete)."""
    missing = [
        person._meta.get_field(name).verbose_name
        for name in REQUIRED_PERSON_FIELDS
        if getattr(person, name) in (None, "")
    ]
    if not any(getattr(person, fact) for fact in LABOUR_MARKET_FACTS):
        missing.append(_("labour-market status at entry"))
    return missing


@dataclass(frozen=True)
class DueStep:
    """A step of a participant's record that is due, with its deadline."""

    participation: Participation
    step: str
    deadline: datetime.date

    @property
    def label(self):
        return STEP_LABELS[self.step]

    def overdue(self, today):
        return self.deadline < today


def due_steps(participations, today):
    """The steps due today for the given participations, soonest deadline first: entry
    data not yet confirmed, exit data not yet recorded, and the six-month follow-up
    from the six-month point on."""
    rows = (
        participations.filter(IS_PARTICIPANT)
        .filter(
            Q(entry_data_confirmed_on__isnull=True)
            | Q(exit_date__isnull=False, exit_recorded_on__isnull=True)
            | Q(follow_up_from__lte=today, follow_up_recorded_on__isnull=True)
        )
        .select_related("beneficiary", "operation")
    )
    steps = []
    for participation in rows:
        if participation.entry_data_confirmed_on is None:
            steps.append(DueStep(participation, ENTRY, participation.entry_date + DEADLINE))
        if participation.exit_date and participation.exit_recorded_on is None:
            steps.append(DueStep(participation, EXIT, participation.exit_date + DEADLINE))
        if (
            participation.follow_up_from
            and participation.follow_up_from <= today
            and participation.follow_up_recorded_on is None
        ):
            steps.append(DueStep(participation, FOLLOW_UP, participation.follow_up_from + DEADLINE))
    return sorted(steps, key=lambda s: (s.deadline, s.participation.pk, s.step))
