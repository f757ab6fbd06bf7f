import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from lieu_ressource.paginators import EstimatedCountPaginator
from lieu_ressource.roles import is_staff_member
from partners.admin import StrictImportExportMixin

from .models import (
    SITUATION_FACTS,
    Beneficiary,
    ContactNote,
    Outcome,
    Pathway,
    PriorityNeighbourhood,
)
from .resources import BeneficiaryResource
from .selectors import note_organisation, visible_beneficiaries, visible_contact_notes
from .services import erase_on_request, export_personal_data


class VisiblePeopleMixin:
    """Object-level access for the admin of people and their records: a partner
    referent reaches only the people their organisation refers, in lists, search,
    autocomplete, exports, change pages and history (404 for the others). Lists of
    tens of thousands of rows are paged on an estimated count, never a full one."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False

    # How the admin's model reaches the person ("" for Beneficiary itself).
    person_path = "beneficiary"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_staff_member(request.user):
            return queryset
        people = visible_beneficiaries(request.user)
        if not self.person_path:
            return queryset.filter(pk__in=people.values("pk"))
        return queryset.filter(**{f"{self.person_path}__in": people.values("pk")})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "beneficiary" and not is_staff_member(request.user):
            kwargs["queryset"] = visible_beneficiaries(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _check_visible(self, request, object_id):
        # simple_history shows the last known version of a row that the queryset
        # does not hold: refuse it unless the account sees every row.
        if is_staff_member(request.user):
            return
        try:
            visible = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            visible = False
        if not visible:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._check_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


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


class ContactNoteInline(admin.TabularInline):
    model = ContactNote
    fields = ("date", "channel", "text", "private", "author", "organisation")
    readonly_fields = ("author", "organisation")
    extra = 0

    def get_queryset(self, request):
        # Another organisation's private notes are not shown to a partner referent.
        notes = (
            super()
            .get_queryset(request)
            .filter(pk__in=visible_contact_notes(request.user).values("pk"))
        )
        return notes.select_related("author", "beneficiary", "organisation")


class OutcomeInline(admin.TabularInline):
    model = Outcome
    fields = ("kind", "date", "country", "employer", "contract", "language_training", "notes")
    autocomplete_fields = ("employer",)
    extra = 0


@admin.register(Beneficiary)
class BeneficiaryAdmin(StrictImportExportMixin, VisiblePeopleMixin, SimpleHistoryAdmin):
    person_path = ""
    resource_classes = [BeneficiaryResource]
    list_display = (
        "reference",
        "last_name",
        "first_name",
        "neighbourhood",
        "referring_organisation",
        "referent",
        "entry_date",
        "exit_date",
    )
    list_select_related = ("neighbourhood", "referring_organisation", "referent")
    # Sorts an index serves over every person followed (see tests/test_admin_sorts.py).
    sortable_by = ("reference", "last_name", "entry_date")
    list_filter = (
        "registered_job_seeker",
        "long_term_unemployed",
        "rsa_recipient",
        "country",
        ("neighbourhood", admin.EmptyFieldListFilter),
        "sex",
        "german_level",
        "education",
        ("referent", admin.RelatedOnlyFieldListFilter),
        "entry_date",
        "exit_date",
    )
    search_fields = ("reference", "last_name", "first_name", "email", "commune")
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
                    "education",
                    "german_level",
                )
            },
        ),
        (
            _("Situation at entry"),
            {"fields": SITUATION_FACTS},
        ),
        (
            _("Special-category data (team only)"),
            {"fields": ("disability", "disability_consent_at")},
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
    inlines = (PathwayInline, OutcomeInline, ContactNoteInline)
    actions = ("download_personal_data", "erase_personal_data")

    def has_full_access_permission(self, request):
        return is_staff_member(request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if is_staff_member(request.user):
            return fieldsets
        # Disability is special-category data: a partner referent neither sees nor sets it.
        return [(name, opts) for name, opts in fieldsets if "disability" not in opts["fields"]]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not is_staff_member(request.user):
            # A partner referent's people stay with their organisation.
            readonly = (*readonly, "referring_organisation", "referent")
        return readonly

    def save_model(self, request, obj, form, change):
        if not change and not is_staff_member(request.user):
            contact = getattr(request.user, "partner_contact", None)
            obj.referring_organisation_id = contact.organisation_id if contact else None
            obj.referent = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in notes:
            if isinstance(obj, ContactNote) and obj.author_id is None:
                obj.author = request.user
                obj.organisation = note_organisation(request.user)
            obj.save()
        formset.save_m2m()

    @admin.action(description=_("Export personal data (JSON)"), permissions=("full_access",))
    def download_personal_data(self, request, queryset):
        people = list(
            queryset.select_related("neighbourhood", "referring_organisation", "referent")
        )
        data = {
            "exported_at": timezone.now(),
            "people": [export_personal_data(person) for person in people],
        }
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        name = people[0].reference if len(people) == 1 else "people"
        response["Content-Disposition"] = f'attachment; filename="personal-data-{name}.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("Erase on request"), permissions=("full_access",))
    def erase_personal_data(self, request, queryset):
        people = queryset.filter(anonymised_at__isnull=True)
        if request.POST.get("confirm") == "yes":
            count = 0
            for person in people:
                erase_on_request(person)
                count += 1
            self.message_user(
                request,
                ngettext(
                    "%(count)d person was anonymised.",
                    "%(count)d people were anonymised.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase on request"),
            "opts": self.opts,
            "people": people,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/beneficiaries/beneficiary/erase_on_request.html", context
        )


@admin.register(Pathway)
class PathwayAdmin(VisiblePeopleMixin, SimpleHistoryAdmin):
    list_display = ("beneficiary", "scheme", "status", "start_date", "end_date")
    list_select_related = ("beneficiary",)
    list_filter = ("scheme", "status", "start_date")
    sortable_by = ("beneficiary", "start_date")
    search_fields = ("beneficiary__reference", "beneficiary__last_name")
    autocomplete_fields = ("beneficiary",)


@admin.register(Outcome)
class OutcomeAdmin(VisiblePeopleMixin, SimpleHistoryAdmin):
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
    list_filter = ("kind", "date", "country", "contract", "language_training")
    sortable_by = ("beneficiary", "kind", "date")
    search_fields = ("beneficiary__reference", "beneficiary__last_name", "employer__name")
    autocomplete_fields = ("beneficiary", "employer")


@admin.register(ContactNote)
class ContactNoteAdmin(VisiblePeopleMixin, SimpleHistoryAdmin):
    list_display = ("beneficiary", "date", "channel", "author")
    list_select_related = ("beneficiary", "author")
    list_filter = ("channel", "date")
    # The channel, a handful of values, is chosen in its filter rather than sorted.
    sortable_by = ("beneficiary", "date")
    search_fields = ("beneficiary__reference", "beneficiary__last_name", "text")
    autocomplete_fields = ("beneficiary",)
    fields = ("beneficiary", "date", "channel", "text", "private", "author", "organisation")
    readonly_fields = ("author", "organisation")

    def get_queryset(self, request):
        # Besides the person, another organisation's private notes are left out:
        # lists, search, exports, change pages and history alike.
        notes = super().get_queryset(request)
        if is_staff_member(request.user):
            return notes
        return notes.filter(pk__in=visible_contact_notes(request.user).values("pk"))

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
            obj.organisation = note_organisation(request.user)
        super().save_model(request, obj, form, change)
