"""Template helpers of the public site: event links, language alternates, content
shown in the other language when one translation is missing, localised dates."""

import datetime
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from events import accessibility, centre, links, registration_state, social, what_to_bring
from indicators import charts

register = template.Library()

LANGUAGE_NAMES = {"fr": _("French"), "de": _("German")}
# The weekday belongs in a long date, placed as each language writes it.
LONG_DATE_FORMATS = {"fr": "l j F Y", "de": "l, j. F Y"}


def _current_language():
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


@register.filter
def event_url(event):
    """The event's address in the active language."""
    return links.event_path(event)


@register.filter(name="registration_state")
def registration_state_of(event):
    """The one answer to "can I register?" (events/registration_state.py)."""
    return registration_state.state_of(event)


@register.filter
def osm_url(venue):
    """The venue on OpenStreetMap (a link; nothing of it is loaded by our pages)."""
    return centre.osm_url(venue)


@register.filter
def opening_hours(venue):
    return centre.opening_hours(venue)


@register.simple_tag
def accessibility_status():
    """The conformity status for the footer's link: full, partial or none."""
    return accessibility.statement().status


@register.simple_tag
def eu_emblem():
    """The European emblem, drawn as SVG as on the reports' covers."""
    # 40 px: the EU's visibility rules ask for an emblem at least 1 cm high.
    return charts.eu_emblem(title=_("Flag of the European Union"), height=40)


@register.simple_tag
def social_image(event=None):
    """The absolute address of the link-preview image."""
    return social.image_url(event)


@register.filter
def long_date(value):
    """ "mardi 3 mars 2026" / "Dienstag, 3. März 2026", in Europe/Paris."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = localtime(value)  # a date alone (today on the dashboard) has no zone
    fmt = LONG_DATE_FORMATS.get(_current_language())
    return format_date(value, fmt) if fmt else date_format(value, "DATE_FORMAT")


@dataclass
class TranslatedText:
    text: str
    lang: str
    is_fallback: bool

    @property
    def language_name(self):
        return LANGUAGE_NAMES.get(self.lang, self.lang)

    def __str__(self):
        return self.text


@register.simple_tag
def translated(obj, field):
    """The field in the active language or, when empty there, in another language
    with `is_fallback` set so the page can say so and mark it with its `lang`."""
    current = _current_language()
    value = getattr(obj, f"{field}_{current}", None) or ""
    if value:
        return TranslatedText(value, current, False)
    for code, _name in settings.LANGUAGES:
        other = getattr(obj, f"{field}_{code}", None) or ""
        if other:
            return TranslatedText(other, code, True)
    return TranslatedText("", current, False)


@register.simple_tag(name="what_to_bring")
def what_to_bring_for(event):
    """What to bring to `event`: staff's text (in another language, marked, when the
    active one is empty) or else its format's usual advice (events/what_to_bring.py)."""
    written = translated(event, "what_to_bring")
    if written.text:
        return written
    return TranslatedText(what_to_bring.format_advice(event.format), _current_language(), False)


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """The same page in each language: [{code, name, url, absolute_url, is_current}].

    A view that knows better (an event's slug differs by language) puts
    `alternate_urls` ({code: path}) in the context."""
    request = context.get("request")
    if request is None:
        return []
    given = context.get("alternate_urls") or {}
    current = _current_language()
    alternates = []
    for code, name in settings.LANGUAGES:
        url = given.get(code) or translate_url(request.get_full_path(), code)
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    return alternates
