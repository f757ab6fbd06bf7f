"""How events count for the funders, exported and imported in bulk (admin).

One row per existing event: its number, title and start (to recognise it, not
imported), who may take part (public event, closed joint action, internal
meeting: Interreg counts them apart) and the programmes it serves directly (their
codes, comma-separated). Staff export the events, fill the two columns in a
spreadsheet and import the file back; an import only classifies events that exist
(new events are added in the admin). The rules of every import are those of
`partners.resources`.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from indicators.models import Programme
from indicators.selectors import serving
from partners.resources import DateTimeWidget, StrictResource

from .models import Event


class ProgrammeCodesWidget(widgets.ManyToManyWidget):
    """Programmes named by their codes, comma-separated; an unknown code is an error
    (the default widget would drop it silently)."""

    def clean(self, value, row=None, **kwargs):
        codes = [code.strip() for code in str(value or "").split(self.separator) if code.strip()]
        found = Programme.objects.filter(code__in=codes)
        unknown = sorted(set(codes) - set(found.values_list("code", flat=True)))
        if unknown:
            raise ValueError(_("No programme has the code “%(code)s”.") % {"code": unknown[0]})
        return found


class EventClassificationResource(StrictResource):
    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget())
    title = fields.Field(attribute="title", column_name="title", readonly=True)
    start = fields.Field(
        attribute="start", column_name="start", widget=DateTimeWidget(), readonly=True
    )
    openness = fields.Field(attribute="openness", column_name="openness")
    programmes = fields.Field(
        attribute="programmes",
        column_name="programmes",
        widget=ProgrammeCodesWidget(Programme, field="code", separator=","),
    )

    required_columns = ("openness",)
    column_labels = {
        "id": gettext_lazy("event number"),
        "programmes": gettext_lazy("programmes served (codes)"),
    }
    unique_in_file = (("id",),)

    class Meta:
        model = Event
        fields = ("id", "title", "start", "openness", "programmes")
        import_id_fields = ("id",)
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        number = str(row.get("id") or "").strip().removesuffix(".0")
        if not number.isdigit() or not Event.objects.filter(pk=int(number)).exists():
            raise ValidationError(
                _("“%(value)s” is no event number: this import only classifies existing events.")
                % {"value": row.get("id") or ""}
            )
        return super().before_import_row(row, **kwargs)


class ServesProgrammeFilter(admin.SimpleListFilter):
    """The events a programme's reports count (directly, through an axis, or linked
    to no programme while it runs), or those linked to no programme at all."""

    title = gettext_lazy("programme served")
    parameter_name = "serves"
    NONE = "none"

    def lookups(self, request, model_admin):
        return [
            *Programme.objects.order_by("start_date", "code").values_list("code", "name"),
            (self.NONE, _("No programme set")),
        ]

    def queryset(self, request, queryset):
        if self.value() == self.NONE:
            return queryset.filter(programmes__isnull=True, axes__isnull=True)
        if self.value():
            programme = Programme.objects.filter(code=self.value()).first()
            return serving(queryset, programme) if programme else queryset.none()
        return queryset
