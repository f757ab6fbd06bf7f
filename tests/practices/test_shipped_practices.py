"""The seed 004 sheets ship as data (practices/migrations/0002_seed_004.py)."""

import pytest

from practices.models import Practice, Theme

pytestmark = pytest.mark.django_db


def test_the_seed_004_sheets_ship_published_in_french():
    sheets = Practice.objects.filter(is_published=True)
    assert sheets.count() == 19
    cafe = sheets.get(title_fr="Le Café contact de l’emploi à Strasbourg et partout en France")
    assert not cafe.title_de and cafe.territory == "Strasbourg"
    assert "Un café, des contacts, des emplois" in cafe.actions_fr
    assert "@" in cafe.contact
    assert {t.code for t in cafe.themes.all()} == {"support", "companies"}
    assert set(Theme.objects.values_list("code", flat=True)) >= {
        "access",
        "support",
        "companies",
        "entrepreneurship",
        "youth",
    }
    # Sheets whose partners are in the directory are linked to them.
    switch = sheets.get(title_fr__startswith="Switch met le contact")
    assert [o.name for o in switch.organisations.all()] == ["Maison de l'emploi de Strasbourg"]


@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_shipped_sheet_has_its_page(client, language):
    from django.utils import translation

    from practices import links

    for practice in Practice.objects.all():
        with translation.override(language):
            path = links.practice_path(practice)
        assert client.get(path).status_code == 200, path
