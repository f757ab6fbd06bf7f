"""The public practices catalogue: the list with its filters and a page per practice."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events import page_cache
from events.templatetags.public_site import TranslatedText

from . import links, selectors
from .filters import PracticeFilter

PRACTICES_PER_PAGE = 20
LIST_PARAMETERS = {"theme", "territory", "page"}


# The texts of a sheet; when the active language has none of those the other has,
# the page says it is shown in one language only.
TEXTS = ("title", "stakes", "context", "actions", "results", "further")


def one_language_note(practice):
    """The text of the one-language note (as `translated` gives it), or None when the
    sheet has every text in the active language."""
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        if any(
            getattr(practice, f"{field}_{code}") and not getattr(practice, f"{field}_{current}")
            for field in TEXTS
        ):
            return TranslatedText("", code, True)
    return None


def practice_list(request):
    def context():
        filters = PracticeFilter(request.GET or None, queryset=selectors.published_practices())
        page = Paginator(filters.qs, PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
        for practice in page.object_list:
            practice.path = links.practice_path(practice)
        return {"filter": filters, "page": page, "nav": "practices"}

    return page_cache.cached_page(
        request, "practices/practice_list.html", context, parameters=LIST_PARAMETERS
    )


def practice_detail(request, pk, slug):
    def context():
        practice = selectors.published_practice(pk)
        if practice is None:
            raise Http404(_("No such practice."))
        if slug != links.practice_slug(practice):
            # An old slug or the other language's: this language's address.
            return redirect(links.practice_path(practice), permanent=True)
        return {
            "practice": practice,
            "alternate_urls": links.practice_paths_by_language(practice),
            "one_language": one_language_note(practice),
            "nav": "practices",
        }

    return page_cache.cached_page(request, "practices/practice_detail.html", context)
