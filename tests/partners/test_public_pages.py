import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from events import page_cache
from events.models import Event, Venue
from partners.models import Country, Organisation
from tests.factories import EventFactory, EventOrganisationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def partners_url(language):
    with translation.override(language):
        return reverse("partners:list")


@pytest.mark.parametrize("language", ["fr", "de"])
def test_partners_page_answers_in_both_languages(client, language):
    OrganisationFactory(public=True)
    response = client.get(partners_url(language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_partners_are_grouped_french_side_then_german_side(client):
    OrganisationFactory(public=True, name="Association test de Strasbourg")
    OrganisationFactory(public=True, german=True, name="Testverein Kehl")
    sides = client.get(partners_url("fr")).context["sides"]
    assert [side["country"] for side in sides][:2] == [Country.FRANCE, Country.GERMANY]
    french = {o.name for o in sides[0]["organisations"]}
    german = {o.name for o in sides[1]["organisations"]}
    assert "Association test de Strasbourg" in french - german
    assert "Testverein Kehl" in german - french


def test_only_public_and_active_organisations_are_listed(client):
    OrganisationFactory(public=True, name="Visible partner")
    OrganisationFactory(name="Hidden partner")
    OrganisationFactory(
        public=True,
        name="Former partner",
        active_since=datetime.date(2020, 1, 1),
        active_until=datetime.date(2021, 1, 1),
    )
    html = client.get(partners_url("fr")).content.decode()
    assert "Visible partner" in html
    assert "Hidden partner" not in html
    assert "Former partner" not in html


def test_description_missing_in_german_is_shown_in_french_with_lang(client):
    OrganisationFactory(
        public=True, description_fr="Accompagnement vers l'emploi.", description_de=""
    )
    html = client.get(partners_url("de")).content.decode()
    assert 'class="fallback-note"' in html
    assert '<div lang="fr"><p>Accompagnement vers l&#x27;emploi.</p></div>' in html


def test_german_description_is_shown_on_the_german_page(client):
    OrganisationFactory(public=True, description_fr="En français.", description_de="Auf Deutsch.")
    html = client.get(partners_url("de")).content.decode()
    assert "Auf Deutsch." in html
    assert "En français." not in html
    assert 'class="fallback-note"' not in html


def _partner_with_events(name, count):
    organisation = OrganisationFactory(public=True, name=name, website="https://example.org/")
    for days in range(count):
        EventOrganisationFactory(
            organisation=organisation,
            event=EventFactory(
                published=True, start=timezone.now() + datetime.timedelta(days=days + 1)
            ),
        )
    return organisation


def test_each_partner_shows_its_website_country_and_next_events(client):
    organisation = OrganisationFactory(
        public=True, german=True, name="Testverein Kehl", website="https://verein.example.de/"
    )
    soon = [
        EventFactory(
            published=True,
            title_de=f"Termin {n}",
            start=timezone.now() + datetime.timedelta(days=n),
        )
        for n in (1, 2, 3, 4)
    ]
    hidden = [
        EventFactory(title_de="Entwurf"),
        EventFactory(published=True, past=True, title_de="Vorbei"),
    ]
    for event in [*soon, *hidden]:
        EventOrganisationFactory(organisation=organisation, event=event)
    html = client.get(partners_url("de")).content.decode()
    assert 'href="https://verein.example.de/"' in html
    assert "Kehl, Deutschland" in html
    # The next three, soonest first; neither the fourth, nor drafts, nor past events.
    assert html.index("Termin 1") < html.index("Termin 2") < html.index("Termin 3")
    assert "Termin 4" not in html
    assert "Entwurf" not in html and "Vorbei" not in html


def test_a_partner_logo_is_shown(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationFactory(public=True)
    organisation.logo = "logos/logo.png"
    organisation.save()
    html = client.get(partners_url("fr")).content.decode()
    assert 'class="partner__logo" src="/media/logos/logo.png"' in html


def test_partners_page_queries_do_not_grow_with_partners_and_events(
    client, django_assert_max_num_queries
):
    for n in range(2):
        _partner_with_events(f"Partenaire {n}", 2)
    with django_assert_max_num_queries(4) as few:
        client.get(partners_url("fr"))
    cache.clear()
    page_cache.clear_local()
    for n in range(2, 12):
        _partner_with_events(f"Partenaire {n}", 5)
    with django_assert_max_num_queries(len(few)):
        response = client.get(partners_url("fr"))
    assert response.content.decode().count('class="partner__events"') == 12


@pytest.mark.parametrize("language", ["fr", "de"])
def test_employers_page_lists_the_employer_formats_and_their_coming_events(client, language):
    afterwork = EventFactory(
        published=True,
        format=Event.Format.EMPLOYER_AFTERWORK,
        title_fr="Afterwork des employeurs",
        title_de="Afterwork für Arbeitgeber",
    )
    EventFactory(
        published=True,
        format=Event.Format.BILINGUAL_WORKSHOP,
        title_fr="Atelier CV",
        title_de="CV-Workshop",
    )
    with translation.override(language):
        url = reverse("partners:employers")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert (afterwork.title_fr if language == "fr" else afterwork.title_de) in html
    assert "Atelier CV" not in html and "CV-Workshop" not in html
    assert [f["code"] for f in response.context["formats"]] == [
        "employer_afterwork",
        "recruitment_meeting",
        "company_visit",
    ]
    assert url == {"fr": "/fr/employeurs/", "de": "/de/arbeitgeber/"}[language]
    # How to host one: write to the team, whose contact is the centre's.
    centre = Venue.objects.get(is_centre=True)
    assert centre.email and f'href="mailto:{centre.email}"' in html


def test_employers_page_queries_do_not_grow_with_events(client, django_assert_max_num_queries):
    with translation.override("fr"):
        url = reverse("partners:employers")
    EventFactory(published=True, format=Event.Format.COMPANY_VISIT)
    with django_assert_max_num_queries(5) as few:
        client.get(url)
    cache.clear()
    page_cache.clear_local()
    for event_format in (Event.Format.COMPANY_VISIT, Event.Format.RECRUITMENT_MEETING):
        for _n in range(6):
            event = EventFactory(published=True, format=event_format)
            EventOrganisationFactory(event=event)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    # At most four events of each format, the soonest.
    shown = {f["code"]: len(f["events"]) for f in response.context["formats"]}
    assert shown == {"employer_afterwork": 0, "recruitment_meeting": 4, "company_visit": 4}


def test_shipped_organisations_have_their_right_kinds():
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["La Chambre de métiers d'Alsace"] == Organisation.Kind.CHAMBER_OF_CRAFTS
    assert kinds["CCI Alsace Eurométropole"] == Organisation.Kind.CHAMBER
    assert kinds["IHK Südlicher Oberrhein"] == Organisation.Kind.CHAMBER
    assert kinds["Impact Hub"] == Organisation.Kind.BUSINESS_SUPPORT
    assert kinds["Black Forest Innovation GmbH"] == Organisation.Kind.BUSINESS_SUPPORT
    assert not Organisation.objects.filter(kind=Organisation.Kind.COMPANY, name__in=kinds).exists()
