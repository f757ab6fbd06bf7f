"""The receiving partner's pages in the portal (under /staff/referrals/, where a
second factor is required): the referrals addressed to their organisation, each
showing only what the person agreed to share, answered in one step; the referrals
their organisation sent, and what became of them; the shared timeline of a person
several organisations follow; and the form with which a partner refers a person it
follows to another organisation.

A partner referent reaches only their organisation's referrals (404 for the others);
accounts without a role get 403.
"""

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.forms import ContactNoteForm
from beneficiaries.selectors import followed_beneficiaries, note_organisation
from lieu_ressource.roles import is_staff_member

from . import answers, selectors, services
from .forms import ListFilterForm, SendReferralForm, StateFilterForm
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
def sent_list(request):
    """The referrals the account's organisation sent (the centre's for the team),
    newest first, by state: to whom, when, the answer and the result."""
    filters = StateFilterForm(request.GET or None)
    referrals = selectors.sent_referrals(request.user)
    if filters.is_valid() and filters.cleaned_data["state"]:
        referrals = referrals.filter(state=filters.cleaned_data["state"])
    page = Paginator(referrals, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/sent.html",
        {
            "filters": filters,
            "organisation": selectors.organisation_of(request.user),
            "team": is_staff_member(request.user),
            "nav": "referrals",
            "page": page,
            "referrals": list(page.object_list),
        },
    )


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
    """The timeline a person's followers share, with a contact note form; 404 for a
    person the account neither sees nor follows. A follower that is not the
    referring organisation sees the person's reference and the data they agreed to
    share, not their record."""
    person = get_object_or_404(followed_beneficiaries(request.user), pk=pk)
    user = request.user
    can_note = person.anonymised_at is None and user.has_perm("beneficiaries.add_contactnote")
    form = None
    if can_note:
        form = ContactNoteForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            note = form.save(commit=False)
            note.beneficiary = person
            note.author = user
            note.organisation = note_organisation(user)
            note.save()
            messages.success(request, _("Contact note added."))
            return redirect("referrals:timeline", pk=person.pk)
    elif request.method == "POST":
        raise PermissionDenied
    full = selectors.sees_record(user, person)
    return render(
        request,
        "referrals/timeline.html",
        {
            "person": person,
            "full_record": full,
            "shared": [] if full else selectors.shared_with(user, person),
            "followers": selectors.followers(person),
            "steps": selectors.shared_timeline(user, person),
            "form": form,
            "nav": "referrals",
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@referral_access
def refer_person(request, pk):
    """Refer a person the account follows (its organisation refers them, or it
    accepted their referral) to another organisation, through `services.send_referral`:
    the organisation is emailed, the step written to the history and counted. 404
    for a person the account does not follow or whose record was anonymised."""
    user = request.user
    people = followed_beneficiaries(user).filter(anonymised_at__isnull=True)
    person = get_object_or_404(people, pk=pk)
    form = SendReferralForm(
        request.POST if request.method == "POST" else None,
        person=person,
        organisations=selectors.receiving_organisations(user),
        shareable=selectors.shareable_fields(user, person),
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.send_referral(
                person,
                data["receiving_organisation"],
                reason=data["reason"],
                looking_for=data["looking_for"],
                shared_fields=data["shared_fields"],
                # The consent is given now, as the partner ticks it with the person.
                consent_at=timezone.now(),
                sent_by=user,
                sending_organisation=note_organisation(user),
                channel=ReferralTransition.Channel.PORTAL,
            )
        except services.ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Referral sent to %(org)s: they are told by email.")
                % {"org": referral.receiving_organisation.name},
            )
            return redirect("referrals:timeline", pk=person.pk)
    return render(
        request,
        "referrals/refer.html",
        {
            "person": person,
            "form": form,
            "expiry_days": settings.REFERRAL_EXPIRY_DAYS,
            "nav": "referrals",
        },
        status=400 if form.is_bound else 200,
    )
