"""The sitemap: an index (/sitemap.xml) of pages of at most URLS_PER_PAGE addresses
(the protocol allows 50,000 and 50 MB; smaller pages stay fast), listing every
public page and published event in French and German with hreflang alternates.

Django's i18n sitemaps list every (item, language) pair in memory before taking one
page of them, then reverse three addresses per URL under a language switch and render
them through a template (1.4 s for 2,000 URLs); here a page reads only its own events,
makes their addresses from one reversed pattern per language and writes the XML
directly (`urlset_xml`)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from . import links, selectors

# Each address carries three alternates: 500 addresses make about 300 kB and take
# some 35 ms of CPU (1,000 took 71 ms, and up to 556 ms of wall time on the shared
# 2-core bench machine; bench/public_pages.py).
URLS_PER_PAGE = 500


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
            "partners:employers",
            "practices:list",
            "impact:page",
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

    def get_urls(self, page=1, site=None, protocol=None):
        """The page's URLs as Django's sitemap builds them (x-default included),
        without a language switch and a reverse() per address."""
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        pairs = self.paginator.page(page).object_list
        events = list(dict.fromkeys(event for event, _code in pairs))
        paths = {}
        for code in self._languages():
            with translation.override(code):
                path_of = links.event_path_maker()
                for event in events:
                    paths[event.pk, code] = path_of(event)
        urls = []
        for event, code in pairs:
            alternates = [
                {"location": base + paths[event.pk, other], "lang_code": other}
                for other in self._languages()
            ]
            alternates.append(
                {
                    "location": base + paths[event.pk, settings.LANGUAGE_CODE],
                    "lang_code": "x-default",
                }
            )
            urls.append(
                {
                    "location": base + paths[event.pk, code],
                    "lastmod": event.updated_at,
                    "changefreq": self.changefreq,
                    "priority": "",
                    "alternates": alternates,
                }
            )
        return urls

    def get_latest_lastmod(self):
        # Django would read every event for this; the index goes without a date.
        return None


class PracticeSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        from practices.selectors import sitemap_practices

        return sitemap_practices()

    def location(self, practice):
        from practices.links import practice_path

        return practice_path(practice)

    def lastmod(self, practice):
        return practice.updated_at

    def get_latest_lastmod(self):
        # As for events: the index stays at one query per section.
        return None


sitemaps = {"pages": StaticPagesSitemap, "events": EventSitemap, "practices": PracticeSitemap}


def urlset_xml(urls):
    """The <urlset> document of `urls` (dicts as Sitemap.get_urls returns them), as
    Django's sitemap.xml template writes it."""
    escaped = {}

    def attr(text):
        # Each address appears four times (its own and as alternates): escape it once.
        if text not in escaped:
            escaped[text] = escape(text)
        return escaped[text]

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for url in urls:
        lines.append(f"<url><loc>{attr(url['location'])}</loc>")
        if url.get("lastmod"):
            lines.append(f"<lastmod>{timezone.localtime(url['lastmod']):%Y-%m-%d}</lastmod>")
        if url.get("changefreq"):
            lines.append(f"<changefreq>{url['changefreq']}</changefreq>")
        if url.get("priority"):
            lines.append(f"<priority>{url['priority']}</priority>")
        lines.extend(
            f'<xhtml:link rel="alternate" hreflang="{attr(alternate["lang_code"])}" '
            f'href="{attr(alternate["location"])}"/>'
            for alternate in url["alternates"]
        )
        lines.append("</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode()
