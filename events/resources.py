"""Imports and exports of attendance lists (django-import-export).

One row per attendee of an event: a registered person (named by the email they
registered with), a followed person (by their reference), or a walk-in (a name, or
nothing for someone counted anonymously). Exported lists can be filled in and
imported back: the `id` column updates the row it names; leave it empty to add one.
The rules of every import are those of `partners.resources`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from beneficiaries.models import Beneficiary
from partners.resources import BooleanWidget, DateTimeWidget, LookupWidget, StrictResource

from .models import Attendance, Event, Registration


class EventWidget(LookupWidget):
    """An event named by its number (its id in the admin)."""

    def get_lookup_kwargs(self, value, row, **kwargs):
        text = str(value).strip()
        if text.endswith(".0"):  # spreadsheets turn numbers into floats
            text = text[:-2]
        if not text.isdigit():
            raise ValueError(_("“%(value)s” is not an event number.") % {"value": value})
        return {"pk": int(text)}

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.pk


class RegistrationWidget(LookupWidget):
    """A registration named by its email, among the event's (not cancelled) sign-ups."""

    same_on_every_row = False

    def get_queryset(self, value, row, *args, **kwargs):
        event = str((row or {}).get("event") or "").strip().removesuffix(".0")
        if not event.isdigit():
            return Registration.objects.none()
        return Registration.objects.filter(event_id=int(event)).exclude(
            status=Registration.Status.CANCELLED
        )


class AttendanceResource(StrictResource):
    # Read to find the row to update, never written: new rows get a new number.
    id = fields.Field(
        attribute="id", column_name="id", widget=widgets.IntegerWidget(), readonly=True
    )
    event = fields.Field(attribute="event", column_name="event", widget=EventWidget(Event, "pk"))
    event_title = fields.Field(attribute="event__title", column_name="event_title", readonly=True)
    event_start = fields.Field(
        attribute="event__start",
        column_name="event_start",
        widget=DateTimeWidget(),
        readonly=True,
    )
    registration = fields.Field(
        attribute="registration",
        column_name="registration_email",
        widget=RegistrationWidget(Registration, "email"),
    )
    first_name = fields.Field(
        attribute="registration__first_name", column_name="first_name", readonly=True
    )
    last_name = fields.Field(
        attribute="registration__last_name", column_name="last_name", readonly=True
    )
    beneficiary = fields.Field(
        attribute="beneficiary",
        column_name="beneficiary_reference",
        widget=LookupWidget(Beneficiary, "reference"),
    )
    walk_in_name = fields.Field(attribute="walk_in_name", column_name="walk_in_name")
    present = fields.Field(
        attribute="present", column_name="present", widget=BooleanWidget(), default=True
    )
    recorded_at = fields.Field(
        attribute="recorded_at", column_name="recorded_at", widget=DateTimeWidget(), readonly=True
    )

    required_columns = ("event",)
    column_labels = {
        "id": gettext_lazy("attendance number"),
        "event": gettext_lazy("event number"),
        "event_title": gettext_lazy("event title"),
        "event_start": gettext_lazy("event start"),
        "registration_email": gettext_lazy("email of the registration"),
        "beneficiary_reference": gettext_lazy("reference of the followed person"),
    }
    unique_in_file = (("event", "registration_email"), ("event", "beneficiary_reference"))

    class Meta:
        model = Attendance
        fields = (
            "id",
            "event",
            "event_title",
            "event_start",
            "registration",
            "first_name",
            "last_name",
            "beneficiary",
            "walk_in_name",
            "present",
            "recorded_at",
        )
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and str(row.get("id") or "").strip():
            raise ValidationError(
                {"id": _("No attendance row has the number %(id)s.") % {"id": row["id"]}}
            )

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance.recorded_by = user

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("event", "registration", "beneficiary")
