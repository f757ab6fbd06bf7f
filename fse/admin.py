from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from beneficiaries.admin import VisiblePeopleMixin

from .models import Operation, Participation


@admin.register(Operation)
class OperationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "programme", "start_date", "end_date")
    list_select_related = ("programme",)
    list_filter = ("programme",)
    search_fields = ("name", "code")
    filter_horizontal = ("neighbourhoods",)


@admin.register(Participation)
class ParticipationAdmin(VisiblePeopleMixin, SimpleHistoryAdmin):
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
