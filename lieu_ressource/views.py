"""The project's own pages: the team's dashboard and the 403 page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from fse.selectors import steps_due_by_referent

from . import dashboard as reads
from .spaces import space_of


@login_required
def dashboard(request):
    """The team's home after login. A partner referent is sent to their caseload;
    other accounts get the 403 page, which links to their own space."""
    space = space_of(request.user)
    if space.role == "partner_referent":
        return redirect(space.url)
    if space.role != "team":
        raise PermissionDenied
    today = timezone.localdate()
    week = reads.week_events(today)
    events = list(week[: reads.EVENTS_SHOWN])
    more = week.count() - len(events) if len(events) == reads.EVENTS_SHOWN else 0
    context = {
        "today": today,
        "today_events": [e for e in events if timezone.localdate(e.start) <= today],
        "week_events": [e for e in events if timezone.localdate(e.start) > today],
        "more_events": more,
        "dropout_risks": list(reads.dropout_risks_by_referent(today)),
        "fse_steps": list(steps_due_by_referent(today)),
        "inactivity_warnings": reads.inactivity_warnings(today),
        "reports": reads.recent_reports(today),
        "indicators": reads.quarter_indicators(today),
        "imports": reads.latest_imports(),
        "referrals": reads.quarter_referrals(today),
        "nav": "dashboard",
    }
    return render(request, "staff/dashboard.html", context)


def permission_denied(request, exception=None):
    """Our 403 page: what this account can do instead, and the way to its space."""
    return render(
        request, "403.html", {"space": space_of(request.user), "private": True}, status=403
    )
