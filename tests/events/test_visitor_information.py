"""What a visitor needs to come and to reach us: the centre's hours, directions and
map link, directions for events held elsewhere, the team's contact on the pages and
in every email (answered to the team), the accessibility statement and legal notice,
the EU emblem, favicon and link-preview tags on every public page."""

import re
from datetime import time
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events import links, services
from events.models import OpeningPeriod, Venue
from tests.factories import EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _get(client, name=None, language="fr", event=None, **kwargs):
    with translation.override(language):
        url = links.event_path(event) if event else reverse(name, kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def centre():
    return Venue.objects.get(is_centre=True)


def test_shipped_centre_has_an_address_hours_directions_and_contact(centre):
    assert centre.address == "6 rue Jean Monnet"
    assert centre.latitude and centre.longitude
    assert centre.phone and centre.email
    assert centre.directions_fr.startswith("Tram D") and centre.directions_de
    days = set(centre.opening_periods.values_list("weekday", flat=True))
    assert days == {0, 1, 2, 3, 4}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Du lundi au vendredi 09:00–12:30, 13:30–17:30"),
        ("de", "Montag bis Freitag 09:00–12:30, 13:30–17:30"),
    ],
)
def test_home_shows_the_opening_days_and_hours(client, language, expected):
    assert expected in _text(_get(client, "events:home", language))


def test_opening_hours_are_staff_edited_and_grouped(client, centre):
    centre.opening_periods.all().delete()
    for day in (0, 1):
        OpeningPeriod.objects.create(venue=centre, weekday=day, opens=time(9), closes=time(17))
    OpeningPeriod.objects.create(venue=centre, weekday=3, opens=time(14), closes=time(18))
    text = _text(_get(client, "events:home", "fr"))
    assert "Lundi et mardi 09:00–17:00" in text
    assert "Jeudi 14:00–18:00" in text
    assert "Mercredi" not in text


def test_home_and_event_page_give_directions_map_link_and_contact(client, centre):
    event = EventFactory(published=True, venue=centre)
    for html in (_get(client, "events:home", "de"), _get(client, event=event, language="de")):
        assert "Straßenbahn D, Haltestelle Port du Rhin" in html
        osm = "https://www.openstreetmap.org/?mlat=48.57560&mlon=7.77650#map=18/48.57560/7.77650"
        assert f'href="{osm}"' in html
        assert f'href="tel:{centre.phone.replace(" ", "")}"' in html
        assert f'href="mailto:{centre.email}"' in html
        assert "Das Team des Lieu ressource" in html


def test_no_third_party_script_tile_or_frame_is_loaded(client, centre):
    html = _get(client, "events:home")
    assert "<iframe" not in html
    loaded = re.findall(r'<(?:script|img|link)[^>]+(?:src|href)="(https?://[^"]+)"', html)
    assert [url for url in loaded if "openstreetmap" in url] == []


def test_event_held_elsewhere_gives_its_own_directions(client):
    offenburg = VenueFactory(
        name="Hochschule Offenburg",
        city="Offenburg",
        directions_fr="Depuis Strasbourg : train TER jusqu'à Offenburg, puis bus 7.",
        directions_de="Ab Straßburg: mit dem Regionalzug nach Offenburg, dann Bus 7.",
    )
    event = EventFactory(published=True, venue=offenburg, outside_centre=True)
    html = _get(client, event=event, language="fr")
    assert "Depuis Strasbourg : train TER jusqu'à Offenburg, puis bus 7." in html
    assert "https://www.openstreetmap.org/search?query=" in html


def test_event_elsewhere_without_directions_points_to_the_team(client):
    event = EventFactory(published=True, venue=VenueFactory(), outside_centre=True)
    html = _get(client, event=event, language="de")
    assert "Fragen Sie das Team nach der Anfahrt" in html


@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_email_is_answered_to_the_team_and_signed_with_its_contact(
    django_capture_on_commit_callbacks, centre, language
):
    event = EventFactory(published=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(
            event,
            first_name="Ada",
            last_name="M",
            email="a@example.org",
            language=language,
            consent=True,
        )
        services.register(
            event,
            first_name="Bo",
            last_name="M",
            email="b@example.org",
            language=language,
            consent=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    kinds = len(mail.outbox)
    assert kinds == 4  # confirmation, waiting list, cancellation, promotion
    for message in mail.outbox:
        assert message.reply_to == [centre.email]
        assert centre.phone in message.body
        html = message.alternatives[0][0]
        assert f'href="mailto:{centre.email}"' in html


def test_reply_to_falls_back_to_the_public_contact_setting(
    django_capture_on_commit_callbacks, centre, settings
):
    Venue.objects.filter(pk=centre.pk).update(email="")
    settings.PUBLIC_CONTACT_EMAIL = "equipe@example.org"
    event = EventFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(
            event,
            first_name="Ada",
            last_name="M",
            email="a@example.org",
            language="fr",
            consent=True,
        )
    assert mail.outbox[0].reply_to == ["equipe@example.org"]


def test_email_for_an_event_elsewhere_gives_directions(django_capture_on_commit_callbacks):
    venue = VenueFactory(directions_fr="Bus 7, arrêt Hochschule.", directions_de="Bus 7.")
    event = EventFactory(published=True, venue=venue, outside_centre=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(
            event,
            first_name="Ada",
            last_name="M",
            email="a@example.org",
            language="fr",
            consent=True,
        )
    assert "Bus 7, arrêt Hochschule." in mail.outbox[0].body
    assert "https://www.openstreetmap.org/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "path", "heading", "referral"),
    [
        ("fr", "/fr/accessibilite/", "Déclaration d’accessibilité", "Défenseur des droits"),
        ("de", "/de/barrierefreiheit/", "Erklärung zur Barrierefreiheit", "Défenseur des droits"),
    ],
)
def test_accessibility_statement_in_both_languages(client, language, path, heading, referral):
    with translation.override(language):
        assert reverse("events:accessibility") == path
    html = _get(client, "events:accessibility", language)
    assert f"<h1>{heading}</h1>" in html
    for section in ('id="status"', 'id="tested"', 'id="non-conformities"', 'id="contact"'):
        assert section in html
    assert referral in html and "formulaire.defenseurdesdroits.fr" in html
    assert "RGAA" in html and "4.1.2" in html


@pytest.mark.parametrize(
    ("rate", "fr_footer", "de_footer"),
    [
        (None, "Accessibilité : non conforme", "Barrierefreiheit: nicht konform"),
        (72, "Accessibilité : partiellement conforme", "Barrierefreiheit: teilweise konform"),
        (100, "Accessibilité : totalement conforme", "Barrierefreiheit: vollständig konform"),
        (30, "Accessibilité : non conforme", "Barrierefreiheit: nicht konform"),
    ],
)
def test_conformity_status_follows_the_audit_rate(client, settings, rate, fr_footer, de_footer):
    settings.ACCESSIBILITY_AUDIT_RATE = rate
    assert fr_footer in _get(client, "events:home", "fr")
    assert de_footer in _get(client, "events:agenda", "de")
    statement = _get(client, "events:accessibility", "fr")
    if rate is not None:
        assert f"{rate} % des critères RGAA applicables" in statement


PUBLIC_PAGES = [
    "events:home",
    "events:agenda",
    "events:past",
    "events:privacy",
    "events:legal",
    "events:accessibility",
    "partners:list",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_public_page_has_footer_links_emblem_favicon_and_preview_tags(client, name, language):
    html = _get(client, name, language)
    with translation.override(language):
        assert f'href="{reverse("events:accessibility")}"' in html
        assert f'href="{reverse("events:legal")}"' in html
    assert "<svg" in html and (
        "Cofinancé par l'Union européenne" in html
        or "Kofinanziert von der Europäischen Union" in html
    )
    assert 'rel="icon"' in html and "favicon" in html
    for tag in (
        'property="og:title"',
        'property="og:description"',
        'property="og:image"',
        'property="og:url"',
        'name="twitter:card"',
    ):
        assert tag in html
    locale = {"fr": "fr_FR", "de": "de_DE"}[language]
    assert f'<meta property="og:locale" content="{locale}">' in html
    assert re.search(r'property="og:image" content="https?://[^"]+social-card[^"]*\.png"', html)


def test_event_page_preview_tags_name_the_event(client):
    event = EventFactory(published=True, title_de="Bewerben in Deutschland", summary_de="CV")
    html = _get(client, event=event, language="de")
    assert '<meta property="og:title" content="Bewerben in Deutschland">' in html
    assert '<meta property="og:type" content="article">' in html
    with translation.override("de"):
        url = "http://testserver" + links.event_path(event)
    assert f'<meta property="og:url" content="{url}">' in html


def test_legal_notice_is_completed_from_settings(client, settings):
    settings.LEGAL_PUBLICATION_DIRECTOR = "Camille Durand"
    settings.LEGAL_HOST = "Hébergeur Exemple SAS"
    settings.LEGAL_HOST_ADDRESS = "1 rue de l'Exemple, 75000 Paris"
    html = _get(client, "events:legal", "fr")
    for text in (
        "Maison de l’emploi de Strasbourg",
        "6 rue Jean Monnet",
        "Camille Durand",
        "Hébergeur Exemple SAS",
        "1 rue de l'Exemple, 75000 Paris",
    ):
        assert text in html


def test_legal_notice_defaults_name_the_function_and_the_publisher_as_host(client):
    html = _get(client, "events:legal", "de")
    assert "Der Vorsitz der Maison de l’emploi de Strasbourg." in html
    assert "auf eigenen Servern" in html


def test_home_shows_edited_opening_hours_at_once(client, centre):
    assert "Samedi" not in _text(_get(client, "events:home", "fr"))
    OpeningPeriod.objects.create(venue=centre, weekday=5, opens=time(10), closes=time(12))
    assert "Samedi 10:00–12:00" in _text(_get(client, "events:home", "fr"))
