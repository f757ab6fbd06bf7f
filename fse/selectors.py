"""Reads for the referents: the FSE+ steps due for the people they follow."""

from django.utils import timezone

from beneficiaries.selectors import visible_beneficiaries
from lieu_ressource.roles import is_staff_member

from .lifecycle import due_steps
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
