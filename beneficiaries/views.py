"""Follow-up pages for staff and partner referents: a person's page (pathways,
outcomes, contact notes, attendance) with forms to record them, "my caseload"
and the drop-out risks.

Everyone reaches only the people `visible_beneficiaries` gives them (404 for the
others); adding a record needs the model's "add" permission. These pages live
under /staff/, where a second factor is required.
"""

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from events.attendance import search_beneficiaries
from events.models import Attendance
from lieu_ressource.roles import is_staff_member

from .employers import EmployerOutcomeForm
from .forms import CaseloadFilterForm, ContactNoteForm, PathwayForm, SearchForm
from .models import ContactNote, Outcome
from .selectors import (
    caseload,
    dropout_risks,
    note_organisation,
    team_referents,
    visible_beneficiaries,
    visible_contact_notes,
)

VIEW_PEOPLE = "beneficiaries.view_beneficiary"

# The forms of a person's page: key in the template -> (form, permission to add, what
# to say once added). One whole sentence each: French agrees the participle with the
# record's gender.
RECORD_FORMS = {
    "note": (
        ContactNoteForm,
        "beneficiaries.add_contactnote",
        gettext_lazy("Contact note added."),
    ),
    "pathway": (PathwayForm, "beneficiaries.add_pathway", gettext_lazy("Pathway added.")),
    "outcome": (
        EmployerOutcomeForm,
        "beneficiaries.add_outcome",
        gettext_lazy("Outcome added."),
    ),
}


def follow_up_access(view):
    """Logged-in accounts that may see people (staff, partner referents); 403 for
    the others."""

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PEOPLE):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# People per page of the caseload: the team's "everyone" is tens of thousands.
CASELOAD_PER_PAGE = 50


@follow_up_access
def my_caseload(request):
    """The people the logged-in account follows (a partner referent: everyone their
    organisation refers; the team: their own people, or another referent's, or
    everyone's), a page at a time; with ?q=, a search among every person the account
    may see."""
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    context = {"search": search, "query": query, "nav": "caseload", "page": None}
    if query:
        context["people"] = list(search_beneficiaries(request.user, query, limit=50))
        return render(request, "beneficiaries/caseload.html", context)
    if is_staff_member(request.user):
        scope = CaseloadFilterForm(request.GET, referents=team_referents())
        referent, everyone = scope.scope()
        context.update(scope=scope, referent=referent, everyone=everyone)
        people = caseload(request.user, referent=referent, everyone=everyone)
    else:
        contact = getattr(request.user, "partner_contact", None)
        context["organisation"] = contact.organisation if contact else None
        people = caseload(request.user)
    page = Paginator(people, CASELOAD_PER_PAGE).get_page(request.GET.get("page"))
    context.update(page=page, people=list(page.object_list))
    return render(request, "beneficiaries/caseload.html", context)


@follow_up_access
def dropout_list(request):
    """Open pathways of the referent's people with no attendance nor contact for
    DROPOUT_WEEKS weeks."""
    today = timezone.localdate()
    risks = list(dropout_risks(request.user, today=today))
    for pathway in risks:
        pathway.weeks_quiet = (today - pathway.last_activity).days // 7
    return render(
        request,
        "beneficiaries/dropout_risks.html",
        {"risks": risks, "dropout_weeks": settings.DROPOUT_WEEKS, "nav": "dropout"},
    )


def _person_or_404(request, pk):
    people = visible_beneficiaries(request.user).select_related(
        "neighbourhood", "referring_organisation", "referent"
    )
    return get_object_or_404(people, pk=pk)


def _render_person(request, person, bound=None):
    user = request.user
    forms = {}
    if person.anonymised_at is None:
        for key, (form_class, permission, _added) in RECORD_FORMS.items():
            if user.has_perm(permission):
                forms[key] = bound if bound is not None and bound.prefix == key else form_class()
    attendances = (
        Attendance.objects.filter(beneficiary=person)
        .select_related("event")
        .order_by("-event__start")
    )
    notes = (
        visible_contact_notes(user).filter(beneficiary=person).select_related("author")
        if user.has_perm("beneficiaries.view_contactnote")
        else None
    )
    context = {
        "person": person,
        "pathways": person.pathways.all(),
        "outcomes": Outcome.objects.filter(beneficiary=person).select_related("employer"),
        "notes": notes,
        "attendances": attendances,
        "forms": forms,
        "can_edit_in_admin": user.has_perm("beneficiaries.change_beneficiary"),
        "nav": "caseload",
    }
    return render(request, "beneficiaries/person.html", context)


@follow_up_access
def person_detail(request, pk):
    return _render_person(request, _person_or_404(request, pk))


@require_POST
@follow_up_access
def add_record(request, pk, kind):
    """Add a contact note, a pathway or an outcome from the person's page."""
    if kind not in RECORD_FORMS:
        raise PermissionDenied
    form_class, permission, added = RECORD_FORMS[kind]
    person = _person_or_404(request, pk)
    if not request.user.has_perm(permission):
        raise PermissionDenied
    if person.anonymised_at is not None:
        messages.error(request, _("This person's record was anonymised: nothing can be added."))
        return redirect("beneficiaries:person", pk=person.pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render_person(request, person, bound=form)
    record = form.save(commit=False)
    record.beneficiary = person
    if isinstance(record, ContactNote):
        record.author = request.user
        record.organisation = note_organisation(request.user)
    record.save()
    messages.success(request, added)
    return redirect(reverse("beneficiaries:person", args=[person.pk]) + f"#{kind}s")
