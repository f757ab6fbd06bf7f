from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Beneficiary, Outcome, Pathway, PriorityNeighbourhood


@admin.register(PriorityNeighbourhood)
class PriorityNeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "commune")
    list_filter = ("commune",)
    search_fields = ("name", "code", "commune")


class PathwayInline(admin.TabularInline):
    model = Pathway
    fields = ("scheme", "start_date", "end_date", "status")
    extra = 0

    def get_queryset(self, request):
        # Each row is titled with its beneficiary: join it rather than fetch it per row.
        return super().get_queryset(request).select_related("beneficiary")


class OutcomeInline(admin.TabularInline):
    model = Outcome
    fields = ("kind", "date", "country", "employer", "contract", "language_training", "notes")
    autocomplete_fields = ("employer",)
    extra = 0


@admin.register(Beneficiary)
class BeneficiaryAdmin(SimpleHistoryAdmin):
    list_display = (
        "reference",
        "last_name",
        "first_name",
        "situation",
        "neighbourhood",
        "referring_organisation",
        "referent",
        "entry_date",
        "exit_date",
    )
    list_select_related = ("neighbourhood", "referring_organisation", "referent")
    list_filter = (
        "situation",
        "country",
        ("neighbourhood", admin.EmptyFieldListFilter),
        "sex",
        "german_level",
        "education",
        ("referent", admin.RelatedOnlyFieldListFilter),
        "exit_date",
    )
    search_fields = ("reference", "last_name", "first_name", "email", "commune")
    date_hierarchy = "entry_date"
    autocomplete_fields = ("neighbourhood", "referring_organisation", "referent")
    readonly_fields = ("created_at", "updated_at", "anonymised_at")
    fieldsets = (
        (None, {"fields": ("reference", "first_name", "last_name", "email", "phone")}),
        (
            _("Profile"),
            {
                "fields": (
                    "birth_year",
                    "sex",
                    "country",
                    "commune",
                    "neighbourhood",
                    "situation",
                    "education",
                    "german_level",
                )
            },
        ),
        (
            _("Follow-up"),
            {"fields": ("referring_organisation", "referent", "entry_date", "exit_date")},
        ),
        (_("Consent"), {"fields": ("consent_at", "consent_scope")}),
        (
            _("Record"),
            {"fields": ("created_at", "updated_at", "anonymised_at"), "classes": ("collapse",)},
        ),
    )
    inlines = (PathwayInline, OutcomeInline)


@admin.register(Pathway)
class PathwayAdmin(SimpleHistoryAdmin):
    list_display = ("beneficiary", "scheme", "status", "start_date", "end_date")
    list_select_related = ("beneficiary",)
    list_filter = ("scheme", "status")
    search_fields = ("beneficiary__reference", "beneficiary__last_name")
    date_hierarchy = "start_date"
    autocomplete_fields = ("beneficiary",)


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = (
        "beneficiary",
        "kind",
        "date",
        "country",
        "employer",
        "contract",
        "language_training",
    )
    list_select_related = ("beneficiary", "employer")
    list_filter = ("kind", "country", "contract", "language_training")
    search_fields = ("beneficiary__reference", "beneficiary__last_name", "employer__name")
    date_hierarchy = "date"
    autocomplete_fields = ("beneficiary", "employer")
