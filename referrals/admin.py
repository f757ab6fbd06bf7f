"""The referral list of the admin, for the centre's team: filters by state,
receiving organisation and age; imports and exports; the history of each referral.
A referral is sent from its add form (through `services.send_referral`, which emails
the partner); it is answered in the portal or through the signed link, not here.

Partner referents have no permission on these models: the admin refuses them every
page (list, search, autocomplete, export, history), and they answer in the portal,
which shows only what the person agreed to share."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lieu_ressource.roles import is_staff_member
from partners.admin import StrictImportExportMixin

from . import services
from .models import Following, Referral, ReferralTransition, SharedField
from .resources import ReferralResource


class TeamOnlyMixin:
    """Only the centre's team (and superusers) reach these pages, whatever the
    permissions an account was given by hand."""

    def has_module_permission(self, request):
        return is_staff_member(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return is_staff_member(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_staff_member(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_staff_member(request.user) and super().has_delete_permission(request, obj)


class AgeFilter(admin.SimpleListFilter):
    """How long ago the referral was sent, in the bands of reminder and expiry."""

    title = _("age")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [
            ("week", _("Less than a week")),
            ("month", _("1 to 4 weeks")),
            ("older", _("More than 4 weeks")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        week = now - datetime.timedelta(days=7)
        month = now - datetime.timedelta(days=28)
        if self.value() == "week":
            return queryset.filter(sent_at__gte=week)
        if self.value() == "month":
            return queryset.filter(sent_at__lt=week, sent_at__gte=month)
        if self.value() == "older":
            return queryset.filter(sent_at__lt=month)
        return queryset


class ReferralForm(forms.ModelForm):
    shared_fields = forms.MultipleChoiceField(
        label=_("data shared"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only what the person agreed to share with the receiving organisation."),
    )

    class Meta:
        model = Referral
        fields = (
            "beneficiary",
            "sending_organisation",
            "receiving_organisation",
            "reason",
            "looking_for",
            "consent_at",
            "shared_fields",
        )

    def clean(self):
        cleaned = super().clean()
        consent_at = cleaned.get("consent_at")
        if consent_at and consent_at > timezone.now():
            self.add_error("consent_at", _("The consent cannot be in the future."))
        sending, receiving = (
            cleaned.get("sending_organisation"),
            cleaned.get("receiving_organisation"),
        )
        if sending and sending == receiving:
            self.add_error(
                "receiving_organisation", _("An organisation cannot refer a person to itself.")
            )
        person = cleaned.get("beneficiary")
        if (
            self.instance.pk is None
            and person
            and receiving
            and Referral.objects.filter(
                beneficiary=person, receiving_organisation=receiving, state=Referral.State.SENT
            ).exists()
        ):
            self.add_error("receiving_organisation", services.ALREADY_PENDING)
        return cleaned

    def _post_clean(self):
        # The referral is created by `services.send_referral` on save, which sets its
        # dates: the model's checks on a half-built instance would only get in the way.
        self.instance = construct_instance(self, self.instance, self._meta.fields)


class TransitionInline(TeamOnlyMixin, admin.TabularInline):
    model = ReferralTransition
    fields = ("at", "step", "from_state", "to_state", "channel", "by", "by_contact", "detail")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "by_contact", "referral")


ANSWER_FIELDS = (
    "state",
    "sent_by",
    "sent_at",
    "expires_at",
    "reminder_sent_at",
    "answered_at",
    "receiving_referent",
    "refusal_reason",
    "refusal_comment",
    "result",
    "result_date",
)


@admin.register(Referral)
class ReferralAdmin(TeamOnlyMixin, StrictImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ReferralResource]
    form = ReferralForm
    list_display = (
        "pk",
        "beneficiary",
        "receiving_organisation",
        "state",
        "sent_at",
        "answered_at",
        "result",
    )
    list_display_links = ("pk", "beneficiary")
    list_select_related = ("beneficiary", "receiving_organisation")
    list_filter = (
        "state",
        ("receiving_organisation", admin.RelatedOnlyFieldListFilter),
        AgeFilter,
        "refusal_reason",
        "result",
        "receiving_organisation__country",
    )
    search_fields = (
        "beneficiary__reference",
        "beneficiary__last_name",
        "receiving_organisation__name",
    )
    autocomplete_fields = ("beneficiary", "sending_organisation", "receiving_organisation")
    date_hierarchy = "sent_at"
    inlines = (TransitionInline,)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # Once sent, a referral changes through its steps only.
        return (*ReferralForm.Meta.fields, *ANSWER_FIELDS)

    def get_fieldsets(self, request, obj=None):
        fields = list(ReferralForm.Meta.fields)
        if obj is None:
            return [(None, {"fields": fields})]
        return [(None, {"fields": fields}), (_("Answer"), {"fields": ANSWER_FIELDS})]

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        try:
            referral = services.send_referral(
                data["beneficiary"],
                data["receiving_organisation"],
                reason=data["reason"],
                looking_for=data["looking_for"],
                shared_fields=data["shared_fields"],
                consent_at=data["consent_at"],
                sending_organisation=data.get("sending_organisation"),
                sent_by=request.user,
            )
        except services.ReferralError as error:
            messages.error(request, str(error))
            raise
        obj.pk, obj.public_id = referral.pk, referral.public_id
        obj._state.adding = False

    def get_inlines(self, request, obj):
        # The steps are written by the services: shown once there are some.
        return self.inlines if obj is not None else ()


@admin.register(Following)
class FollowingAdmin(TeamOnlyMixin, SimpleHistoryAdmin):
    list_display = ("beneficiary", "organisation", "referent", "start_date", "end_date")
    list_select_related = ("beneficiary", "organisation", "referent")
    list_filter = (("organisation", admin.RelatedOnlyFieldListFilter), "start_date", "end_date")
    search_fields = ("beneficiary__reference", "beneficiary__last_name", "organisation__name")
    autocomplete_fields = ("beneficiary", "organisation")
    raw_id_fields = ("referent", "referral")
