"""Cached public pages: served again without queries, renewed when content changes,
and never carrying one visitor's CSRF token or form errors to another."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events import page_cache
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def event_path(event, language="fr"):
    with translation.override(language):
        return reverse("events:detail", kwargs={"pk": event.pk, "slug": event.slug})


def agenda_path(language="fr"):
    with translation.override(language):
        return reverse("events:agenda")


def test_a_second_visit_to_the_agenda_runs_no_query(client, django_assert_num_queries):
    EventFactory(published=True, title_fr="Atelier CV")
    client.get(agenda_path())
    with django_assert_num_queries(0):
        response = client.get(agenda_path())
    assert "Atelier CV" in response.content.decode()


def test_agenda_shows_an_edited_title_at_once(client):
    event = EventFactory(published=True, title_fr="Atelier CV")
    assert "Atelier CV" in client.get(agenda_path()).content.decode()
    event.title_fr = "Atelier lettre de motivation"
    event.save()
    html = client.get(agenda_path()).content.decode()
    assert "Atelier lettre de motivation" in html
    assert "Atelier CV" not in html


def test_event_page_shows_an_edited_venue_at_once(client):
    event = EventFactory(published=True)
    client.get(event_path(event))
    event.venue.name = "Salle Rhin"
    event.venue.save()
    assert "Salle Rhin" in client.get(event_path(event)).content.decode()


def test_unpublished_event_page_is_gone_at_once(client):
    event = EventFactory(published=True)
    assert client.get(event_path(event)).status_code == 200
    event.status = event.Status.DRAFT
    event.save()
    assert client.get(event_path(event)).status_code == 404


def test_places_left_follow_registrations_and_cancellations(client):
    event = EventFactory(published=True, capacity=5)
    assert "5 places restantes" in client.get(event_path(event)).content.decode()
    registration = RegistrationFactory(event=event)
    assert "4 places restantes" in client.get(agenda_path()).content.decode()
    assert "4 places restantes" in client.get(event_path(event)).content.decode()
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = registration.created_at
    registration.save()
    assert "5 places restantes" in client.get(event_path(event)).content.decode()


def test_each_visitor_gets_their_own_csrf_token_from_a_cached_event_page(client):
    event = EventFactory(published=True)
    other = Client()
    first = client.get(event_path(event))
    second = other.get(event_path(event))
    [first_token] = TOKEN.findall(first.content.decode())
    [second_token] = TOKEN.findall(second.content.decode())
    assert page_cache.CSRF_PLACEHOLDER not in second.content.decode()
    # Masked tokens differ each time; the secrets behind them are each visitor's own.
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert first_token != second_token


def test_a_cached_event_page_token_is_accepted_on_registration(language):
    client = Client(enforce_csrf_checks=True)
    event = EventFactory(published=True)
    client.get(event_path(event, language))  # fills the cache
    page = client.get(event_path(event, language))
    [token] = TOKEN.findall(page.content.decode())
    response = client.post(
        event_path(event, language),
        {
            "csrfmiddlewaretoken": token,
            "first_name": "Ada",
            "last_name": "Martin",
            "email": "ada@example.org",
            "language": language,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert event.registrations.get().email == "ada@example.org"


def test_form_errors_are_never_served_to_another_visitor(client):
    event = EventFactory(published=True)
    response = client.post(
        event_path(event), {"first_name": "Ada", "last_name": "", "email": "ada@example"}
    )
    assert "ada@example" in response.content.decode()
    html = Client().get(event_path(event)).content.decode()
    assert "ada@example" not in html
    assert 'role="alert"' not in html


def test_a_signed_in_person_never_gets_a_cached_page(client):
    EventFactory(published=True, title_fr="Atelier CV")
    Client().get(agenda_path())  # an anonymous visit fills the cache
    client.force_login(UserFactory(staff=True))
    html = client.get(agenda_path()).content.decode()
    # The staff member's own page: rendered for them, with their account bar.
    assert "Atelier CV" in html
    assert page_cache.CSRF_PLACEHOLDER not in html


def test_unknown_query_parameters_are_not_cached(client, django_assert_max_num_queries):
    EventFactory(published=True)
    client.get(agenda_path() + "?utm_source=spam")
    with django_assert_max_num_queries(7) as context:
        client.get(agenda_path() + "?utm_source=spam")
    assert len(context.captured_queries) > 0


def test_the_agenda_is_cached_per_language(client):
    EventFactory(published=True, title_fr="Atelier CV", title_de="Lebenslauf-Workshop")
    assert "Atelier CV" in client.get(agenda_path("fr")).content.decode()
    assert "Lebenslauf-Workshop" in client.get(agenda_path("de")).content.decode()


def test_filtered_agendas_are_cached_apart(client):
    EventFactory(published=True, title_fr="Chez Adler", format="company_visit")
    EventFactory(published=True, title_fr="CV en allemand", format="bilingual_workshop")
    visits = client.get(agenda_path() + "?format=company_visit").content.decode()
    workshops = client.get(agenda_path() + "?format=bilingual_workshop").content.decode()
    assert "Chez Adler" in visits and "CV en allemand" not in visits
    assert "CV en allemand" in workshops and "Chez Adler" not in workshops
