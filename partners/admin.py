from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from events.models import EventOrganisation
from lieu_ressource import imports
from lieu_ressource.roles import is_staff_member
from lieu_ressource.translation_admin import MissingLanguageFilter, TranslationStateMixin

from .models import Contact, Organisation
from .resources import OrganisationResource


class StrictImportExportMixin(ImportExportMixin):
    """Import and export in the admin, CSV or XLSX, with a preview: the file is
    checked in full (dry run) and can be confirmed only when no row is invalid.
    Importing is for the centre's team; exports hold what the list shows the user."""

    formats = [CSV, XLSX]
    # Refuses a file over the size or row limits before it is read or stored.
    import_form_class = imports.BoundedImportForm

    def has_import_permission(self, request):
        return is_staff_member(request.user) and super().has_import_permission(request)

    def _import_page(self):
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        # The upload is kept only for a preview that can be confirmed.
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        uploaded = (getattr(form, "cleaned_data", None) or {}).get("import_file")
        name = getattr(uploaded, "tmp_storage_name", None)
        if name and "confirm_form" not in context:
            imports.ImportTempStorage(name=name).remove()
        return response

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        storage = imports.ImportTempStorage(name=request.POST.get("import_file_name"))
        if not storage.exists():
            # A forged name (../../etc/passwd), or an upload already used or expired.
            self.message_user(
                request,
                _("This import is not known or has expired: import the file again."),
                messages.ERROR,
            )
            return self._import_page()
        try:
            return super().process_import(request, **kwargs)
        finally:
            storage.remove()

    def add_data_read_fail_error_to_form(self, form, error):
        form.add_error(
            "import_file",
            _(
                "The file could not be read. Save it as CSV (UTF-8) or as an Excel "
                "workbook (XLSX), and choose the matching format."
            ),
        )

    def process_result(self, result, request):
        # The confirmed import runs again: if the data changed since the preview and
        # a row is now invalid, nothing was written and nothing is reported as done.
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                _("The import was cancelled: a row is no longer valid. Nothing was saved."),
                messages.ERROR,
            )
            return self._import_page()
        return super().process_result(result, request)


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ("first_name", "last_name", "job_title", "email", "phone", "user")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(
    TranslationStateMixin, StrictImportExportMixin, TabbedDjangoJqueryTranslationAdmin
):
    resource_classes = [OrganisationResource]
    list_display = (
        "name",
        "acronym",
        "country",
        "kind",
        "role",
        "city",
        "is_public",
        "event_count",
        "translation_state",
        "active_since",
        "active_until",
    )
    list_filter = ("country", "kind", "role", "is_public", MissingLanguageFilter)
    search_fields = ("name", "acronym", "city")
    fieldsets = (
        (None, {"fields": ("name", "acronym", "country", "kind", "role", "city", "website")}),
        (_("Public page"), {"fields": ("is_public", "description", "logo")}),
        (_("Activity"), {"fields": ("active_since", "active_until")}),
    )
    inlines = (ContactInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # A subquery per row shown, not a join and GROUP BY over every participation.
        events = (
            EventOrganisation.objects.filter(organisation=OuterRef("pk"))
            .order_by()
            .values("organisation")
            .annotate(n=Count("event", distinct=True))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(event_count=Coalesce(Subquery(events, output_field=IntegerField()), 0))
        )

    def is_published(self, organisation):
        return organisation.is_public

    @admin.display(description=_("events taken part in"), ordering="event_count")
    def event_count(self, obj):
        return obj.event_count


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "organisation", "job_title", "email", "user")
    list_select_related = ("organisation", "user")
    list_filter = ("organisation__country", "organisation__kind")
    search_fields = ("last_name", "first_name", "email", "organisation__name")
    autocomplete_fields = ("organisation", "user")
