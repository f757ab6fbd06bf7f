"""The sitemap is an index of bounded pages; the agenda feed is bounded in time and
answers 304 Not Modified to a polling calendar while nothing changed."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import selectors, sitemaps
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LOC = re.compile(r"<loc>([^<]+)</loc>")


def feed_path(language="fr"):
    with translation.override(language):
        return reverse("events:agenda_ics")


def sitemap_pages(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert b"<sitemapindex" in index.content
    return [
        location.removeprefix("http://testserver")
        for location in LOC.findall(index.content.decode())
    ]


@pytest.mark.parametrize("count", [3, 12])
def test_sitemap_pages_stay_under_the_page_size_at_any_scale(client, monkeypatch, count):
    monkeypatch.setattr(sitemaps.EventSitemap, "limit", 4)
    events = EventFactory.create_batch(count, published=True)
    listed = []
    for path in sitemap_pages(client):
        if "events" not in path:
            continue
        urls = LOC.findall(client.get(path).content.decode())
        assert 0 < len(urls) <= 4
        listed += urls
    # Two languages per event, each listed once over all pages.
    assert len(listed) == len(set(listed)) == 2 * count
    for event in events:
        assert any(f"/{event.pk}-" in url for url in listed)


def test_sitemap_page_past_the_last_is_not_found(client, monkeypatch):
    monkeypatch.setattr(sitemaps.EventSitemap, "limit", 4)
    EventFactory.create_batch(3, published=True)
    assert client.get("/sitemap-events.xml?p=2").status_code == 200
    assert client.get("/sitemap-events.xml?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_x_default_is_the_french_address_like_the_page_itself(client):
    event = EventFactory(published=True)
    [events_page] = [path for path in sitemap_pages(client) if "events" in path]
    xml = client.get(events_page).content.decode()
    with translation.override("fr"):
        french = "http://testserver" + reverse(
            "events:detail", kwargs={"pk": event.pk, "slug": event.slug}
        )
    assert f'hreflang="x-default" href="{french}"' in xml
    page = client.get(french.removeprefix("http://testserver")).content.decode()
    assert f'hreflang="x-default" href="{french}"' in page


@pytest.mark.parametrize("count", [5, 50])
def test_sitemap_pages_query_count_is_constant(client, django_assert_max_num_queries, count):
    EventFactory.create_batch(count, published=True)
    with django_assert_max_num_queries(2):
        paths = sitemap_pages(client)
    for path in paths:
        with django_assert_max_num_queries(2):
            assert client.get(path).status_code == 200


def test_feed_answers_304_to_a_matching_etag(client):
    EventFactory(published=True)
    first = client.get(feed_path())
    assert first.status_code == 200
    assert first["Last-Modified"]
    again = client.get(feed_path(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_feed_etag_changes_when_an_event_changes(client):
    event = EventFactory(published=True, title_fr="Atelier CV")
    etag = client.get(feed_path())["ETag"]
    event.title_fr = "Atelier lettre"
    event.save()
    response = client.get(feed_path(), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert b"Atelier lettre" in response.content


def test_feed_etag_differs_by_language_and_filter(client):
    EventFactory(published=True)
    etags = {
        client.get(feed_path("fr"))["ETag"],
        client.get(feed_path("de"))["ETag"],
        client.get(feed_path("fr") + "?format=company_visit")["ETag"],
    }
    assert len(etags) == 3


def test_feed_stops_at_its_horizon(client):
    now = timezone.now()
    EventFactory(
        published=True,
        title_fr="Bientôt",
        start=now + timedelta(days=2),
        end=now + timedelta(days=2, hours=2),
    )
    far = now + timedelta(days=selectors.CALENDAR_HORIZON_DAYS + 5)
    EventFactory(published=True, title_fr="Dans longtemps", start=far, end=far + timedelta(hours=2))
    calendar = icalendar.Calendar.from_ical(client.get(feed_path()).content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Bientôt"]


def test_feed_holds_at_most_its_maximum_of_events(client, monkeypatch):
    monkeypatch.setattr(selectors, "CALENDAR_MAX_EVENTS", 3)
    EventFactory.create_batch(5, published=True)
    calendar = icalendar.Calendar.from_ical(client.get(feed_path()).content)
    assert len(calendar.walk("VEVENT")) == 3


def test_filtered_feed_lists_only_the_matching_events(client):
    EventFactory(published=True, title_fr="Visite chez Adler", format="company_visit")
    EventFactory(published=True, title_fr="Atelier CV", format="bilingual_workshop")
    content = client.get(feed_path() + "?format=company_visit").content
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(content).walk("VEVENT")]
    assert summaries == ["Visite chez Adler"]


def test_feed_text_with_commas_newlines_and_long_lines_reads_back_the_same(client):
    title = "Atelier « CV, lettre; entretien » – Grenzüberschreitende Bewerbung " * 2
    EventFactory(published=True, title_fr=title.strip(), summary_fr="Ligne 1\nLigne 2, suite")
    content = client.get(feed_path()).content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == title.strip()
    assert str(event["DESCRIPTION"]).startswith("Ligne 1\nLigne 2, suite\n\nhttp")


@pytest.mark.parametrize("count", [5, 50])
def test_feed_query_count_is_constant(client, django_assert_max_num_queries, count):
    EventFactory.create_batch(count, published=True)
    with django_assert_max_num_queries(1):
        assert client.get(feed_path()).status_code == 200


def test_a_filtered_agenda_links_to_its_own_feed(client):
    EventFactory(published=True, format="company_visit")
    with translation.override("de"):
        agenda = reverse("events:agenda")
    html = client.get(agenda + "?format=company_visit&page=1").content.decode()
    assert f'href="{feed_path("de")}?format=company_visit"' in html
    assert "Diese Veranstaltungen in Ihrem Kalender abonnieren" in html
