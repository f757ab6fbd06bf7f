"""The referent's list of FSE+ steps due."""

from django.shortcuts import render
from django.utils import timezone

from beneficiaries.views import follow_up_access

from .lifecycle import DEADLINE
from .selectors import steps_due_for


@follow_up_access
def steps_due(request):
    """The FSE+ steps due for the people the account follows, soonest deadline first."""
    today = timezone.localdate()
    steps = steps_due_for(request.user, today)
    return render(
        request,
        "fse/steps_due.html",
        {
            "steps": [(step, step.overdue(today)) for step in steps],
            "deadline_weeks": DEADLINE.days // 7,
            "nav": "fse",
        },
    )
