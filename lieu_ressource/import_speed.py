"""What keeps an import of 2,000 rows to a few queries, not 25 a row.

Django's row-by-row validation asks the database for each record named by a row
(get_instance), each related record named by a cell (lookups), each foreign key
again (does it exist?), each unique field, and each check constraint (a
`SELECT 1 WHERE …` per constraint and row). Here: the records a file names are read
in one query per column; simple check constraints (field lookups, F() and the
and/or/not of them) are evaluated in Python on the instance, the others still by
the database; foreign keys found by a lookup are not checked twice; uniqueness of
the field that identifies a row is already known from the prefetch. Rows are then
written in bulk, with their history (django-simple-history) and its author.
"""

import operator

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, F, ForeignKey, Q

_LOOKUPS = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "in": lambda value, options: value in options,
    "isnull": lambda value, wanted: (value is None) == bool(wanted),
}


class Unsupported(Exception):
    """A condition this evaluator does not read: the database checks it."""


def _value(instance, expression):
    if isinstance(expression, F):
        if "__" in expression.name:
            raise Unsupported(expression.name)
        return getattr(instance, instance._meta.get_field(expression.name).attname)
    if hasattr(expression, "resolve_expression"):
        raise Unsupported(expression)
    return expression


def holds(instance, condition):
    """Whether `condition` (a Q) holds for `instance` in SQL's three-valued logic:
    True, False, or None when a comparison meets a NULL (a CHECK constraint lets an
    unknown pass, as the database does). Raises Unsupported for what it cannot read."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(holds(instance, child))
            continue
        lookup, expected = child
        name, _sep, kind = lookup.partition("__")
        kind = kind or "exact"
        if "__" in kind or kind not in _LOOKUPS:
            raise Unsupported(lookup)
        value = getattr(instance, instance._meta.get_field(name).attname)
        expected = _value(instance, expected)
        if kind != "isnull" and (value is None or expected is None):
            results.append(None)
            continue
        results.append(bool(_LOOKUPS[kind](value, expected)))
    if condition.connector == Q.AND:
        combined = False if False in results else (None if None in results else True)
    else:
        combined = True if True in results else (None if None in results else False)
    if condition.negated and combined is not None:
        return not combined
    return combined


def validate_constraints(instance, exclude=()):
    """Model constraints of `instance`, simple check constraints in Python and the
    rest by the database, raising one ValidationError as `validate_constraints`
    does (the messages are the constraints' own)."""
    errors = []
    for constraint in instance._meta.constraints:
        if isinstance(constraint, CheckConstraint):
            try:
                if holds(instance, constraint.condition) is False:
                    errors.append(ValidationError(constraint.get_violation_error_message()))
                continue
            except Unsupported:
                pass
        try:
            constraint.validate(type(instance), instance, exclude=set(exclude))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def looked_up_foreign_keys(instance):
    """Foreign keys whose related record was just read by a lookup widget: checking
    that it exists would ask the database again."""
    return [
        field.name
        for field in instance._meta.fields
        if isinstance(field, ForeignKey)
        and field.is_cached(instance)
        and getattr(instance, field.name) is not None
        and getattr(instance, field.name).pk is not None
    ]


def full_clean(instance, exclude, known_unique):
    """`instance.full_clean()` with the savings above. `known_unique`: fields whose
    uniqueness the import already knows (the prefetched identifying field)."""
    exclude = set(exclude)
    errors = {}
    skip_exists = set(looked_up_foreign_keys(instance))
    try:
        instance.clean_fields(exclude=exclude | skip_exists)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # A looked-up key still gets its own field's validators (none by default).
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not errors:
        try:
            instance.validate_unique(exclude=exclude | set(known_unique))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            validate_constraints(instance, exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def prefetch_instances(resource, dataset):
    """{identifying value: record} for the rows of `dataset`, in one query, when the
    resource identifies rows by one field (None otherwise)."""
    id_fields = list(resource.get_import_id_fields())
    if len(id_fields) != 1:
        return None
    field = resource.fields[id_fields[0]]
    if field.column_name not in (dataset.headers or []) or "__" in (field.attribute or ""):
        return None
    values = set()
    for raw in dataset[field.column_name]:
        try:
            value = field.clean({field.column_name: raw})
        except (ValueError, ValidationError):
            continue
        if value not in (None, ""):
            values.add(value)
    queryset = resource.get_queryset().filter(**{f"{field.attribute}__in": values})
    return {getattr(record, field.attribute): record for record in queryset}


def bulk_create_with_history(model, instances, batch_size, user):
    """Insert `instances`, and their history rows when the model keeps one."""
    if hasattr(model, "history"):
        from simple_history.utils import bulk_create_with_history as create

        return create(instances, model, batch_size=batch_size, default_user=user)
    return model.objects.bulk_create(instances, batch_size=batch_size)


def bulk_update_with_history(model, instances, fields, batch_size, user):
    if hasattr(model, "history"):
        from simple_history.utils import bulk_update_with_history as update

        return update(instances, model, fields, batch_size=batch_size, default_user=user)
    return model.objects.bulk_update(instances, fields, batch_size=batch_size)
