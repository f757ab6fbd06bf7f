"""Addresses of the public pages of an event and the private links of a registration.

An event's address carries its id and the slug of the active language, e.g.
/fr/evenements/12-atelier-bilingue/ and /de/veranstaltungen/12-zweisprachiger-workshop/.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from . import tokens


def event_slug(event):
    """The slug of the active language (modeltranslation falls back to the other
    language's), or one made from the title for events saved without a slug."""
    return event.slug or slugify(event.title) or "event"


def event_path(event):
    """The event's canonical path in the active language."""
    return reverse("events:detail", kwargs={"pk": event.pk, "slug": event_slug(event)})


_PK_MARK, _SLUG_MARK = 987654321, "slug-mark"


def event_path_maker():
    """A function giving event_path(event) in the active language, reversing the
    pattern once: for lists of hundreds of events (sitemap pages, calendar feeds)."""
    pattern = reverse("events:detail", kwargs={"pk": _PK_MARK, "slug": _SLUG_MARK})
    head, tail = pattern.split(f"{_PK_MARK}-{_SLUG_MARK}")
    return lambda event: f"{head}{event.pk}-{event_slug(event)}{tail}"


def event_paths_by_language(event):
    """{language code: canonical path} for the language switcher and hreflang links."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = event_path(event)
    return paths


def absolute(path):
    return settings.SITE_URL + path


def event_url(event):
    return absolute(event_path(event))


def cancel_url(registration):
    """The private cancellation link sent in every email, in the active language."""
    return absolute(reverse("events:cancel", kwargs={"token": tokens.cancel_token(registration)}))


def done_path(registration):
    return reverse("events:registration_done", kwargs={"token": tokens.done_token(registration)})
