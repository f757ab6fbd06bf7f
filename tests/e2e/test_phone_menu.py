"""The main menus on a phone and on a desktop, in French and German: at 390 px the
entries fold behind one "Menu" button (a <details> disclosure, no JavaScript), the
page's title is in the first screen and the language switch stays in view; the
keyboard opens the menu and follows its entries; at 1280 px every entry shows in a
row, as before. The staff pages' menu does the same (screenshots in
test-artifacts/).

Entries are found by their address and the menus by their accessible name, as the
catalogue translates it."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events import links
from tests.accounts import staff_member
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, PHONE, log_in
from tests.factories import EventFactory
from tests.test_main_menu import PUBLIC_ENTRIES as ENTRIES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1280, "height": 800}
# Enough Tab presses to cross the header, never the whole page.
HEADER_TAB_STOPS = 8


def path_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def label_in(language, message):
    with translation.override(language):
        return gettext(message)


def main_menu(page, language):
    return page.get_by_role("navigation", name=label_in(language, "Main menu"))


def entry(menu, language, name):
    return menu.locator(f"a[href='{path_in(language, name)}']")


def is_in_first_screen(page, locator):
    """The whole box of `locator` lies within the viewport, without scrolling."""
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has the focus; fail if the
    header's tab stops run out first."""
    for _ in range(HEADER_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} got no focus within {HEADER_TAB_STOPS} Tab presses")


@pytest.fixture
def workshop():
    """A published event whose titles are long, as German ones often are."""
    return EventFactory(
        published=True,
        title_fr="Rencontre avec les employeurs de l'artisanat et de la logistique de l'Ortenau",
        title_de="Treffen mit Arbeitgebern aus Handwerk und Logistik in der Ortenau",
    )


def public_page(language, name, workshop):
    if name == "event":
        with translation.override(language):
            return links.event_path(workshop)
    return path_in(language, f"events:{name}")


@pytest.mark.parametrize("language", BROWSER_LOCALES)
@pytest.mark.parametrize("name", ["home", "agenda", "event"])
def test_phone_menu_is_closed_and_the_title_in_the_first_screen(
    live_server, open_page, workshop, language, name
):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    page.goto(live_server.url + public_page(language, name, workshop))
    menu = main_menu(page, language)
    assert menu.locator("summary").is_visible()
    assert menu.locator("details").get_attribute("open") is None
    for url_name in ENTRIES:
        assert entry(menu, language, url_name).is_hidden(), url_name
    title = page.locator("main h1")
    assert is_in_first_screen(page, title)
    # The title starts in the screen's top quarter (the unfolded menu put it near a
    # third: 272 px in French, 312 px in German, of 844).
    assert title.bounding_box()["y"] < PHONE["height"] / 4
    languages = page.get_by_role("navigation", name=label_in(language, "Language"))
    assert is_in_first_screen(page, languages)
    page.keyboard.press("Tab")
    assert page.locator(".skip-link").evaluate("link => link === document.activeElement")
    assert is_in_first_screen(page, page.locator(".skip-link"))


@pytest.mark.parametrize("language", BROWSER_LOCALES)
@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_keyboard_opens_the_phone_menu_and_follows_an_entry(
    live_server, open_page, screenshot, language, key
):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    page.goto(live_server.url + path_in(language, "events:home"))
    menu = main_menu(page, language)
    screenshot(page, f"phone-menu-{language}-closed")

    tab_to(page, ".main-nav summary")
    page.keyboard.press(key)
    assert menu.locator("details").get_attribute("open") is not None
    for url_name in ENTRIES:
        link = entry(menu, language, url_name)
        assert link.is_visible(), url_name
        assert page.request.get(live_server.url + link.get_attribute("href")).ok, url_name
    assert entry(menu, language, "events:home").get_attribute("aria-current") == "page"
    assert_fits_the_screen(page)
    assert_no_serious_violation(page)
    screenshot(page, f"phone-menu-{language}-open")

    agenda = path_in(language, "events:agenda")
    tab_to(page, f".main-nav a[href='{agenda}']")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + agenda)
    menu = main_menu(page, language)
    assert menu.locator("details").get_attribute("open") is None
    assert entry(menu, language, "events:agenda").get_attribute("aria-current") == "page"


@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_phone_menu_fits_the_narrowest_screen_open(live_server, open_page, language):
    page = open_page(locale=BROWSER_LOCALES[language], viewport={"width": 320, "height": 640})
    page.goto(live_server.url + path_in(language, "events:home"))
    menu = main_menu(page, language)
    assert_fits_the_screen(page)
    menu.locator("summary").click()
    assert entry(menu, language, "impact:page").is_visible()
    assert_fits_the_screen(page)


@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_desktop_menu_shows_every_entry_in_a_row(live_server, open_page, screenshot, language):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=WIDE)
    page.goto(live_server.url + path_in(language, "events:agenda"))
    menu = main_menu(page, language)
    assert menu.locator("summary").is_hidden()
    tops = set()
    for url_name in ENTRIES:
        link = entry(menu, language, url_name)
        assert link.is_visible(), url_name
        tops.add(link.bounding_box()["y"])
    assert len(tops) == 1, "the entries wrap onto more than one row"
    assert entry(menu, language, "events:agenda").get_attribute("aria-current") == "page"
    # No button in the way: the keyboard goes from the language switch to the entries.
    tab_to(page, ".language-switcher a")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == path_in(
        language, "events:home"
    )
    screenshot(page, f"desktop-menu-{language}")


@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_staff_menu_folds_on_a_phone_and_opens_by_keyboard(
    live_server, client, open_page, screenshot, language
):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    log_in(page, client, live_server, staff_member(first_name="Anna", last_name="Schmitt"))
    page.goto(live_server.url + reverse("beneficiaries:caseload"))
    menu = page.get_by_role("navigation", name=label_in(language, "Staff menu"))
    caseload = menu.locator(f"a[href='{reverse('beneficiaries:caseload')}']")
    assert caseload.is_hidden()
    assert is_in_first_screen(page, page.locator("main h1"))
    screenshot(page, f"phone-staff-menu-{language}-closed")

    tab_to(page, ".staff-nav summary")
    page.keyboard.press("Enter")
    assert caseload.is_visible()
    assert caseload.get_attribute("aria-current") == "page"
    assert menu.locator(f"a[href='{reverse('staff_events:events')}']").is_visible()
    assert_fits_the_screen(page)
    screenshot(page, f"phone-staff-menu-{language}-open")


@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_staff_menu_shows_every_entry_on_a_desktop(live_server, client, open_page, language):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=WIDE)
    log_in(page, client, live_server, staff_member())
    page.goto(live_server.url + reverse("beneficiaries:caseload"))
    menu = page.get_by_role("navigation", name=label_in(language, "Staff menu"))
    assert menu.locator("summary").is_hidden()
    for name in ["staff_events:events", "beneficiaries:caseload", "referrals:list", "admin:index"]:
        assert menu.locator(f"a[href='{reverse(name)}']").is_visible(), name
