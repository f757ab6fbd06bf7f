"""Text typed by people or read from files, checked for invisible characters that can
disguise it: a right-to-left override (U+202E) makes "Martin\u202eZ" show as
"MartinZ" reversed in a staff list, a zero-width space hides a second name inside
one. Such text is refused with a message naming the characters, never stored.

Used by the public registration form, the staff and admin forms (names, emails,
free texts) and the imports."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Bidirectional embeddings, overrides and isolates, and the Arabic letter mark.
BIDI_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C}
# Zero-width space, non-joiner, joiner, left-to-right and right-to-left marks, the
# word joiner and the byte order mark.
ZERO_WIDTH = {*range(0x200B, 0x2010), 0x2060, 0xFEFF}
# Control characters a text may hold: tab and line breaks (free texts have lines).
ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def is_disguising(character):
    """Whether `character` is invisible and can change how the text around it shows."""
    code = ord(character)
    if code in BIDI_CONTROLS or code in ZERO_WIDTH:
        return True
    return unicodedata.category(character) == "Cc" and character not in ALLOWED_CONTROLS


def disguising_characters(value):
    """The distinct disguising characters of `value`, in order of appearance."""
    found = []
    for character in str(value):
        if is_disguising(character) and character not in found:
            found.append(character)
    return found


def describe(character):
    """The code and the Unicode name where it has one, e.g. U+202E RIGHT-TO-LEFT OVERRIDE."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X} {name}".strip()


def validate_visible_text(value):
    """Refuse a text holding invisible control or direction characters."""
    found = disguising_characters(value or "")
    if found:
        raise ValidationError(
            _(
                "This text contains invisible characters that can make it show something "
                "else than what was typed (%(characters)s). Please type it again without them."
            ),
            code="invisible_characters",
            params={"characters": ", ".join(describe(character) for character in found)},
        )


def guard_text_fields(form):
    """Add the check to every text field of `form` (names, emails, free texts)."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and validate_visible_text not in field.validators:
            field.validators.append(validate_visible_text)
    return form


class VisibleTextAdminMixin:
    """Model admins and their inlines: every text field refuses disguising characters."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.CharField) and validate_visible_text not in field.validators:
            field.validators.append(validate_visible_text)
        return field

    def get_inlines(self, request, obj):
        return [guarded(inline) for inline in super().get_inlines(request, obj)]


_GUARDED = {}


def guarded(admin_class):
    """`admin_class` with the check mixed in (one subclass per class)."""
    if issubclass(admin_class, VisibleTextAdminMixin):
        return admin_class
    if admin_class not in _GUARDED:
        _GUARDED[admin_class] = type(
            f"VisibleText{admin_class.__name__}", (VisibleTextAdminMixin, admin_class), {}
        )
    return _GUARDED[admin_class]


def guard_admin_site(site):
    """Give every registered model admin the check (the admins are many, in each app;
    this keeps the rule in one place)."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, VisibleTextAdminMixin):
            site.unregister(model)
            site.register(model, guarded(type(model_admin)))


def validate_import_row(resource, row):
    """Refuse an imported row whose text cells hold disguising characters, with the
    message on each field concerned."""
    errors = {}
    for field in resource.fields.values():
        value = row.get(field.column_name)
        if isinstance(value, str):
            try:
                validate_visible_text(value)
            except ValidationError as error:
                errors[field.attribute or field.column_name] = error
    if errors:
        raise ValidationError(errors)
