"""Reads for the referents: the FSE+ steps due for the people they follow."""

from django.db.models import Count, Q
from django.utils import timezone

from beneficiaries.selectors import visible_beneficiaries
from lieu_ressource.roles import is_staff_member

from .lifecycle import DEADLINE, due_steps, participants
from .models import Participation


def followed_participations(user):
    """The FSE+ participations of the people this account follows (as the drop-out
    risks count them: a team member their own people, a partner referent their
    organisation's)."""
    people = visible_beneficiaries(user).filter(anonymised_at__isnull=True)
    if is_staff_member(user):
        people = people.filter(referent=user)
    return Participation.objects.filter(beneficiary__in=people.values("pk"))


def steps_due_for(user, today=None):
    """The FSE+ steps due for the people this account follows, soonest deadline first."""
    return due_steps(followed_participations(user), today or timezone.localdate())


def steps_due_by_referent(today):
    """For the team's dashboard, in one query: per referent (None: no referent), how
    many FSE+ steps are due and how many of them are overdue, most first."""
    late = today - DEADLINE
    entry = Q(entry_data_confirmed_on__isnull=True)
    exit_ = Q(exit_date__isnull=False, exit_recorded_on__isnull=True)
    follow_up = Q(follow_up_from__lte=today, follow_up_recorded_on__isnull=True)
    overdue = (
        (entry & Q(entry_date__lt=late))
        | (exit_ & Q(exit_date__lt=late))
        | (follow_up & Q(follow_up_from__lt=late))
    )
    return (
        participants()
        .filter(entry | exit_ | follow_up, beneficiary__anonymised_at__isnull=True)
        .order_by()
        .values(
            "beneficiary__referent",
            "beneficiary__referent__first_name",
            "beneficiary__referent__last_name",
        )
        .annotate(
            steps=Count("pk", filter=entry)
            + Count("pk", filter=exit_)
            + Count("pk", filter=follow_up),
            overdue=Count("pk", filter=overdue),
        )
        .order_by("-steps", "beneficiary__referent__last_name")
    )
