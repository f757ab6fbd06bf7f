"""Imports and exports of referrals (django-import-export), with the rules of every
import of the portal (`partners.resources.StrictResource`). A referral is named by
its public id: an import updates the referral with that id, or adds it; the person
by their reference, the organisations by their name, the data shared as a list of
codes separated by commas (name, email, phone, …)."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from beneficiaries.models import Beneficiary
from partners.models import Organisation
from partners.resources import DateTimeWidget, DateWidget, LookupWidget, StrictResource

from .models import Referral, SharedField


class UUIDWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        try:
            return uuid.UUID(str(value).strip())
        except ValueError:
            raise ValueError(_("“%(value)s” is not a referral id.") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return str(value) if value else ""


class SharedFieldsWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        codes = [c.strip() for c in str(value or "").split(",") if c.strip()]
        unknown = [c for c in codes if c not in SharedField.values]
        if unknown:
            raise ValueError(
                _("Unknown data to share: %(codes)s (expected: %(known)s).")
                % {"codes": ", ".join(unknown), "known": ", ".join(SharedField.values)}
            )
        return [f for f in SharedField.values if f in codes]

    def render(self, value, obj=None, **kwargs):
        return ",".join(value or [])


class ReferralResource(StrictResource):
    public_id = fields.Field(attribute="public_id", column_name="public_id", widget=UUIDWidget())
    beneficiary = fields.Field(
        attribute="beneficiary",
        column_name="beneficiary",
        widget=LookupWidget(Beneficiary, "reference"),
    )
    sending_organisation = fields.Field(
        attribute="sending_organisation",
        column_name="sending_organisation",
        widget=LookupWidget(Organisation, "name"),
    )
    receiving_organisation = fields.Field(
        attribute="receiving_organisation",
        column_name="receiving_organisation",
        widget=LookupWidget(Organisation, "name"),
    )
    shared_fields = fields.Field(
        attribute="shared_fields", column_name="shared_fields", widget=SharedFieldsWidget()
    )
    consent_at = fields.Field(
        attribute="consent_at", column_name="consent_at", widget=DateTimeWidget()
    )
    sent_at = fields.Field(attribute="sent_at", column_name="sent_at", widget=DateTimeWidget())
    expires_at = fields.Field(
        attribute="expires_at", column_name="expires_at", widget=DateTimeWidget()
    )
    answered_at = fields.Field(
        attribute="answered_at", column_name="answered_at", widget=DateTimeWidget()
    )
    result_date = fields.Field(
        attribute="result_date", column_name="result_date", widget=DateWidget()
    )

    required_columns = (
        "beneficiary",
        "receiving_organisation",
        "reason",
        "looking_for",
        "consent_at",
        "sent_at",
        "expires_at",
        "state",
    )
    unique_in_file = (("public_id",),)

    class Meta:
        model = Referral
        fields = (
            "public_id",
            "beneficiary",
            "sending_organisation",
            "receiving_organisation",
            "reason",
            "looking_for",
            "consent_at",
            "shared_fields",
            "sent_at",
            "expires_at",
            "state",
            "answered_at",
            "refusal_reason",
            "refusal_comment",
            "result",
            "result_date",
        )
        import_id_fields = ("public_id",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_save_instance(self, instance, row, **kwargs):
        if instance.consent_at and instance.sent_at and instance.consent_at > instance.sent_at:
            raise ValidationError(
                {"consent_at": _("The consent must be given before the referral is sent.")}
            )
