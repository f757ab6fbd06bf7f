import os

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from events.models import EventOrganisation
from lieu_ressource import import_columns, imports
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

    import_template_name = "admin/import_in_staff_language.html"
    export_form_class = import_columns.ExportColumnsForm

    def get_urls(self):
        info = (self.model._meta.app_label, self.model._meta.model_name)
        template = path(
            "import/template.<str:extension>",
            self.admin_site.admin_view(self.import_template_file),
            name="{}_{}_import_template".format(*info),
        )
        return [template, *super().get_urls()]

    def _import_resource(self, request):
        return self.get_import_resource_classes(request)[0](
            **self.get_import_resource_kwargs(request)
        )

    def import_template_file(self, request, extension):
        """An empty file with the columns the import accepts, in the user's language."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        formats = {"csv": CSV, "xlsx": XLSX}
        if extension not in formats:
            raise Http404
        file_format = formats[extension]()
        data = file_format.export_data(
            import_columns.template_dataset(self._import_resource(request))
        )
        name = import_columns.file_name(
            _("import template %(what)s") % {"what": self.model._meta.verbose_name_plural},
            extension,
            dated=False,
        )
        response = HttpResponse(data, content_type=file_format.get_content_type())
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_export_filename(self, request, queryset, file_format):
        # Named for what it holds and the day, in the user's language.
        return import_columns.file_name(
            self.model._meta.verbose_name_plural, file_format.get_extension()
        )

    def import_action(self, request, **kwargs):
        retried = self._retried_upload(request)
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if retried is not None:
            retried.remove()
        form = context.get("form")
        uploaded = (getattr(form, "cleaned_data", None) or {}).get("import_file")
        name = getattr(uploaded, "tmp_storage_name", None)
        result = context.get("result")
        failed = result is not None and (result.has_errors() or result.has_validation_errors())
        if name and "confirm_form" not in context and not failed:
            # The upload is kept for a preview that can be confirmed, or to be tried
            # again as it is once the records it names are fixed (removed after an hour).
            imports.ImportTempStorage(name=name).remove()
        if hasattr(response, "context_data"):
            response.context_data["column_guide"] = import_columns.column_guide(
                self._import_resource(request)
            )
            if result is not None and not failed:
                response.context_data["preview_hidden"] = sum(
                    1 for row in result.valid_rows() if not row.diff
                )
            if failed and name:
                response.context_data["retry"] = {
                    "name": name,
                    "original": uploaded.name,
                    "format": form.cleaned_data.get("format"),
                    "resource": form.cleaned_data.get("resource", ""),
                }
        return response

    def _retried_upload(self, request):
        """The stored file of a failed preview, tried again: put in the form's place
        as if chosen again. None when the request is not a retry."""
        name = request.POST.get("retry_file_name") if request.method == "POST" else None
        if not name or not self.has_import_permission(request):
            return None
        storage = imports.ImportTempStorage(name=name)
        if not storage.exists():
            return None
        storage.read_mode = "rb"
        original = os.path.basename(request.POST.get("retry_original_name") or "import.csv")
        files = request.FILES.copy()
        files["import_file"] = SimpleUploadedFile(original, storage.read())
        request._files = files
        return storage

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

    def shown_publicly(self, organisation):
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
