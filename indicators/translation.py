from modeltranslation.translator import TranslationOptions, register

from .models import Axis, Indicator, Programme, Strategy


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Axis)
class AxisTranslation(TranslationOptions):
    fields = ("title",)


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit")
