import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, EventOrganisation, Venue
from tests.factories import (
    AudienceFactory,
    EventFactory,
    EventOrganisationFactory,
    OrganisationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def event_url_in(language, event):
    with translation.override(language):
        return reverse("events:detail", kwargs={"pk": event.pk, "slug": event.slug})


@pytest.fixture
def event():
    event = EventFactory(
        published=True,
        title_fr="Atelier bilingue",
        title_de="Zweisprachiger Workshop",
        description_fr="On prépare ensemble un CV pour l'Allemagne.",
        description_de="Wir bereiten gemeinsam einen Lebenslauf vor.",
    )
    event.audiences.set([AudienceFactory()])
    EventOrganisationFactory(event=event)
    return event


def test_root_redirects_a_german_browser_to_the_german_site(client):
    response = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_root_redirects_to_french_when_the_browser_language_is_neither(client):
    response = client.get("/", headers={"accept-language": "es-ES,es;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize(
    "name",
    ["events:home", "events:agenda", "events:past", "events:privacy", "events:legal"],
)
def test_public_page_answers_in_both_languages(client, event, language, name):
    response = client.get(url_in(language, name))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "de"])
def test_event_page_answers_in_both_languages(client, event, language):
    response = client.get(event_url_in(language, event))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_event_addresses_carry_the_slug_of_each_language(event):
    assert event_url_in("fr", event) == f"/fr/{_events_segment('fr')}{event.pk}-atelier-bilingue/"
    assert (
        event_url_in("de", event)
        == f"/de/{_events_segment('de')}{event.pk}-zweisprachiger-workshop/"
    )


def _events_segment(language):
    with translation.override(language):
        return str(translation.gettext("events/"))


def test_the_other_languages_slug_redirects_permanently_to_the_canonical_address(client, event):
    with translation.override("de"):
        wrong = reverse("events:detail", kwargs={"pk": event.pk, "slug": "atelier-bilingue"})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == event_url_in("de", event)


def test_an_address_without_slug_redirects_to_the_canonical_one(client, event):
    response = client.get(url_in("fr", "events:detail_short", pk=event.pk))
    assert response.status_code == 301
    assert response["Location"] == event_url_in("fr", event)


def test_language_switcher_leads_to_the_same_event_in_the_other_language(client, event):
    html = client.get(event_url_in("fr", event)).content.decode()
    assert f'href="{event_url_in("de", event)}" hreflang="de" lang="de"' in html
    assert (
        f'<link rel="alternate" hreflang="de" href="http://testserver{event_url_in("de", event)}">'
        in html
    )
    assert (
        f'<link rel="alternate" hreflang="fr" href="http://testserver{event_url_in("fr", event)}">'
        in html
    )


def test_language_switcher_keeps_the_agenda_filters(client, event):
    html = client.get(url_in("fr", "events:agenda") + "?format=company_visit").content.decode()
    assert f'href="{url_in("de", "events:agenda")}?format=company_visit"' in html


@pytest.mark.parametrize("status", [Event.Status.DRAFT])
def test_draft_events_are_not_found(client, status):
    draft = EventFactory(status=status)
    assert client.get(event_url_in("fr", draft)).status_code == 404
    assert client.get(url_in("fr", "events:detail_short", pk=draft.pk)).status_code == 404
    assert client.get(url_in("fr", "events:event_ics", pk=draft.pk)).status_code == 404


def test_draft_events_are_not_listed(client):
    EventFactory(draft=True, title_fr="Brouillon secret")
    for name in ("events:home", "events:agenda", "events:past"):
        assert "Brouillon secret" not in client.get(url_in("fr", name)).content.decode()


def test_a_cancelled_event_page_says_so_and_offers_no_form(client):
    event = EventFactory(cancelled=True)
    response = client.get(event_url_in("fr", event))
    assert response.status_code == 200
    assert 'name="first_name"' not in response.content.decode()
    assert "eventStatus" in response.content.decode()


def test_content_missing_in_german_is_shown_in_french_with_a_note_and_lang(client):
    event = EventFactory(
        published=True,
        title_fr="Visite d'entreprise",
        title_de="Firmenbesuch",
        description_fr="Visite de l'usine, chaussures de sécurité fournies.",
        description_de="",
    )
    html = client.get(event_url_in("de", event)).content.decode()
    assert '<div class="description" lang="fr">' in html
    assert "Visite de l&#x27;usine" in html
    assert 'class="fallback-note"' in html


def test_content_present_in_both_languages_has_no_note(client, event):
    html = client.get(event_url_in("de", event)).content.decode()
    assert "Wir bereiten gemeinsam" in html
    assert 'class="fallback-note"' not in html
    assert "On prépare ensemble" not in html


def test_event_page_shows_places_left(client):
    event = EventFactory(published=True, capacity=5)
    from tests.factories import RegistrationFactory

    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, cancelled=True)
    html = client.get(event_url_in("fr", event)).content.decode()
    assert re.search(r"\b3\b[^<]*place", html)


def test_full_event_page_announces_the_waiting_list(client):
    event = EventFactory(full=True)
    response = client.get(event_url_in("fr", event))
    assert response.context["is_full"] is True
    assert 'class="badge badge--full"' in response.content.decode()


def test_event_page_has_schema_org_event_data(client, event):
    html = client.get(event_url_in("fr", event)).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["name"] == "Atelier bilingue"
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert data["location"]["address"]["addressLocality"] == event.venue.city
    assert data["url"] == "http://testserver" + event_url_in("fr", event)


def test_json_ld_cannot_close_its_script_element(client):
    event = EventFactory(published=True, title_fr="</script><script>alert(1)</script>")
    html = client.get(event_url_in("fr", event)).content.decode()
    assert "</script><script>alert(1)" not in html


def test_agenda_filters_by_format_audience_language_and_month(client):
    audience = AudienceFactory(code="test-employers")
    visit = EventFactory(
        published=True,
        format=Event.Format.COMPANY_VISIT,
        language=Event.Language.GERMAN,
        title_fr="Visite chez Siehr",
    )
    visit.audiences.set([audience])
    EventFactory(
        published=True,
        format=Event.Format.IDEA_LAB,
        language=Event.Language.FRENCH,
        title_fr="Labo d'idées",
    )
    EventFactory(published=True, language=Event.Language.BILINGUAL, title_fr="Atelier mixte")
    agenda = url_in("fr", "events:agenda")

    def titles(query):
        page = client.get(agenda + query).context["page"]
        return {event.title for event in page.object_list}

    assert titles("?format=company_visit") == {"Visite chez Siehr"}
    assert titles("?audience=test-employers") == {"Visite chez Siehr"}
    assert titles("?language=de") == {"Visite chez Siehr", "Atelier mixte"}
    assert titles("?language=fr") == {"Labo d'idées", "Atelier mixte"}
    assert titles("?language=fr-de") == {"Atelier mixte"}
    month = timezone.localtime(visit.start).strftime("%Y-%m")
    assert "Visite chez Siehr" in titles(f"?month={month}")


def test_agenda_ignores_an_unknown_filter_value(client, event):
    response = client.get(url_in("fr", "events:agenda") + "?format=nonsense&month=1999-01")
    assert response.status_code == 200


def test_agenda_is_paginated(client):
    venue = VenueFactory()
    for _ in range(25):
        EventFactory(published=True, venue=venue)
    first = client.get(url_in("fr", "events:agenda"))
    second = client.get(url_in("fr", "events:agenda") + "?page=2")
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert 'rel="next"' in first.content.decode()


def test_past_events_lists_events_that_are_over(client):
    EventFactory(published=True, past=True, title_fr="Atelier passé")
    EventFactory(published=True, title_fr="Atelier à venir")
    html = client.get(url_in("fr", "events:past")).content.decode()
    assert "Atelier passé" in html
    assert "Atelier à venir" not in html


def test_home_shows_the_next_events_and_the_centre_address(client, event):
    Venue.objects.filter(is_centre=True).delete()  # the one the migrations ship
    VenueFactory(centre=True, address="6 rue du Centre", accessibility_de="")
    html = client.get(url_in("de", "events:home")).content.decode()
    assert "Zweisprachiger Workshop" in html
    assert "6 rue du Centre" in html
    assert "Port du Rhin" in html
    assert '<div lang="fr"><p>Accessible en fauteuil roulant.</p></div>' in html


def test_pages_have_one_h1_landmarks_and_a_skip_link(client, event):
    for url in (
        url_in("fr", "events:home"),
        url_in("de", "events:agenda"),
        event_url_in("fr", event),
    ):
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
            assert landmark in html, (url, landmark)
        assert 'class="skip-link" href="#main"' in html


def test_event_organisers_are_listed(client):
    event = EventFactory(published=True)
    EventOrganisationFactory(event=event, organisation=OrganisationFactory(name="SINGA"))
    assert "SINGA" in client.get(event_url_in("fr", event)).content.decode()


def test_the_host_is_listed_before_co_organisers_and_companies(client):
    event = EventFactory(published=True)
    for name, role in [
        ("Adler Logistik", EventOrganisation.Role.PARTICIPANT),
        ("Arbeitsagentur Testhausen", EventOrganisation.Role.CO_ORGANISER),
        ("Maison test", EventOrganisation.Role.HOST),
    ]:
        EventOrganisationFactory(
            event=event, organisation=OrganisationFactory(name=name), role=role
        )
    html = client.get(event_url_in("fr", event)).content.decode()
    positions = [
        html.index(name) for name in ("Maison test", "Arbeitsagentur Testhausen", "Adler Logistik")
    ]
    assert positions == sorted(positions)


def test_sitemap_lists_pages_and_events_in_both_languages(client, event):
    EventFactory(title_fr="Brouillon secret")
    index = client.get("/sitemap.xml").content.decode()
    xml = "".join(
        client.get(location.removeprefix("http://testserver")).content.decode()
        for location in re.findall(r"<loc>([^<]+)</loc>", index)
    )
    assert f"http://testserver{event_url_in('fr', event)}" in xml
    assert f"http://testserver{event_url_in('de', event)}" in xml
    assert f'hreflang="de" href="http://testserver{event_url_in("de", event)}"' in xml
    assert f"http://testserver{url_in('de', 'events:agenda')}" in xml
    assert "brouillon-secret" not in xml
