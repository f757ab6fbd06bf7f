"""sitemap.xml: every public page and published event, in French and German, each
with its hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import links, selectors


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


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

    def location(self, event):
        return links.event_path(event)

    def lastmod(self, event):
        return event.updated_at


sitemaps = {"pages": StaticPagesSitemap, "events": EventSitemap}
