"""Imports and exports of followed people (django-import-export).

A person is identified by their reference: an import updates the person with that
reference, or adds them. The rules of every import (all or nothing, a message per
row and field, no record twice in a file) are those of `partners.resources`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from partners.models import Organisation
from partners.resources import (
    BooleanWidget,
    DateTimeWidget,
    DateWidget,
    LookupWidget,
    StrictResource,
)

from .models import SITUATION_FACTS, Beneficiary, PriorityNeighbourhood


class ActiveAccountWidget(LookupWidget):
    """A referent named by the email of their (active) account."""

    def get_queryset(self, value, row, *args, **kwargs):
        return get_user_model().objects.filter(is_active=True)


class FactWidget(BooleanWidget):
    """A fact of the situation at entry: an empty cell says it does not hold."""

    def clean(self, value, row=None, **kwargs):
        return bool(super().clean(value, row=row, **kwargs))


class BeneficiaryResource(StrictResource):
    neighbourhood = fields.Field(
        attribute="neighbourhood",
        column_name="neighbourhood",
        widget=LookupWidget(PriorityNeighbourhood, "code"),
    )
    referring_organisation = fields.Field(
        attribute="referring_organisation",
        column_name="referring_organisation",
        widget=LookupWidget(Organisation, "name"),
    )
    referent = fields.Field(
        attribute="referent",
        column_name="referent",
        widget=ActiveAccountWidget(get_user_model(), "email"),
    )
    consent_at = fields.Field(
        attribute="consent_at", column_name="consent_at", widget=DateTimeWidget()
    )
    entry_date = fields.Field(attribute="entry_date", column_name="entry_date", widget=DateWidget())
    exit_date = fields.Field(attribute="exit_date", column_name="exit_date", widget=DateWidget())

    required_columns = ("reference", "first_name", "last_name", "entry_date")
    unique_in_file = (("reference",),)

    class Meta:
        model = Beneficiary
        fields = (
            "reference",
            "first_name",
            "last_name",
            "email",
            "phone",
            "birth_year",
            "sex",
            "country",
            "commune",
            "neighbourhood",
            *SITUATION_FACTS,
            "education",
            "german_level",
            "referring_organisation",
            "referent",
            "consent_at",
            "consent_scope",
            "entry_date",
            "exit_date",
        )
        import_id_fields = ("reference",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        # Lists of a few thousand people: written in bulk, history included.
        use_bulk = True

    @classmethod
    def widget_from_django_field(cls, f, default=None):
        # The facts of the situation at entry, one yes/no column each. Disability
        # (special-category data, with its own consent) never goes through a file.
        if f.name in SITUATION_FACTS:
            return FactWidget
        return super().widget_from_django_field(f)

    def after_init_instance(self, instance, new, row, **kwargs):
        # An anonymised person stays anonymous: an import cannot fill them in again.
        if not new and instance.anonymised_at is not None:
            raise ValidationError(
                {"reference": _("This person was anonymised: their record cannot be imported.")}
            )

    def filter_export(self, queryset, **kwargs):
        # One query for the file, however many people it lists.
        return queryset.select_related("neighbourhood", "referring_organisation", "referent")
