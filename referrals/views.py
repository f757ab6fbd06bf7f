"""The receiving partner's pages in the portal (under /staff/referrals/, where a
second factor is required): the referrals addressed to their organisation, each
showing only what the person agreed to share, answered in one step; and the shared
timeline of a person several organisations follow.

A partner referent reaches only their organisation's referrals (404 for the others);
accounts without a role get 403.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from beneficiaries.selectors import visible_beneficiaries
from lieu_ressource.roles import is_staff_member

from . import answers, selectors
from .forms import ListFilterForm
from .models import ReferralTransition

PER_PAGE = 50


def referral_access(view):
    """The team and partner referents; 403 for the others."""

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (is_staff_member(user) or user.has_perm("beneficiaries.view_beneficiary")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@referral_access
def referral_list(request):
    """The referrals addressed to the account's organisation, newest first, by state,
    searchable by reference (or by name where shared)."""
    filters = ListFilterForm(request.GET or None)
    referrals = selectors.received_referrals(request.user)
    state = query = ""
    if filters.is_valid():
        state, query = filters.cleaned_data["state"], filters.cleaned_data["q"]
    if state:
        referrals = referrals.filter(state=state)
    context = {
        "filters": filters,
        "organisation": selectors.organisation_of(request.user),
        "nav": "referrals",
        "page": None,
    }
    if query:
        context["referrals"] = selectors.search_received(referrals, query)
    else:
        page = Paginator(referrals, PER_PAGE).get_page(request.GET.get("page"))
        context.update(page=page, referrals=list(page.object_list))
    return render(request, "referrals/list.html", context)


@referral_access
def referral_detail(request, pk):
    """One referral: what the person shares, its steps, and the form its state calls
    for (answer, then result)."""
    referral = get_object_or_404(selectors.received_referrals(request.user), pk=pk)
    contact = getattr(request.user, "partner_contact", None)
    outcome = answers.handle(
        request,
        referral,
        by=request.user,
        by_contact=None,
        default_referent=contact,
        channel=ReferralTransition.Channel.PORTAL,
    )
    if outcome.done:
        messages.success(request, outcome.message)
        return redirect("referrals:detail", pk=referral.pk)
    return render(
        request,
        "referrals/detail.html",
        {**outcome.context, "nav": "referrals", "in_portal": True},
        status=outcome.status,
    )


@referral_access
def person_timeline(request, pk):
    """The timeline a person's followers share; 404 for a person the account does not
    follow."""
    person = get_object_or_404(visible_beneficiaries(request.user), pk=pk)
    return render(
        request,
        "referrals/timeline.html",
        {
            "person": person,
            "followers": selectors.followers(person),
            "steps": selectors.shared_timeline(request.user, person),
            "nav": "caseload",
        },
    )
