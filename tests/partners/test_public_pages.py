import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import Country
from tests.factories import OrganisationFactory

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
