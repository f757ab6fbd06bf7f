from modeltranslation.translator import TranslationOptions, register

from .models import Audience, Event, Venue


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "description", "what_to_bring")


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("accessibility", "directions", "team", "opening_note")


@register(Audience)
class AudienceTranslation(TranslationOptions):
    fields = ("name",)
