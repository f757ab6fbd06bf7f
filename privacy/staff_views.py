"""The record of processing activities, for the team."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from lieu_ressource.roles import is_staff_member

from . import processing


@login_required
def record_of_processing(request):
    if not is_staff_member(request.user):
        raise PermissionDenied
    return render(
        request,
        "privacy/record.html",
        {
            "processings": processing.record(),
            "security": processing.security_measures(),
            "today": timezone.localdate(),
            "nav": "privacy",
        },
    )
