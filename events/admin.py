from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from indicators.models import Axis
from lieu_ressource.paginators import EstimatedCountPaginator
from lieu_ressource.roles import is_staff_member
from lieu_ressource.translation_admin import MissingLanguageFilter, TranslationStateMixin
from partners.admin import StrictImportExportMixin

from . import schedule_changes
from .classification import EventClassificationResource, ServesProgrammeFilter
from .editing import WhenFilter, likely_duplicates
from .models import (
    Attendance,
    Audience,
    Event,
    EventOrganisation,
    OpeningPeriod,
    Registration,
    Venue,
)
from .resources import AttendanceResource
from .selectors import with_places
from .services import cancel, duplicate_weekly, notify_event_cancelled


class OpeningPeriodInline(admin.TabularInline):
    """The centre's opening days and hours, shown on the home and event pages."""

    model = OpeningPeriod
    extra = 0


@admin.register(Venue)
class VenueAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = (
        "name",
        "address",
        "postcode",
        "city",
        "country",
        "is_centre",
        "translation_state",
    )
    list_filter = ("country", "is_centre", MissingLanguageFilter)
    search_fields = ("name", "address", "city")
    inlines = [OpeningPeriodInline]


@admin.register(Audience)
class AudienceAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = ("name", "code", "translation_state")
    list_filter = (MissingLanguageFilter,)
    search_fields = ("name_fr", "name_de", "code")
    prepopulated_fields = {"code": ("name",)}


class EventOrganisationInline(admin.TabularInline):
    model = EventOrganisation
    fields = ("organisation", "role")
    autocomplete_fields = ("organisation",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class RegistrationInline(admin.TabularInline):
    """The sign-ups of an event at a glance. Places change only through the
    registration services (cancel promotes the waiting list), so rows are neither
    added nor deleted here."""

    model = Registration
    fields = ("first_name", "last_name", "email", "phone", "status", "created_at")
    readonly_fields = ("status", "created_at")
    show_change_link = True
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row is titled with its event: join it rather than fetch it per row.
        return super().get_queryset(request).select_related("event")


# Past this many sign-ups the event page links to the registrations list, filtered
# to the event, instead of rendering one inline form per sign-up.
INLINE_REGISTRATIONS_MAX = 30


class DuplicateWeeklyForm(forms.Form):
    weeks = forms.IntegerField(
        label=_("Number of weeks"),
        min_value=1,
        max_value=52,
        initial=4,
        help_text=_(
            "One draft copy per week, at the same local time, starting one week after "
            "each selected event."
        ),
    )


@admin.register(Event)
class EventAdmin(
    StrictImportExportMixin, TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin
):
    # Export the events and import back who may take part and the programmes served.
    resource_classes = [EventClassificationResource]
    list_display = (
        "title",
        "start",
        "format",
        "language",
        "status",
        "places",
        "translation_state",
        "outside_centre",
        "venue",
    )
    list_filter = (
        WhenFilter,
        "status",
        MissingLanguageFilter,
        "format",
        "language",
        "outside_centre",
        "openness",
        ServesProgrammeFilter,
        "audiences",
        "start",
    )
    list_select_related = ("venue",)
    search_fields = ("title_fr", "title_de", "venue__name", "venue__city")
    date_hierarchy = "start"
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("venue", "axes", "programmes")
    readonly_fields = ("created_at", "updated_at", "registrations_link")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description", "what_to_bring", "image")}),
        (
            _("What and for whom"),
            {"fields": ("format", "language", "openness", "audiences", "axes", "programmes")},
        ),
        (_("When and where"), {"fields": ("start", "end", "venue", "outside_centre")}),
        (
            _("Registration"),
            {
                "fields": (
                    "status",
                    "capacity",
                    "registration_opens",
                    "registration_closes",
                    "registrations_link",
                )
            },
        ),
        (_("History"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )
    inlines = (EventOrganisationInline, RegistrationInline)
    actions = ("duplicate_weekly",)

    def get_queryset(self, request):
        return with_places(super().get_queryset(request))

    def get_ordering(self, request):
        return WhenFilter.ordering(request)

    def shown_publicly(self, event):
        return event.status == Event.Status.PUBLISHED

    def save_model(self, request, obj, form, change):
        # What registrants were told, read before the save overwrites it.
        before = schedule_changes.stored(obj.pk) if change else None
        super().save_model(request, obj, form, change)
        moved = schedule_changes.notify_if_moved(obj, before)
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registered person is told by email of the new time or place.",
                    "%(count)d registered people are told by email of the new time or place.",
                    moved,
                )
                % {"count": moved},
                messages.SUCCESS,
            )
        if change and "status" in form.changed_data:
            told = notify_event_cancelled(obj)
            if told:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d registered person is told by email that the event is cancelled.",
                        "%(count)d registered people are told by email that the event is "
                        "cancelled.",
                        told,
                    )
                    % {"count": told},
                    messages.SUCCESS,
                )
        # Pointed out, not refused: two sessions of one workshop may share a slot.
        for other in likely_duplicates(obj)[:3]:
            url = reverse("admin:events_event_change", args=[other.pk])
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Another event has the same title and start: is it a duplicate?"),
                    url,
                    other,
                ),
                messages.WARNING,
            )

    def get_inlines(self, request, obj):
        # Who registered is personal data: partner referents see the figures only.
        # A busy event's sign-ups are read in their list (see registrations_link).
        if is_staff_member(request.user) and (
            obj is None or self._registration_count(obj) <= INLINE_REGISTRATIONS_MAX
        ):
            return self.inlines
        return tuple(inline for inline in self.inlines if inline is not RegistrationInline)

    def _registration_count(self, event):
        if not hasattr(event, "_registration_count"):
            event._registration_count = event.registrations.count()
        return event._registration_count

    @admin.display(description=_("registrations"))
    def registrations_link(self, event):
        if event.pk is None:
            return "–"
        count = self._registration_count(event)
        url = reverse("admin:events_registration_changelist")
        label = ngettext(
            "%(count)d registration: see the list",
            "%(count)d registrations: see the list",
            count,
        ) % {"count": count}
        return format_html('<a href="{}?event__id__exact={}">{}</a>', url, event.pk, label)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "audiences":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        if db_field.name == "axes":
            # An axis names its programme: join it once instead of once per axis.
            kwargs["queryset"] = Axis.objects.select_related("programme")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("places taken / capacity"), ordering="places_taken")
    def places(self, event):
        url = reverse("admin:events_registration_changelist")
        capacity = "–" if event.capacity is None else event.capacity
        return format_html(
            '<a href="{}?event__id__exact={}">{} / {}</a>',
            url,
            event.pk,
            event.places_taken,
            capacity,
        )

    @admin.action(description=_("Duplicate weekly"), permissions=("add",))
    def duplicate_weekly(self, request, queryset):
        form = DuplicateWeeklyForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            weeks = form.cleaned_data["weeks"]
            with transaction.atomic():
                created = [copy for event in queryset for copy in duplicate_weekly(event, weeks)]
            self.message_user(
                request,
                ngettext(
                    "%(count)d draft event was created.",
                    "%(count)d draft events were created.",
                    len(created),
                )
                % {"count": len(created)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Duplicate weekly"),
            "opts": self.opts,
            "form": form,
            "events": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/event/duplicate_weekly.html", context)


class RegistrationAdminForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = (
            "event",
            "first_name",
            "last_name",
            "email",
            "phone",
            "language",
            "consent_at",
            "status",
            "organisation_name",
            "organisation",
            "beneficiary",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            # A new registration holds a place or waits for one; cancelling goes
            # through the "Cancel" action, which also promotes the waiting list.
            self.fields["status"].choices = [
                (value, label)
                for value, label in self.fields["status"].choices
                if value != Registration.Status.CANCELLED
            ]

    def clean(self):
        cleaned_data = super().clean()
        event = cleaned_data.get("event")
        if (
            self.instance._state.adding
            and event is not None
            and event.capacity is not None
            and cleaned_data.get("status") == Registration.Status.CONFIRMED
        ):
            taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if taken >= event.capacity:
                self.add_error(
                    "status",
                    _("Every place is taken: put this person on the waiting list."),
                )
        return cleaned_data


class OrganisationToLinkFilter(admin.SimpleListFilter):
    """Registrations of employers whose organisation staff have yet to link."""

    title = _("organisation")
    parameter_name = "organisation_link"

    def lookups(self, request, model_admin):
        return [("to_link", _("Typed, not linked yet")), ("linked", _("Linked"))]

    def queryset(self, request, queryset):
        if self.value() == "to_link":
            return queryset.exclude(organisation_name="").filter(organisation__isnull=True)
        if self.value() == "linked":
            return queryset.filter(organisation__isnull=False)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    form = RegistrationAdminForm
    list_display = ("event", "full_name", "email", "organisation_name", "status", "created_at")
    # A date hierarchy would read the month of all 500,000 rows on every page: the
    # date filter offers a bounded set of periods instead.
    list_filter = ("status", OrganisationToLinkFilter, "created_at", "event__language", "language")
    list_select_related = ("event",)
    # Column sorts an index serves over 500,000 rows; status and organisation have
    # their filters, an email is found by searching.
    sortable_by = ("event", "full_name", "created_at")
    search_fields = ("last_name", "first_name", "email", "organisation_name")
    autocomplete_fields = ("event", "organisation", "beneficiary")
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    actions = ("cancel_registrations",)
    fields = (
        *RegistrationAdminForm.Meta.fields,
        "public_id",
        "created_at",
        "cancelled_at",
        "reminder_sent_at",
    )

    def get_queryset(self, request):
        # A registration is shown with its event, in lists and autocomplete.
        return super().get_queryset(request).select_related("event")

    def get_readonly_fields(self, request, obj=None):
        readonly = ("public_id", "created_at", "cancelled_at", "reminder_sent_at")
        if obj is not None:
            readonly += ("event", "status")
        return readonly

    def get_changeform_initial_data(self, request):
        return {"consent_at": timezone.now(), **super().get_changeform_initial_data(request)}

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, registration):
        return f"{registration.first_name} {registration.last_name}"

    @admin.action(description=_("Cancel the selected registrations"), permissions=("change",))
    def cancel_registrations(self, request, queryset):
        promoted = 0
        cancelled = 0
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            cancelled += 1
            if cancel(registration) is not None:
                promoted += 1
        self.message_user(
            request,
            _("%(cancelled)d cancelled, %(promoted)d moved up from the waiting list.")
            % {"cancelled": cancelled, "promoted": promoted},
            messages.SUCCESS,
        )


@admin.register(Attendance)
class AttendanceAdmin(StrictImportExportMixin, admin.ModelAdmin):
    """Attendance lists; filtered by event (?event__id__exact=…), the export is one
    event's list."""

    resource_classes = [AttendanceResource]
    list_display = ("__str__", "event", "present", "beneficiary", "recorded_at", "recorded_by")
    list_select_related = ("event", "registration__event", "beneficiary", "recorded_by")
    list_filter = ("present", "event__start", "event__format")
    # Presence has its filter; a sort by person or recorder would join every row.
    sortable_by = ("event", "recorded_at")
    search_fields = (
        "walk_in_name",
        "registration__last_name",
        "registration__email",
        "beneficiary__reference",
        "beneficiary__last_name",
    )
    autocomplete_fields = ("event", "registration", "beneficiary")
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    readonly_fields = ("recorded_at", "recorded_by")

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
