"""Translation-aware editing in the admin: which languages an object is complete in,
a list filter for the ones missing a language, and a warning (never a refusal) when
an object is made public with a language missing.

A language is *missing* on an object when a translated field has a value in
another language but none in this one: an empty field in every language (an
optional description) is not counted against anyone. Slugs are left out, since
they are filled from the title on save.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Q
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import translator


def translated_fields(model):
    """The translated fields of `model` staff write themselves (slugs aside)."""
    names = set(translator.get_options_for_model(model).get_field_names())
    # In the model's order, as the form shows them.
    return [
        field.name
        for field in model._meta.fields
        if field.name in names and not field.name.startswith("slug")
    ]


def languages():
    return [code for code, _name in settings.LANGUAGES]


# Whole sentences per language: French and German decline a language's name.
MISSING_LABELS = {"fr": gettext_lazy("missing French"), "de": gettext_lazy("missing German")}
PUBLISHED_WITHOUT = {
    "fr": gettext_lazy(
        "Published without French: %(fields)s still to be written in French. "
        "The page is online all the same."
    ),
    "de": gettext_lazy(
        "Published without German: %(fields)s still to be written in German. "
        "The page is online all the same."
    ),
}


def _filled(obj, field, lang):
    value = getattr(obj, f"{field}_{lang}", None)
    return bool(value and str(value).strip())


def missing_fields(obj, lang):
    """The fields of `obj` empty in `lang` that another language has filled."""
    others = [other for other in languages() if other != lang]
    return [
        field
        for field in translated_fields(type(obj))
        if not _filled(obj, field, lang) and any(_filled(obj, field, o) for o in others)
    ]


def missing_languages(obj):
    """{language code: [field names]} for every language `obj` lacks."""
    missing = {lang: missing_fields(obj, lang) for lang in languages()}
    return {lang: fields for lang, fields in missing.items() if fields}


def _empty(field, lang):
    name = f"{field}_{lang}"
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def missing_language_q(model, lang):
    """Rows of `model` that lack `lang` (see the module docstring), as one Q."""
    others = [other for other in languages() if other != lang]
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        filled_elsewhere = Q(pk__in=[])
        for other in others:
            filled_elsewhere |= ~_empty(field, other)
        condition |= _empty(field, lang) & filled_elsewhere
    return condition


class MissingLanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = [(f"missing_{lang}", MISSING_LABELS[lang]) for lang in languages()]
        return [*choices, ("complete", _("complete in every language"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "complete":
            incomplete = Q(pk__in=[])
            for lang in languages():
                incomplete |= missing_language_q(queryset.model, lang)
            return queryset.exclude(incomplete)
        for lang in languages():
            if value == f"missing_{lang}":
                return queryset.filter(missing_language_q(queryset.model, lang))
        return queryset


class TranslationStateMixin:
    """For a translation ModelAdmin: a "languages" list column and filter, and a
    warning after saving a public object that lacks a language. Subclasses say what
    public means with `shown_publicly(obj)`."""

    @admin.display(description=gettext_lazy("languages"))
    def translation_state(self, obj):
        missing = missing_languages(obj)
        return format_html_join(
            " ",
            '<span class="{}" title="{}">{}</span>',
            (
                (
                    "translation-missing" if lang in missing else "translation-complete",
                    _("missing") if lang in missing else _("complete"),
                    f"{lang.upper()} {'✗' if lang in missing else '✓'}",
                )
                for lang in languages()
            ),
        )

    def shown_publicly(self, obj):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if self.shown_publicly(obj):
            warn_missing_languages(request, obj)


def warn_missing_languages(request, obj):
    """A warning message naming the languages (and fields) `obj` lacks; nothing is
    refused: a German page may follow a day later."""
    for lang, fields in missing_languages(obj).items():
        labels = ", ".join(str(type(obj)._meta.get_field(f).verbose_name) for f in fields)
        messages.warning(request, PUBLISHED_WITHOUT[lang] % {"fields": labels})
