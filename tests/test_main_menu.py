"""The main menus in the HTML, in French and German: a navigation landmark with its
name holds a <details> whose <summary> is the "Menu" button a phone shows (no
JavaScript), then the entries, the current page marked; the skip link comes first
and the language switch stays outside the menu. The browser checks (folded at
390 px, a row at 1280 px) are in tests/e2e/test_phone_menu.py."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from tests.accounts import staff_member

pytestmark = pytest.mark.django_db

MAIN_MENU = {"fr": "Menu principal", "de": "Hauptmenü"}
STAFF_MENU = {"fr": "Menu de l'équipe", "de": "Team-Menü"}
LANGUAGE = {"fr": "Langue", "de": "Sprache"}
BUTTON = {"fr": "Menu", "de": "Menü"}
# The public menu's entries, in their order, by URL name.
PUBLIC_ENTRIES = [
    "events:home",
    "events:agenda",
    "events:past",
    "partners:list",
    "partners:employers",
    "practices:list",
    "impact:page",
]


class Landmarks(HTMLParser):
    """The page's <nav> elements in order, each with its name, the text of its
    <summary> (if it is the first child of a <details>) and its links."""

    def __init__(self):
        super().__init__()
        self.navs, self.links, self._nav, self._summary, self._last_start = [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self._nav = {"name": attrs.get("aria-label"), "summary": None, "links": []}
            self.navs.append(self._nav)
        elif tag == "summary" and self._nav is not None and self._last_start == "details":
            self._summary = []
        elif tag == "a":
            link = (attrs.get("href"), attrs.get("aria-current"))
            self.links.append(link)
            if self._nav is not None:
                self._nav["links"].append(link)
        self._last_start = tag

    def handle_endtag(self, tag):
        if tag == "summary" and self._summary is not None:
            self._nav["summary"] = " ".join("".join(self._summary).split())
            self._summary = None
        elif tag == "nav":
            self._nav = None

    def handle_data(self, data):
        if self._summary is not None:
            self._summary.append(data)


def landmarks(response):
    assert response.status_code == 200
    parser = Landmarks()
    parser.feed(response.content.decode())
    return parser


def nav_named(page, name):
    found = [nav for nav in page.navs if nav["name"] == name]
    assert len(found) == 1, f"{len(found)} navigation landmarks named {name!r}"
    return found[0]


def path_in(language, name):
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_public_page_folds_its_main_menu_behind_a_menu_button(client, language):
    agenda = path_in(language, "events:agenda")
    page = landmarks(client.get(agenda))
    menu = nav_named(page, MAIN_MENU[language])
    assert menu["summary"] == BUTTON[language]
    assert [href for href, _current in menu["links"]] == [
        path_in(language, name) for name in PUBLIC_ENTRIES
    ]
    assert [href for href, current in menu["links"] if current] == [agenda]
    assert [current for href, current in menu["links"] if href == agenda] == ["page"]


@pytest.mark.parametrize("language", ["fr", "de"])
def test_skip_link_and_language_switch_stay_outside_the_menu(client, language):
    page = landmarks(client.get(path_in(language, "events:home")))
    assert page.links[0] == ("#main", None)
    languages = nav_named(page, LANGUAGE[language])
    assert languages["summary"] is None
    assert page.navs.index(languages) < page.navs.index(nav_named(page, MAIN_MENU[language]))


@pytest.mark.parametrize("language", ["fr", "de"])
def test_staff_page_folds_its_menu_behind_a_menu_button(client, language):
    client.force_login(staff_member())
    caseload = reverse("beneficiaries:caseload")
    page = landmarks(client.get(caseload, HTTP_ACCEPT_LANGUAGE=language))
    menu = nav_named(page, STAFF_MENU[language])
    assert menu["summary"] == BUTTON[language]
    assert (caseload, "page") in menu["links"]
    assert (reverse("staff_events:events"), None) in menu["links"]
