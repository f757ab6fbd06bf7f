from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin, TranslationTabularInline

from lieu_ressource.mail import MAIL_SERVER_ERRORS
from lieu_ressource.translation_admin import MissingLanguageFilter, TranslationStateMixin
from partners.models import ProjectPartnership

from . import exports, services
from .dispatch import compile_later
from .metrics import metric_choices
from .models import (
    Axis,
    Indicator,
    IndicatorValue,
    Programme,
    QualitativeNote,
    QuarterlyReport,
    Strategy,
)
from .quarters import Quarter
from .report_status import publish_confirmation, status_page, status_url


class AxisInline(TranslationTabularInline):
    model = Axis
    fields = ("number", "title")
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        # Each row is titled with its programme: join it rather than fetch it per row.
        return super().get_queryset(request).select_related("programme")


class PartnershipInline(admin.TabularInline):
    """The organisations cooperating in the programme, with their dates (RCO 87)."""

    model = ProjectPartnership
    fields = ("organisation", "role", "start_date", "end_date")
    autocomplete_fields = ("organisation",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "programme")


@admin.register(Programme)
class ProgrammeAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = ("name", "code", "funder", "start_date", "end_date", "translation_state")
    list_filter = (MissingLanguageFilter,)
    search_fields = ("name_fr", "name_de", "code", "funder")
    prepopulated_fields = {"code": ("name",)}
    inlines = (AxisInline, PartnershipInline)


class StrategyInline(TranslationTabularInline):
    model = Strategy
    fields = ("code", "title")
    extra = 0


@admin.register(Axis)
class AxisAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = ("number", "title", "programme", "translation_state")
    list_display_links = ("number", "title")
    list_select_related = ("programme",)
    list_filter = ("programme", MissingLanguageFilter)
    search_fields = ("title_fr", "title_de", "programme__code")
    inlines = (StrategyInline,)

    def get_queryset(self, request):
        # An axis is shown with its programme's code, in lists and autocomplete.
        return super().get_queryset(request).select_related("programme")


@admin.register(Strategy)
class StrategyAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = ("code", "title", "axis", "translation_state")
    list_display_links = ("code", "title")
    list_select_related = ("axis__programme",)
    list_filter = ("axis__programme", MissingLanguageFilter)
    search_fields = ("code", "title_fr", "title_de")
    autocomplete_fields = ("axis",)


class IndicatorValueForm(forms.ModelForm):
    """A value a published report froze shows its figures but takes no change."""

    class Meta:
        model = IndicatorValue
        fields = ("indicator", "year", "quarter", "value", "cumulative", "source_note", "comment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.frozen:
            for field in self.fields.values():
                field.disabled = True


class IndicatorValueFormSet(BaseInlineFormSet):
    def _should_delete_form(self, form):
        return super()._should_delete_form(form) and not form.instance.frozen


def _record_manual_entry(value, user):
    """A figure typed in the admin is a manual one, by this user, now."""
    value.source = IndicatorValue.Source.MANUAL
    value.entered_by = user
    value.computed_at = timezone.now()


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    form = IndicatorValueForm
    formset = IndicatorValueFormSet
    fields = (
        "year",
        "quarter",
        "value",
        "cumulative",
        "source",
        "source_note",
        "computed_at",
        "frozen",
    )
    readonly_fields = ("source", "computed_at", "frozen")
    ordering = ("-year", "-quarter")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")


@admin.register(Indicator)
class IndicatorAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = (
        "code",
        "name",
        "programme",
        "axis",
        "kind",
        "baseline",
        "target",
        "unit",
        "translation_state",
    )
    list_display_links = ("code", "name")
    list_select_related = ("programme", "axis__programme")
    list_filter = ("programme", "kind", MissingLanguageFilter)
    search_fields = ("code", "name_fr", "name_de")
    autocomplete_fields = ("axis", "strategy")
    fieldsets = (
        (None, {"fields": ("programme", "axis", "strategy", "code", "name", "position")}),
        (_("Figures"), {"fields": ("unit", "baseline", "target", "progress_measure")}),
        (
            _("Source"),
            {
                "fields": (
                    "kind",
                    "metric",
                    "counts_people",
                    "denominator_metric",
                    "measured_after_end",
                )
            },
        ),
    )
    inlines = (IndicatorValueInline,)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "metric":
            # Only a metric of the registry can compute an indicator.
            return forms.ChoiceField(
                choices=[("", "---------"), *metric_choices()],
                required=False,
                label=db_field.verbose_name,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        if formset.model is IndicatorValue:
            for value_form in formset.forms:
                if value_form.has_changed() and not value_form.instance.frozen:
                    _record_manual_entry(value_form.instance, request.user)
        super().save_formset(request, form, formset, change)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    form = IndicatorValueForm
    list_display = (
        "indicator",
        "year",
        "quarter",
        "value",
        "cumulative",
        "source",
        "frozen",
        "computed_at",
    )
    list_select_related = ("indicator",)
    list_filter = ("indicator__programme", "year", "quarter", "source", "frozen")
    search_fields = ("indicator__code", "indicator__name_fr", "indicator__name_de")
    autocomplete_fields = ("indicator",)
    readonly_fields = ("source", "computed_at", "entered_by", "frozen")
    fields = (
        "indicator",
        "year",
        "quarter",
        "value",
        "cumulative",
        "source_note",
        "comment",
        "source",
        "computed_at",
        "entered_by",
        "frozen",
    )

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.frozen:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        _record_manual_entry(obj, request.user)
        super().save_model(request, obj, form, change)


@admin.register(QualitativeNote)
class QualitativeNoteAdmin(admin.ModelAdmin):
    list_display = ("programme", "year", "quarter", "strategy")
    list_select_related = ("programme", "strategy")
    list_filter = ("programme", "year", "quarter")
    search_fields = ("strengths", "areas_for_progress", "decisions_follow_up")
    autocomplete_fields = ("strategy",)


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(admin.ModelAdmin):
    """Reports are made by the generation task; staff read them here."""

    list_display = (
        "programme",
        "year",
        "quarter",
        "language",
        "version",
        "status",
        "generated_at",
        "published_at",
    )
    list_select_related = ("programme",)
    list_filter = ("programme", "status", "language", "year", "quarter")
    fields = (
        "programme",
        "year",
        "quarter",
        "language",
        "version",
        "status",
        "file_name",
        "error",
        "changes",
        "requested_by",
        "created_at",
        "started_at",
        "heartbeat_at",
        "generated_at",
        "published_at",
    )
    # The generation task writes everything but the note on what changed.
    readonly_fields = tuple(name for name in fields if name != "changes")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("PDF file"))
    def file_name(self, report):
        # Private storage has no public URL; a permission-checked view serves it.
        return report.file.name or "–"


# Comité de suivi reports: compile, publish, re-issue, and drill down into figures.
# (Added by the indicators engine; the admin classes above are extended, not changed.)


class CompileReportForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    quarter = forms.CharField(
        label=_("Quarter"),
        max_length=7,
        help_text=_("As 2025-Q3."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=QuarterlyReport._meta.get_field("language").choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_quarter(self):
        try:
            return Quarter.parse(self.cleaned_data["quarter"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _tell_queued(request, report):
    messages.success(
        request,
        gettext("%(report)s is queued: its progress shows below.") % {"report": report},
    )


def _request_reports(request, wanted):
    """Queue a report for each (programme, quarter, language) in `wanted` and tell
    the user which were queued and which could not be; return the queued ones."""
    queued = []
    for programme, quarter, language in wanted:
        try:
            report, was_queued = services.request_report(
                programme, quarter, language, requested_by=request.user, enqueue=False
            )
        except services.ReportError as exc:
            messages.error(request, str(exc))
            continue
        if was_queued:
            # Compiled after the commit, in a worker or a background thread: the
            # page answers at once (`dispatch`).
            compile_later(report)
            queued.append(report)
            _tell_queued(request, report)
        else:
            messages.error(
                request,
                gettext("%(report)s is being generated or already published.") % {"report": report},
            )
    return queued


admin.site.unregister(QuarterlyReport)


@admin.register(QuarterlyReport)
class ReportAdmin(QuarterlyReportAdmin):
    """Staff compile a programme's report for a quarter, follow its status, download,
    publish it (committee members are emailed) or issue a new version."""

    change_list_template = "admin/indicators/quarterlyreport/change_list.html"
    list_display = (*QuarterlyReportAdmin.list_display, "download")
    actions = ("generate_again", "publish", "new_version", "export_csv", "export_json")

    def get_urls(self):
        compile_url = path(
            "compile/",
            self.admin_site.admin_view(self.compile_view),
            name="indicators_quarterlyreport_compile",
        )
        status = path(
            "status/",
            self.admin_site.admin_view(self.status_view),
            name="indicators_quarterlyreport_status",
        )
        return [compile_url, status, *super().get_urls()]

    def _may_compile(self, request):
        return request.user.has_perm("indicators.add_quarterlyreport")

    # The permission of the "generate again" action: the one to compile.
    has_compile_permission = _may_compile

    def status_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return status_page(self, request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_compile": self._may_compile(request)}
        return super().changelist_view(request, extra_context)

    def compile_view(self, request):
        if not self._may_compile(request):
            raise PermissionDenied
        initial = {
            "programme": request.GET.get("programme"),
            "quarter": str(Quarter.containing(timezone.localdate()).previous()),
            "languages": [code for code, _name in settings.LANGUAGES],
        }
        form = CompileReportForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            wanted = [
                (data["programme"], data["quarter"], language) for language in data["languages"]
            ]
            queued = _request_reports(request, wanted)
            if queued:
                return redirect(status_url(queued))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Compile a comité de suivi report"),
        }
        return TemplateResponse(request, "admin/indicators/quarterlyreport/compile.html", context)

    @admin.display(description=_("PDF"))
    def download(self, report):
        if not report.file.name:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("indicators:download", args=[report.pk]),
            gettext("Download"),
        )

    @admin.action(description=_("Generate the selected reports again"), permissions=["compile"])
    def generate_again(self, request, queryset):
        wanted = [
            (report.programme, Quarter(report.year, report.quarter), report.language)
            for report in queryset.select_related("programme")
        ]
        queued = _request_reports(request, wanted)
        return redirect(status_url(queued)) if queued else None

    @admin.action(
        description=_("Publish the selected reports (and email the comité de suivi)"),
        permissions=["change"],
    )
    def publish(self, request, queryset):
        # Nothing is frozen or emailed before staff confirm, having seen who is emailed.
        if request.POST.get("confirm") != "yes":
            return publish_confirmation(self, request, queryset)
        try:
            published = services.publish_reports(list(queryset))
        except services.ReportError as exc:
            messages.error(request, str(exc))
            return
        except MAIL_SERVER_ERRORS as exc:
            # The email goes once the publication commits: the reports are published.
            messages.warning(
                request,
                gettext(
                    "The email to the comité de suivi could not be sent (%(error)s): the "
                    "reports are published all the same."
                )
                % {"error": exc},
            )
            return
        messages.success(
            request,
            ngettext(
                "%(count)d report was published; its figures are now frozen.",
                "%(count)d reports were published; their figures are now frozen.",
                len(published),
            )
            % {"count": len(published)},
        )

    def _export(self, request, queryset, file_format):
        quarters = {
            (r.programme, Quarter(r.year, r.quarter)) for r in queryset.select_related("programme")
        }
        if len(quarters) != 1:
            messages.error(request, gettext("Select the reports of one programme and quarter."))
            return None
        ((programme, quarter),) = quarters
        try:
            text, content_type, name = exports.export(programme, quarter, file_format)
        except services.ReportError as exc:
            messages.error(request, str(exc))
            return None
        response = HttpResponse(text, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @admin.action(description=_("Download the published indicator values (CSV)"))
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Download the published indicator values (JSON)"))
    def export_json(self, request, queryset):
        return self._export(request, queryset, "json")

    @admin.action(
        description=_("Issue a new version of the selected quarters"), permissions=["change"]
    )
    def new_version(self, request, queryset):
        queued = []
        quarters = {}
        for report in queryset.select_related("programme"):
            key = (report.programme, Quarter(report.year, report.quarter))
            quarters.setdefault(key, set()).add(report.language)
        for (programme, quarter), languages in quarters.items():
            try:
                created = services.issue_new_version(
                    programme,
                    quarter,
                    languages=sorted(languages),
                    requested_by=request.user,
                    enqueue=False,
                )
            except services.ReportError as exc:
                messages.error(request, str(exc))
                continue
            for report in created:
                compile_later(report)
                _tell_queued(request, report)
            queued += created
        return redirect(status_url(queued)) if queued else None


admin.site.unregister(Programme)


@admin.register(Programme)
class ProgrammeWithReportsAdmin(ProgrammeAdmin):
    list_display = (*ProgrammeAdmin.list_display, "quarterly_report")

    @admin.display(description=_("Comité de suivi report"))
    def quarterly_report(self, programme):
        url = reverse("admin:indicators_quarterlyreport_compile")
        return format_html(
            '<a href="{}?programme={}">{}</a>', url, programme.pk, gettext("Compile")
        )


admin.site.unregister(IndicatorValue)


@admin.register(IndicatorValue)
class IndicatorValueWithRecordsAdmin(IndicatorValueAdmin):
    list_display = (*IndicatorValueAdmin.list_display, "records")
    list_select_related = ("indicator",)

    @admin.display(description=_("Records behind the figure"))
    def records(self, value):
        if value.indicator.kind != Indicator.Kind.COMPUTED:
            return "–"
        url = reverse(
            "indicators_staff:indicator_records",
            args=[value.indicator_id, f"{value.year}-Q{value.quarter}"],
        )
        return format_html('<a href="{}">{}</a>', url, gettext("Show"))
