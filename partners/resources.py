"""Imports and exports of organisations (django-import-export), and the rules that
every import and export of the portal follows (`StrictResource`, the widgets).

The rules: a file whose columns are not the expected ones, or with more rows than
IMPORT_MAX_ROWS, is refused before any row is read; every row is validated like a
form (model validation, with a message per row and field); two rows of one file
cannot describe the same record; and as soon as one row is invalid, nothing of the
file is written. On export, every cell is
text and a cell that a spreadsheet would run as a formula is neutralised.
"""

import copy
import datetime
import logging

from django.conf import settings
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from import_export import fields, resources, results, widgets

from lieu_ressource import import_columns, import_speed, text

from .models import Organisation

logger = logging.getLogger(__name__)

# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV/formula injection); an apostrophe in front makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value):
    """The text of an exported cell, made safe to open in a spreadsheet."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def restore_neutralised(value):
    """The inverse of `neutralise_formula` on import, so that an exported file
    imports back unchanged (a phone number stays +49…, not '+49…)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


class HeaderError(ValueError):
    """The file's columns are not those of the import."""


class ImportFailed(Exception):
    """What staff read in place of an unexpected error."""


class QuietError(results.Error):
    """An import error as staff see it: our message, never a traceback (the server
    log has the details). Errors we did not word ourselves are replaced."""

    SHOWN = (HeaderError, ValidationError, ValueError)

    def __init__(self, error, row=None, number=None):
        if not isinstance(error, self.SHOWN):
            logger.error("Import failed on an unexpected error.", exc_info=error)
            error = ImportFailed(
                _(
                    "The file could not be imported because of an unexpected error; "
                    "nothing was saved. The details are in the server log."
                )
            )
        super().__init__(error, row=row, number=number)

    @property
    def traceback(self):
        return ""


class DateWidget(widgets.Widget):
    """A date given as 2025-06-12, 12/06/2025 or 12.06.2025 (day first, as in France
    and Germany), or a spreadsheet date; exported as 2025-06-12."""

    INPUT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for input_format in self.INPUT_FORMATS:
            try:
                return datetime.datetime.strptime(text, input_format).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date: write it as 2025-06-12 or 12/06/2025.") % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""

    def describe_allowed(self):
        return _("a date: 2025-06-12, 12/06/2025 or 12.06.2025")


class DateTimeWidget(widgets.Widget):
    """A moment given as 2025-06-12 14:30 or 12/06/2025 14:30 (Paris time), or a
    date alone (midnight); exported as 2025-06-12 14:30:00 in Paris time."""

    INPUT_FORMATS = (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y",
    )

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            moment = value
        elif isinstance(value, datetime.date):
            moment = datetime.datetime.combine(value, datetime.time())
        else:
            text = str(value).strip()
            for input_format in self.INPUT_FORMATS:
                try:
                    moment = datetime.datetime.strptime(text, input_format)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(
                    _("“%(value)s” is not a date and time: write it as 2025-06-12 14:30.")
                    % {"value": text}
                )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")

    def describe_allowed(self):
        return _("a date and time (Paris): 2025-06-12 14:30 or 12/06/2025 14:30")


class BooleanWidget(widgets.Widget):
    """Yes or no, in the words staff type in either language; anything else is an
    error rather than a silent "no"."""

    TRUE = {"1", "true", "yes", "y", "oui", "o", "ja", "j", "x"}
    FALSE = {"0", "false", "no", "n", "non", "nein"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip().casefold()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is neither yes (1) nor no (0).") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        # In the staff's words ("oui", "ja"), which an import reads back.
        if value is None:
            return ""
        return pgettext("import value", "yes") if value else pgettext("import value", "no")

    def describe_allowed(self):
        return f"{pgettext('import value', 'yes')} / {pgettext('import value', 'no')}"


class LookupWidget(widgets.ForeignKeyWidget):
    """A related record named in the file by one of its fields (case-insensitive);
    a name that matches nothing, or more than one record, is an error on the row."""

    # Whether a name means the same record on every row (not when the records it
    # is looked up among depend on the row): then each name is read once a file.
    same_on_every_row = True

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {f"{self.field}__iexact": str(value).strip()}

    def forget(self):
        self._found = {}

    def clean(self, value, row=None, **kwargs):
        if not self.same_on_every_row or value is None or str(value).strip() == "":
            return self._clean(value, row=row, **kwargs)
        found = getattr(self, "_found", None)
        if found is None:
            found = self._found = {}
        key = str(value).strip().casefold()
        if key not in found:
            try:
                found[key] = (self._clean(value, row=row, **kwargs), None)
            except ValueError as error:
                found[key] = (None, error)
        record, error = found[key]
        if error is not None:
            raise error
        return record

    def _clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(
                # The model name stands apart: no article or agreement to get wrong.
                _("“%(value)s” matches no record (%(model)s).")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None
        except MultipleObjectsReturned:
            raise ValueError(
                _("“%(value)s” matches several records (%(model)s).")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return getattr(value, self.field)


class StrictResource(resources.ModelResource):
    """A resource whose imports are all or nothing and whose exports are safe to
    open in a spreadsheet. See the module docstring for the rules."""

    # Columns that must be in the file; the others are optional.
    required_columns = ()
    # Groups of columns whose values cannot repeat from one row to another (rows
    # where one of them is empty are not compared).
    unique_in_file = ()

    # Labels of columns whose model field's name would not say it (see
    # lieu_ressource.import_columns): {column code name: lazy label}.
    column_labels = {}

    # A preview shows this many new rows cell by cell; the others are counted. Rows
    # that update a record are always compared (an unchanged one is skipped).
    PREVIEW_ROWS = 100

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Values with a fixed list of choices travel as their labels.
        import_columns.use_choice_labels(self)
        # Options of our own, changed row by row (see before_import_row).
        self._meta = copy.copy(type(self)._meta)

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # Whatever the caller asks, an invalid row rolls the whole file back.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
        # One line per error (row, column, value, what is allowed) for the report.
        result.error_lines = import_columns.error_lines(self, result, self._rows)
        return result

    def expected_columns(self):
        return [field.column_name for field in self.get_export_fields()]

    def get_export_headers(self, selected_fields=None):
        # Headed in the user's language; an import reads these, French, German or codes.
        fields = self.get_export_fields(selected_fields)
        return [import_columns.header(self, field) for field in fields if field]

    def _headers_for(self, columns):
        by_column = {field.column_name: field for field in self.fields.values()}
        return ", ".join(
            import_columns.header(self, by_column[c]) if c in by_column else c for c in columns
        )

    def get_error_result_class(self):
        return QuietError

    # Speed (lieu_ressource.import_speed): records read once a file, simple
    # constraints checked in Python, rows written in bulk where Meta.use_bulk says so.
    # Set by before_import; these are what an import that stopped before it has.
    _instances = None
    _import_user = None
    _rows = ()

    def get_instance(self, instance_loader, row):
        known = getattr(self, "_instances", None)
        if known is None:
            return super().get_instance(instance_loader, row)
        field = self.fields[self.get_import_id_fields()[0]]
        return known.get(field.clean(row))

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            known = (
                []
                if getattr(self, "_instances", None) is None
                else [self.fields[name].attribute for name in self.get_import_id_fields()]
            )
            try:
                import_speed.full_clean(instance, exclude=errors.keys(), known_unique=known)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        # A preview has validated every row (fields, constraints, uniqueness): writing
        # them only to roll back would double its time. The confirmation writes.
        if dry_run:
            self.create_instances.clear()
        if self.create_instances:
            try:
                import_speed.bulk_create_with_history(
                    self._meta.model, self.create_instances, batch_size, self._import_user
                )
            except Exception as error:  # noqa: BLE001 (reported on the result, as upstream)
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
        if self.update_instances:
            try:
                import_speed.bulk_update_with_history(
                    self._meta.model,
                    self.update_instances,
                    self.get_bulk_update_fields(),
                    batch_size,
                    self._import_user,
                )
            except Exception as error:  # noqa: BLE001 (reported on the result, as upstream)
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def identifying_columns(self):
        """The columns that name the record a row updates (import_id_fields)."""
        return [self.fields[name].column_name for name in self._meta.import_id_fields]

    def before_import(self, dataset, **kwargs):
        self._seen_in_file = {}
        headers = [str(h).strip() if h is not None else "" for h in (dataset.headers or [])]
        # French, German or code-name headers all become the code names.
        headers = import_columns.to_code_names(self, headers)
        if dataset.headers:
            dataset.headers = headers
        expected = self.expected_columns()
        unknown = [h for h in headers if h and h not in expected]
        required = dict.fromkeys([*self.required_columns, *self.identifying_columns()])
        missing = [c for c in required if c not in headers]
        repeated = sorted({h for h in headers if h and headers.count(h) > 1})
        if unknown or missing or repeated:
            problems = []
            if missing:
                problems.append(_("missing columns: %s") % self._headers_for(missing))
            if unknown:
                problems.append(_("unknown columns: %s") % ", ".join(unknown))
            if repeated:
                problems.append(_("repeated columns: %s") % ", ".join(repeated))
            # No row is read: with the wrong columns, every row would fail anyway.
            while dataset.height:
                dataset.lpop()
            raise HeaderError(
                _(
                    "The file does not have the expected columns (%(problems)s). "
                    "Expected: %(expected)s."
                )
                % {"problems": "; ".join(problems), "expected": self._headers_for(expected)}
            )
        # Rows are checked one by one (14 queries, about 4 ms each on PostgreSQL): a
        # large file would run past the web server's timeout, in the preview and again
        # on confirmation.
        if dataset.height > settings.IMPORT_MAX_ROWS:
            rows = dataset.height
            while dataset.height:
                dataset.lpop()
            raise HeaderError(
                _(
                    "The file has %(rows)s rows; at most %(limit)s are imported at once. "
                    "Split it into smaller files."
                )
                % {"rows": rows, "limit": settings.IMPORT_MAX_ROWS}
            )
        # The rows as read, for the error report's "value found".
        self._rows = dataset.dict
        user = kwargs.get("user")
        self._import_user = user if getattr(user, "is_authenticated", False) else None
        for field in self.fields.values():
            if isinstance(field.widget, LookupWidget):
                field.widget.forget()
        self._instances = import_speed.prefetch_instances(self, dataset)

    def get_diff_headers(self):
        return [import_columns.header(self, field) for field in self.get_import_fields()]

    def before_import_row(self, row, **kwargs):
        number = kwargs.get("row_number") or 0
        # The confirmation shows no rows: only a preview's first ones are compared.
        shown = kwargs.get("dry_run", True) and number <= self.PREVIEW_ROWS
        if self._instances is not None and not shown:
            field = self.fields[self.get_import_id_fields()[0]]
            try:
                known = field.clean(row) in self._instances
            except (ValueError, ValidationError):
                known = False
            # A new row past the preview's first ones: no copy and no diff to make.
            self._meta.skip_diff = not known
        else:
            self._meta.skip_diff = type(self)._meta.skip_diff
        for column, value in row.items():
            row[column] = restore_neutralised(value)
        text.validate_import_row(self, row)  # no invisible direction or control characters
        seen = getattr(self, "_seen_in_file", None)
        if seen is None:
            seen = self._seen_in_file = {}
        for columns in self.unique_in_file:
            values = [row.get(column) for column in columns]
            if any(value is None or str(value).strip() == "" for value in values):
                continue
            key = (columns, tuple(str(value).strip().casefold() for value in values))
            first = seen.setdefault(key, kwargs.get("row_number"))
            if first != kwargs.get("row_number"):
                field = next(f for f in self.fields.values() if f.column_name == columns[-1])
                raise ValidationError(
                    {
                        field.attribute or columns[-1]: _(
                            "Line %(first)s has the same values in %(columns)s: each "
                            "record appears once in a file."
                        )
                        % {"first": first, "columns": " + ".join(columns)}
                    }
                )

    def export_field(self, field, instance, **kwargs):
        # Every cell is text, so that a spreadsheet neither reformats nor runs it.
        kwargs.pop("force_native_type", None)
        return neutralise_formula(super().export_field(field, instance, **kwargs))


class OrganisationResource(StrictResource):
    """Partner organisations, identified by their name (an import updates the
    organisation of the same name, or adds it)."""

    name = fields.Field(attribute="name", column_name="name")
    is_public = fields.Field(
        attribute="is_public", column_name="is_public", widget=BooleanWidget(), default=False
    )
    active_since = fields.Field(
        attribute="active_since", column_name="active_since", widget=DateWidget()
    )
    active_until = fields.Field(
        attribute="active_until", column_name="active_until", widget=DateWidget()
    )

    required_columns = ("name", "country", "kind", "role")
    unique_in_file = (("name",),)

    class Meta:
        model = Organisation
        fields = (
            "name",
            "acronym",
            "country",
            "kind",
            "role",
            "city",
            "website",
            "description_fr",
            "description_de",
            "is_public",
            "active_since",
            "active_until",
        )
        import_id_fields = ("name",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
