from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from lieu_ressource.translation_admin import MissingLanguageFilter, TranslationStateMixin

from .models import Practice, Theme


@admin.register(Theme)
class ThemeAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = ("name", "code", "position", "translation_state")
    list_filter = (MissingLanguageFilter,)
    search_fields = ("name_fr", "name_de", "code")
    prepopulated_fields = {"code": ("name",)}


@admin.register(Practice)
class PracticeAdmin(TranslationStateMixin, TabbedDjangoJqueryTranslationAdmin):
    list_display = (
        "title",
        "territory",
        "is_published",
        "has_german",
        "translation_state",
        "updated_at",
    )
    list_filter = ("is_published", MissingLanguageFilter, "themes")
    search_fields = ("title_fr", "title_de", "territory", "other_partners")
    autocomplete_fields = ("organisations", "neighbourhoods")
    filter_horizontal = ("themes",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "is_published")}),
        (_("The practice"), {"fields": ("stakes", "context", "actions", "results", "further")}),
        (
            _("Where, what and who"),
            {
                "fields": (
                    "territory",
                    "neighbourhoods",
                    "themes",
                    "organisations",
                    "other_partners",
                    "contact",
                )
            },
        ),
    )

    @admin.display(description=_("in German"), boolean=True)
    def has_german(self, practice):
        return bool(practice.title_de)

    def shown_publicly(self, practice):
        return practice.is_published
