"""Addresses of practice pages: the id and the slug of the active language, e.g.
/fr/pratiques/3-le-cafe-contact-de-l-emploi/ and /de/praktiken/3-das-cafe-contact/."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify


def practice_slug(practice):
    """The slug of the active language (modeltranslation falls back to the other
    language's), or one made from the title."""
    return practice.slug or slugify(practice.title) or "practice"


def practice_path(practice):
    return reverse("practices:detail", kwargs={"pk": practice.pk, "slug": practice_slug(practice)})


def practice_paths_by_language(practice):
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = practice_path(practice)
    return paths
