"""Staff side of the personal-data rights, in the admin: the log of requests, a page
that finds everything held under an email address and exports or erases it, and the
change history of registrations and attendance. Only the team (group équipe) and
superusers: partner referents and other accounts are refused."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Attendance, Registration
from lieu_ressource.paginators import EstimatedCountPaginator
from lieu_ressource.roles import is_staff_member

from . import holdings, rights
from .models import InactivityWarning, RightsRequest

STAFF = RightsRequest.Channel.STAFF


class TeamOnlyReadAdmin(admin.ModelAdmin):
    """Read-only rows that only the team sees."""

    def has_module_permission(self, request):
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PersonByEmailForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address of the person"),
        error_messages={
            "invalid": gettext_lazy(
                "Please enter a valid email address, for example name@example.org."
            )
        },
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I confirm the erasure: it is final (the figures stay, anonymously)."),
        required=False,
    )


@admin.register(RightsRequest)
class RightsRequestAdmin(TeamOnlyReadAdmin):
    list_display = ["created_at", "action", "channel", "requested_by", "summary"]
    list_filter = ["action", "channel"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created_at"

    def get_urls(self):
        return [
            path(
                "by-email/",
                self.admin_site.admin_view(self.by_email_view),
                name="privacy_rightsrequest_by_email",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "by_email_url": reverse("admin:privacy_rightsrequest_by_email"),
        }
        return super().changelist_view(request, extra_context)

    def by_email_view(self, request):
        """POST finds what is held (the address stays out of URLs and logs), then
        exports it (JSON) or erases it."""
        if not is_staff_member(request.user):
            raise PermissionDenied
        form = PersonByEmailForm(request.POST if request.method == "POST" else None)
        found = None
        if form.is_valid():
            email = form.cleaned_data["email"]
            action = request.POST.get("do")
            if action == "export":
                rights.export(email, channel=STAFF, requested_by=request.user)
                content = json.dumps(
                    holdings.staff_export(email),
                    cls=DjangoJSONEncoder,
                    ensure_ascii=False,
                    indent=2,
                )
                response = HttpResponse(content, content_type="application/json; charset=utf-8")
                response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
                return response
            if action == "erase":
                if not form.cleaned_data["confirm"]:
                    form.add_error("confirm", _("Please tick the box to confirm the erasure."))
                else:
                    summary = rights.erase(email, channel=STAFF, requested_by=request.user)
                    self.message_user(
                        request,
                        _(
                            "Erased: %(registrations)s registrations, %(people)s followed "
                            "people; %(freed)s places freed, %(promoted)s people promoted "
                            "from the waiting list."
                        )
                        % {
                            "registrations": summary["registrations"],
                            "people": summary["followed_people"],
                            "freed": summary["places_freed"],
                            "promoted": summary["promoted"],
                        },
                        messages.SUCCESS,
                    )
                    return redirect("admin:privacy_rightsrequest_changelist")
            found = holdings.staff_export(email)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Export or erase a person’s data"),
            "form": form,
            "found": found,
        }
        return TemplateResponse(request, "admin/privacy/by_email.html", context)


class HistoryAdmin(TeamOnlyReadAdmin):
    """Who changed what, and when; search by the record's number."""

    search_fields = ["=id"]
    list_select_related = ["history_user"]
    # A row per change, more rows than the tables they follow: periods in a filter
    # instead of a date hierarchy that reads every row's month, an estimated count,
    # and sorts the indexes serve (the date, the record's number).
    list_filter = ["history_date"]
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    sortable_by = ["history_date", "id"]


@admin.register(Registration.history.model)
class RegistrationHistoryAdmin(HistoryAdmin):
    list_display = ["history_date", "id", "event", "status", "beneficiary", "history_user"]
    list_filter = [*HistoryAdmin.list_filter, "status", "history_type"]
    list_select_related = ["history_user", "event", "beneficiary"]


@admin.register(Attendance.history.model)
class AttendanceHistoryAdmin(HistoryAdmin):
    list_display = [
        "history_date",
        "id",
        "event",
        "registration_id",
        "present",
        "beneficiary",
        "history_user",
    ]
    list_filter = [*HistoryAdmin.list_filter, "present", "history_type"]
    list_select_related = ["history_user", "event", "beneficiary"]


@admin.register(InactivityWarning)
class InactivityWarningAdmin(TeamOnlyReadAdmin):
    list_display = ["beneficiary", "last_activity", "due_on", "warned_at", "emailed_to"]
    list_select_related = ["beneficiary", "emailed_to"]
