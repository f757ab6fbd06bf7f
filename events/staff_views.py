"""The check-in pages, for the team at the door of an event (on a phone): who
came, walk-ins, and linking attendees to followed people.

For the centre's team only (group équipe, or superusers): partner referents and
committee members get 403. Every form posts and redirects back, so the pages work
without JavaScript. They live under /staff/, where a second factor is required.
"""

import datetime
import functools

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from beneficiaries.forms import NewBeneficiaryForm, SearchForm
from beneficiaries.selectors import visible_beneficiaries
from lieu_ressource.roles import is_staff_member
from lieu_ressource.text import validate_visible_text

from . import attendance as check_in_service
from . import roll_call
from .models import Attendance, Event, Registration


class WalkInForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name (optional)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave it empty to count someone anonymously."),
        validators=[validate_visible_text],
    )


def team_only(view):
    """Logged-in members of the centre's team; 403 for other accounts."""

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _sheet_url(event, anchor="", query=""):
    url = reverse("staff_events:check_in", args=[event.pk])
    if query.strip():
        url = f"{url}?{urlencode({'q': query.strip()})}"
    return f"{url}#{anchor}" if anchor else url


def _batch_key(event):
    return f"check_in_all_present_{event.pk}"


def _attendance_of(event, attendance_pk):
    return get_object_or_404(
        Attendance.objects.select_related("event", "registration", "beneficiary"),
        pk=attendance_pk,
        event=event,
    )


def _name_of(attendance):
    if attendance.registration_id:
        registration = attendance.registration
        return f"{registration.first_name} {registration.last_name}"
    return attendance.walk_in_name or _("Anonymous attendee")


# Events per section of the check-in list: a busy fortnight has hundreds.
CHECK_IN_PER_PAGE = 40


@team_only
def event_list(request):
    """Events of the past week and the next two, to open their check-in sheet: today's,
    the coming ones and the past ones, each section paged on its own."""
    now = timezone.now()
    events = check_in_service.check_in_events(now)
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    day_end = day_start + datetime.timedelta(days=1)
    sections = {
        "today": events.filter(start__gte=day_start, start__lt=day_end),
        "coming": events.filter(start__gte=day_end),
        "past": events.filter(start__lt=day_start).order_by("-start", "-pk"),
    }
    pages = {
        name: _section_page(request, queryset, f"{name}_page")
        for name, queryset in sections.items()
    }
    return render(
        request,
        "events/staff/event_list.html",
        {
            "pages": pages,
            "today_events": pages["today"].object_list,
            "coming_events": pages["coming"].object_list,
            "past_events": pages["past"].object_list,
            "nav": "check_in",
        },
    )


def _section_page(request, queryset, parameter):
    """One page of a section, with the links to its neighbours keeping the other
    sections' pages."""
    page = Paginator(queryset, CHECK_IN_PER_PAGE).get_page(request.GET.get(parameter))
    page.object_list = list(page.object_list)

    def link(number):
        query = request.GET.copy()
        query[parameter] = number
        return f"?{query.urlencode()}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else None
    page.next_url = link(page.next_page_number()) if page.has_next() else None
    return page


def _render_sheet(request, event, walk_in_form=None):
    sheet = check_in_service.check_in_sheet(event)
    # Counts and "all present" are for the whole list, whatever the search shows.
    unmarked = sum(1 for row in sheet.confirmed if row.attendance is None)
    totals = {
        "present": sheet.present_count,
        "rows": len(sheet.confirmed) + len(sheet.waitlisted) + len(sheet.walk_ins),
    }
    query = request.GET.get("q", "")[:100]
    sheet = roll_call.filter_sheet(sheet, query)
    shown = len(sheet.confirmed) + len(sheet.waitlisted) + len(sheet.walk_ins)
    batch = request.session.get(_batch_key(event))
    return render(
        request,
        "events/staff/check_in.html",
        {
            "event": event,
            "sheet": sheet,
            "totals": totals,
            "query": query.strip(),
            "shown": shown,
            "unmarked": unmarked,
            "undo_count": len(batch["created"]) if batch else 0,
            "walk_in_form": walk_in_form or WalkInForm(),
            "nav": "check_in",
        },
    )


@team_only
def check_in(request, pk):
    event = get_object_or_404(Event.objects.select_related("venue"), pk=pk)
    return _render_sheet(request, event)


@require_POST
@team_only
def mark(request, pk, registration_pk):
    """One tap: present (present=1) or absent (present=0)."""
    registration = get_object_or_404(Registration, pk=registration_pk, event_id=pk)
    present = request.POST.get("present") == "1"
    try:
        check_in_service.mark_present(registration, present, by=request.user)
    except check_in_service.CheckInError as error:
        messages.error(request, error.message)
    query = request.POST.get("q", "")[:100]
    return redirect(_sheet_url(registration.event, f"registration-{registration.pk}", query))


@require_POST
@team_only
def mark_all_present(request, pk):
    """Everyone registered and not marked yet, present; undone by `undo_all_present`."""
    event = get_object_or_404(Event, pk=pk)
    try:
        batch = roll_call.mark_all_present(event, by=request.user)
    except check_in_service.CheckInError as error:
        messages.error(request, error.message)
        return redirect(_sheet_url(event))
    if batch.count:
        request.session[_batch_key(event)] = batch.as_session()
    message = ngettext(
        "%(count)d person marked present.", "%(count)d people marked present.", batch.count
    ) % {"count": batch.count}
    if batch.kept_absent:
        message += " " + ngettext(
            "%(count)d marked absent stays absent.",
            "%(count)d marked absent stay absent.",
            batch.kept_absent,
        ) % {"count": batch.kept_absent}
    messages.success(request, message)
    return redirect(_sheet_url(event, "counts"))


@require_POST
@team_only
def undo_all_present(request, pk):
    event = get_object_or_404(Event, pk=pk)
    batch = request.session.pop(_batch_key(event), None)
    if not batch:
        messages.error(request, _("There is nothing to undo."))
        return redirect(_sheet_url(event))
    until = datetime.datetime.fromisoformat(batch["until"])
    undone = roll_call.undo_mark_all(event, batch["created"], until)
    messages.success(
        request,
        ngettext(
            "Undone: %(count)d person is unmarked again.",
            "Undone: %(count)d people are unmarked again.",
            undone,
        )
        % {"count": undone},
    )
    return redirect(_sheet_url(event, "counts"))


@require_POST
@team_only
def add_walk_in(request, pk):
    event = get_object_or_404(Event.objects.select_related("venue"), pk=pk)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _render_sheet(request, event, walk_in_form=form)
    attendance = check_in_service.add_walk_in(event, form.cleaned_data["name"], by=request.user)
    messages.success(request, _("%(name)s added as present.") % {"name": _name_of(attendance)})
    return redirect(_sheet_url(event, f"attendance-{attendance.pk}"))


def _render_link(request, event, attendance, new_form=None, duplicates=None):
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    results = list(check_in_service.search_beneficiaries(request.user, query)) if query else []
    details = check_in_service.attendee_details(attendance)
    if duplicates is None:
        duplicates = list(
            check_in_service.likely_duplicates(
                request.user,
                first_name=details.get("first_name", ""),
                last_name=details.get("last_name", ""),
                email=details.get("email", ""),
            )
        )
    return render(
        request,
        "events/staff/link.html",
        {
            "event": event,
            "attendance": attendance,
            "attendee_name": _name_of(attendance),
            "search": search,
            "query": query,
            "results": results,
            "duplicates": duplicates,
            "new_form": new_form or NewBeneficiaryForm(initial=details),
            "nav": "check_in",
        },
    )


@team_only
def link(request, pk, attendance_pk):
    """Link an attendee to a followed person: search, likely duplicates, a new
    person, or leave them anonymous."""
    event = get_object_or_404(Event, pk=pk)
    return _render_link(request, event, _attendance_of(event, attendance_pk))


@require_POST
@team_only
def link_existing(request, pk, attendance_pk):
    event = get_object_or_404(Event, pk=pk)
    attendance = _attendance_of(event, attendance_pk)
    person_pk = request.POST.get("person", "")
    if not person_pk.isdigit():
        raise Http404
    person = get_object_or_404(visible_beneficiaries(request.user), pk=int(person_pk))
    try:
        check_in_service.link_to_beneficiary(attendance, person)
    except check_in_service.CheckInError as error:
        messages.error(request, error.message)
        return redirect("staff_events:link", pk=event.pk, attendance_pk=attendance.pk)
    messages.success(
        request,
        _("%(attendee)s is linked to %(person)s.")
        % {"attendee": _name_of(attendance), "person": person},
    )
    return redirect(_sheet_url(event, _row_anchor(attendance)))


@require_POST
@team_only
def create_person(request, pk, attendance_pk):
    event = get_object_or_404(Event, pk=pk)
    attendance = _attendance_of(event, attendance_pk)
    form = NewBeneficiaryForm(request.POST)
    if not form.is_valid():
        return _render_link(request, event, attendance, new_form=form)
    duplicates = list(
        check_in_service.likely_duplicates(
            request.user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
        )
    )
    if duplicates and not form.cleaned_data["create_anyway"]:
        messages.warning(
            request,
            _(
                "This person may already be followed: link them below, or tick "
                "“different person” to create a new record."
            ),
        )
        return _render_link(request, event, attendance, new_form=form, duplicates=duplicates)
    try:
        person = check_in_service.create_beneficiary_from_attendance(
            attendance,
            by=request.user,
            referent=request.user if form.cleaned_data["follow"] else None,
            **form.details(),
        )
    except check_in_service.CheckInError as error:
        messages.error(request, error.message)
        return _render_link(request, event, attendance, new_form=form)
    messages.success(
        request,
        _("%(person)s is now followed and linked to this event.") % {"person": person},
    )
    return redirect(_sheet_url(event, _row_anchor(attendance)))


@require_POST
@team_only
def leave_anonymous(request, pk, attendance_pk):
    event = get_object_or_404(Event, pk=pk)
    attendance = _attendance_of(event, attendance_pk)
    check_in_service.leave_anonymous(attendance)
    messages.success(
        request,
        _("%(attendee)s is counted without being followed.") % {"attendee": _name_of(attendance)},
    )
    return redirect(_sheet_url(event, _row_anchor(attendance)))


def _row_anchor(attendance):
    if attendance.registration_id:
        return f"registration-{attendance.registration_id}"
    return f"attendance-{attendance.pk}"
