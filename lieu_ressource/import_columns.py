"""Import and export files in the staff's language, for every resource.

A column is headed by its field's name in the user's language ("Prénom",
"Vorname"); on import the French header, the German one and the code name
(`first_name`) are all accepted, in any case. A value with a fixed list of
choices is written as its label ("Chômeur de longue durée") and read back from its
label in either language or from its code (`long_term_unemployed`). The same
descriptions give the import page its list of allowed values, the template file
its columns, and the error report its "what is allowed".

Kept apart from the resources so that a resource's own columns can change (its
fields are read when the file is), and applied by `partners.resources.StrictResource`.
"""

import tablib
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.forms import SelectableFieldsExportForm


def languages():
    return [code for code, _name in settings.LANGUAGES]


def _fold(text):
    return " ".join(str(text).split()).casefold()


def model_field(resource, field):
    """The model field behind a resource field (following `a__b` paths), or None."""
    model = resource._meta.model
    path = (field.attribute or "").split("__")
    found = None
    for name in path:
        if model is None:
            return None
        try:
            found = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        model = found.related_model
    return found


def column_label(resource, field):
    """The (lazy) label of a column: the resource's own words for it, else the name
    of its model field, else its code name."""
    own = getattr(resource, "column_labels", {}).get(field.column_name)
    if own is not None:
        return own
    found = model_field(resource, field)
    if found is not None and getattr(found, "verbose_name", None):
        return found.verbose_name
    return field.column_name.replace("_", " ")


def header(resource, field, language=None):
    """A column's header in `language` (the active one by default)."""
    with translation.override(language or translation.get_language()):
        return capfirst(str(column_label(resource, field)))


def header_aliases(resource):
    """{folded header: column code name} for every header a file may use."""
    aliases = {}
    for field in resource.get_import_fields():
        aliases[_fold(field.column_name)] = field.column_name
        for lang in languages():
            aliases.setdefault(_fold(header(resource, field, lang)), field.column_name)
    return aliases


def to_code_names(resource, headers):
    """The file's headers as the resource's column code names (unknown ones kept,
    to be reported)."""
    aliases = header_aliases(resource)
    return [aliases.get(_fold(h), h) if h else h for h in headers]


class ChoiceWidget(widgets.Widget):
    """A value among a field's choices: exported as its label in the active
    language; imported from its code or its label in any language."""

    def __init__(self, choices, **kwargs):
        self.choices = [(code, label) for code, label in choices if code not in ("", None)]
        super().__init__(**kwargs)

    def _lookup(self):
        # Built once per widget: codes and labels in every language read the same.
        known = getattr(self, "_known", None)
        if known is None:
            known = {}
            for code, label in self.choices:
                known[_fold(code)] = code
                for lang in languages():
                    with translation.override(lang):
                        known.setdefault(_fold(label), code)
            self._known = known
        return known

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return ""
        code = self._lookup().get(_fold(value))
        if code is None:
            raise ValueError(
                _("“%(value)s” is not allowed here. Allowed: %(allowed)s.")
                % {"value": value, "allowed": self.allowed()}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        if value in (None, ""):
            return ""
        return str(dict(self.choices).get(value, value))

    def allowed(self):
        return ", ".join(str(label) for _code, label in self.choices)


def use_choice_labels(resource):
    """Give every column of a field with choices a ChoiceWidget (unless the resource
    chose a widget of its own)."""
    for field in resource.fields.values():
        found = model_field(resource, field)
        choices = getattr(found, "choices", None)
        if choices and type(field.widget) in (widgets.Widget, widgets.CharWidget):
            field.widget = ChoiceWidget(choices)


def allowed_values(resource, field):
    """What a column accepts, in words for staff (empty when it is free text)."""
    widget = field.widget
    if isinstance(widget, ChoiceWidget):
        return widget.allowed()
    describe = getattr(widget, "describe_allowed", None)
    if describe is not None:
        return describe()
    if isinstance(widget, widgets.ForeignKeyWidget):
        related = widget.model._meta
        try:
            by = related.get_field(widget.field).verbose_name
        except FieldDoesNotExist:
            by = widget.field
        return _("an existing %(model)s, by its %(field)s") % {
            "model": related.verbose_name,
            "field": by,
        }
    if isinstance(widget, widgets.IntegerWidget):
        return _("a whole number")
    return ""


def column_guide(resource):
    """[(header, allowed values, required)] for the import page, in import order."""
    required = set(resource.required_columns) | set(resource.identifying_columns())
    return [
        (header(resource, field), allowed_values(resource, field), field.column_name in required)
        for field in resource.get_import_fields()
    ]


def template_dataset(resource):
    """An empty file with the columns the import accepts, headed in the user's
    language."""
    return tablib.Dataset(headers=[header(resource, f) for f in resource.get_import_fields()])


def file_name(what, extension, dated=True):
    """A file's name: what it holds and the day ("personnes-suivies-2026-12-01.csv")."""
    name = slugify(str(what))
    if dated:
        name = f"{name}-{timezone.localdate().isoformat()}"
    return f"{name}.{extension}"


def error_lines(resource, result, rows):
    """One line per error of an import result, for staff: the row of the file, the
    column (as headed in their language), the value found, and the message (which
    says what is allowed). `rows` are the file's rows as read (dicts by code name)."""
    by_attribute = {}
    for field in resource.get_import_fields():
        by_attribute.setdefault(field.attribute, field)
        by_attribute.setdefault(field.column_name, field)
    lines = [
        {"row": None, "column": "", "value": "", "message": str(error.error)}
        for error in result.base_errors
    ]
    for number, errors in result.row_errors():
        for error in errors:
            lines.append({"row": number, "column": "", "value": "", "message": str(error.error)})
    for row in result.invalid_rows:
        values = rows[row.number - 1] if 0 < row.number <= len(rows) else {}
        for name, messages in row.field_specific_errors.items():
            field = by_attribute.get(name)
            column = header(resource, field) if field else name
            value = values.get(field.column_name if field else name, "")
            value = "" if value is None else value
            for message in messages:
                lines.append(
                    {"row": row.number, "column": column, "value": value, "message": str(message)}
                )
        for message in row.non_field_specific_errors:
            lines.append({"row": row.number, "column": "", "value": "", "message": str(message)})
    lines.sort(key=lambda line: line["row"] or 0)
    return lines


class ExportColumnsForm(SelectableFieldsExportForm):
    """The export page's column checkboxes, labelled as the file's headers will be
    ("Niveau d'allemand (CECRL)", not "German Level")."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        if field is None:
            return super()._get_field_label(resource, field_name)
        return header(resource(), field)
