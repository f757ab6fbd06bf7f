"""The sitemap: an index (/sitemap.xml) of pages of at most URLS_PER_PAGE addresses
(the protocol allows 50,000 and 50 MB), every public page and published event in
French and German, each with its hreflang alternates.

Django's i18n sitemaps list every (item, language) pair in memory before taking one
page of them; here a page reads only its own events from the database."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import links, selectors

# Each address carries three alternates: 2,000 addresses make about 1.3 MB.
URLS_PER_PAGE = 2000


class _LanguagePairs:
    """The sequence of (item, language) pairs of a queryset, read one slice at a
    time: what the sitemap paginator needs, without loading every item."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = languages

    def __len__(self):
        return self.queryset.count() * len(self.languages)

    def count(self):
        return len(self)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        size = len(self.languages)
        start, stop = index.start or 0, index.stop
        items = self.queryset[start // size : (stop + size - 1) // size]
        pairs = [(item, code) for item in items for code in self.languages]
        offset = start - (start // size) * size
        return pairs[offset : offset + stop - start]


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    # Django's own x-default drops the language prefix, which no page answers: the
    # French address is the x-default, as in the pages' own <link> (base.html).
    x_default = False

    limit = URLS_PER_PAGE

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = [a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE]
            if default:
                url["alternates"].append(
                    {"location": default[0]["location"], "lang_code": "x-default"}
                )
        return urls


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "events:home",
            "events:agenda",
            "events:past",
            "partners:list",
            "events:privacy",
            "events:legal",
        ]

    def location(self, item):
        return reverse(item)


class EventSitemap(BilingualSitemap):
    changefreq = "daily"

    def items(self):
        return selectors.sitemap_events()

    def _items(self):
        return _LanguagePairs(self.items(), self._languages())

    def location(self, event):
        return links.event_path(event)

    def lastmod(self, event):
        return event.updated_at

    def get_latest_lastmod(self):
        # Django would read every event for this; the index goes without a date.
        return None


sitemaps = {"pages": StaticPagesSitemap, "events": EventSitemap}
