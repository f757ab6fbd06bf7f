from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from beneficiaries.admin import VisiblePeopleMixin
from indicators.errors import ReportError
from indicators.models import Programme
from indicators.quarters import Quarter
from lieu_ressource.roles import is_staff_member

from . import participant_export
from .models import Operation, Participation


class ParticipantExportForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("FSE+ programme"),
        queryset=Programme.objects.filter(operations__isnull=False).distinct(),
    )
    quarter = forms.CharField(
        label=_("Quarter"),
        max_length=7,
        help_text=_(
            "As 2025-Q3. The file holds every participant who entered by the quarter's "
            "end, with what was known of them on that day."
        ),
    )

    def clean_quarter(self):
        try:
            return Quarter.parse(self.cleaned_data["quarter"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


@admin.register(Operation)
class OperationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "programme", "start_date", "end_date")
    list_select_related = ("programme",)
    list_filter = ("programme",)
    search_fields = ("name", "code")
    filter_horizontal = ("neighbourhoods",)


@admin.register(Participation)
class ParticipationAdmin(VisiblePeopleMixin, SimpleHistoryAdmin):
    change_list_template = "admin/fse/participation/change_list.html"
    list_display = (
        "beneficiary",
        "operation",
        "entry_date",
        "entry_data_confirmed_on",
        "exit_date",
        "exit_recorded_on",
        "follow_up_recorded_on",
    )
    list_select_related = ("beneficiary", "operation")
    list_filter = ("operation", "entry_date", "exit_date")
    # Sorts an index serves; the operation, one of three, is picked in its filter.
    sortable_by = ("beneficiary", "entry_date", "exit_date")
    search_fields = ("beneficiary__reference", "beneficiary__last_name")
    autocomplete_fields = ("beneficiary",)
    readonly_fields = ("reentered_on", "follow_up_from", "created_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "beneficiary",
                    "operation",
                    "entry_date",
                    "reentered_on",
                    "entry_data_confirmed_on",
                )
            },
        ),
        (
            _("Situation on leaving"),
            {
                "fields": (
                    "exit_date",
                    "exit_recorded_on",
                    "exit_job_searching",
                    "exit_in_education_or_training",
                    "exit_qualification_gained",
                    "exit_employed",
                )
            },
        ),
        (
            _("Six-month follow-up"),
            {
                "fields": (
                    "follow_up_from",
                    "follow_up_recorded_on",
                    "follow_up_employed",
                    "follow_up_improved_situation",
                )
            },
        ),
        (_("Record"), {"fields": ("created_at",), "classes": ("collapse",)}),
    )

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="fse_participation_export",
        )
        return [export, *super().get_urls()]

    @staticmethod
    def may_export(request):
        # The file holds every participant of a programme, disability included
        # (special-category data): the team only, never a partner referent.
        return is_staff_member(request.user)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_export": self.may_export(request)}
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        """Download an FSE+ programme's participants for the Ma Démarche FSE+ import."""
        if not self.may_export(request):
            raise PermissionDenied
        initial = {"quarter": str(Quarter.containing(timezone.localdate()).previous())}
        form = ParticipantExportForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                text, content_type, name = participant_export.export(
                    form.cleaned_data["programme"], form.cleaned_data["quarter"]
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                response = HttpResponse(text, content_type=content_type)
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Export the FSE+ participants"),
        }
        return TemplateResponse(request, "admin/fse/participation/export.html", context)
