"""Public pages list only events open to all: a closed joint action opens by its
address (the invitation links to it) without being listed or indexed; an internal
meeting is never public."""

import pytest
from django.urls import reverse
from django.utils import translation

from events import links, selectors
from events.models import Event
from tests.factories import EventFactory, EventOrganisationFactory

pytestmark = pytest.mark.django_db


def page(client, language, name, **kwargs):
    with translation.override(language):
        return client.get(reverse(name, kwargs=kwargs or None))


def detail(client, language, event):
    with translation.override(language):
        return client.get(links.event_path(event))


@pytest.fixture
def events():
    return {
        openness: EventFactory(
            published=True,
            openness=openness,
            title_fr=f"Rencontre {openness}",
            title_de=f"Treffen {openness}",
        )
        for openness in Event.Openness.values
    }


@pytest.mark.parametrize("language", ["fr", "de"])
def test_agenda_home_and_feed_list_only_public_events(client, events, language):
    title = {o: getattr(e, f"title_{language}") for o, e in events.items()}
    for name in ("events:home", "events:agenda", "events:agenda_ics"):
        text = page(client, language, name).content.decode()
        assert title["public"] in text, name
        assert title["closed"] not in text and title["internal"] not in text, name


def test_sitemap_lists_only_public_events(client, events):
    assert list(selectors.sitemap_events()) == [events["public"]]
    text = client.get("/sitemap-events.xml").content.decode()
    with translation.override("fr"):
        assert links.event_path(events["public"]) in text
        assert links.event_path(events["closed"]) not in text


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_closed_action_opens_by_its_address_unindexed_and_says_so(client, events, language):
    response = detail(client, language, events["closed"])
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="robots" content="noindex' in text
    invited = {"fr": "réservé aux participants invités", "de": "eingeladenen Teilnehmenden"}
    assert invited[language] in text
    public = detail(client, language, events["public"]).content.decode()
    assert 'name="robots" content="noindex' not in public


def test_an_internal_meeting_is_not_found(client, events):
    assert detail(client, "fr", events["internal"]).status_code == 404
    assert client.get(f"/fr/evenements/{events['internal'].pk}/").status_code == 404


def test_partners_page_shows_only_public_events_of_a_partner(client, events):
    for event in events.values():
        EventOrganisationFactory(event=event, organisation__is_public=True)
    text = page(client, "fr", "partners:list").content.decode()
    assert events["public"].title_fr in text
    assert events["closed"].title_fr not in text and events["internal"].title_fr not in text
