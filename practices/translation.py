from modeltranslation.translator import TranslationOptions, register

from .models import Practice, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = ("title", "slug", "stakes", "context", "actions", "results", "further")
