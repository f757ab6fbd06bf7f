"""The public site in a real browser: a German visitor registers for an event, the
form works by keyboard and without JavaScript, and axe-core finds no serious or
critical accessibility violation on the public pages, in French and German, at phone
and desktop width (screenshots in test-artifacts/).

Links and fields are found by their address, name or id, never by their words: the
French and German texts change as the catalogues are translated."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from events import links, tokens
from events.models import Audience, EventOrganisation, Registration, Venue
from partners.models import Country, Organisation
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, DESKTOP, PHONE
from tests.factories import EventFactory, EventOrganisationFactory, RegistrationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# WCAG 1.4.10 (reflow): usable at 320 CSS pixels without scrolling sideways.
NARROWEST = {"width": 320, "height": 640}


def in_days(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def workshop():
    """A published bilingual workshop at the centre, ten days from now, with audiences
    and organisers from the shipped reference data."""
    event = EventFactory(
        published=True,
        title_fr="Postuler en Allemagne : le CV allemand",
        title_de="Bewerben in Deutschland: der deutsche Lebenslauf",
        summary_fr="Un atelier pour préparer son CV et sa lettre pour un employeur allemand.",
        summary_de="Ein Workshop, um Lebenslauf und Anschreiben für deutsche Arbeitgeber "
        "vorzubereiten.",
        description_fr="Apportez votre CV actuel.\n\nL'atelier est animé en français et en "
        "allemand par deux conseillères.",
        description_de="Bringen Sie Ihren aktuellen Lebenslauf mit.\n\nDer Workshop wird auf "
        "Deutsch und Französisch von zwei Beraterinnen geleitet.",
        start=in_days(10, 14),
        end=in_days(10, 16),
        venue=Venue.objects.get(is_centre=True),
        capacity=12,
        audiences=list(Audience.objects.filter(code__in=["job_seekers", "students"])),
    )
    for country, role in [
        (Country.FRANCE, EventOrganisation.Role.HOST),
        (Country.GERMANY, EventOrganisation.Role.CO_ORGANISER),
    ]:
        organisation = Organisation.objects.filter(is_public=True, country=country).first()
        EventOrganisationFactory(event=event, organisation=organisation, role=role)
    return event


@pytest.fixture
def site(workshop):
    """What the public pages show: the workshop, a full event written in French only
    (German pages show it with its lang and a note), a past event, and two people
    registered, one on the waiting list."""
    french_only = EventFactory(
        published=True,
        full=True,
        title_fr="Visite d'entreprise au port",
        title_de="",
        summary_fr="Découvrir les métiers de la logistique.",
        summary_de="",
        description_fr="Rendez-vous devant l'entrée principale.",
        start=in_days(12, 10),
        end=in_days(12, 12),
    )
    EventFactory(published=True, past=True, title_fr="Afterwork employeurs", title_de="")
    return {
        "workshop": workshop,
        "french_only": french_only,
        "confirmed": RegistrationFactory(event=workshop, german=True),
        "waitlisted": RegistrationFactory(event=french_only, waitlisted=True),
    }


def path_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def event_path_in(language, event):
    with translation.override(language):
        return links.event_path(event)


def done_path_in(language, registration):
    with translation.override(language):
        return links.done_path(registration)


def cancel_path_in(language, registration):
    return path_in(language, "events:cancel", token=tokens.cancel_token(registration))


def assert_on_done_page(page, live_server, language, registration):
    """The browser shows the "thank you" page of `registration` (its token carries a
    timestamp, so the address is compared by what it points to)."""
    prefix, token = page.url.rstrip("/").rsplit("/", 1)
    assert prefix + "/" == live_server.url + path_in(
        language, "events:registration_done", token="x"
    ).removesuffix("x/")
    assert tokens.registration_for_done_token(token) == registration


def fill_registration_form(form, *, first_name, last_name, email, language):
    form.locator("#id_first_name").fill(first_name)
    form.locator("#id_last_name").fill(last_name)
    form.locator("#id_email").fill(email)
    form.locator(f"input[name=language][value={language}]").check()
    form.locator("#id_consent").check()


def test_german_visitor_registers_for_an_event_from_the_home_page(
    live_server, open_page, screenshot, workshop
):
    page = open_page(locale="de-DE", viewport=PHONE)
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + path_in("de", "events:home")
    assert page.locator("html").get_attribute("lang") == "de"

    page.locator(".main-nav summary").click()  # on a phone the menu is folded
    page.locator(f".main-nav a[href='{path_in('de', 'events:agenda')}']").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + path_in("de", "events:agenda")

    event_path = event_path_in("de", workshop)
    page.locator(f".event-list a[href='{event_path}']").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + event_path
    assert page.locator("h1").inner_text() == workshop.title_de

    form = page.locator("form[method=post]")
    # The page's language is chosen for the emails unless the visitor changes it.
    assert form.locator("input[name=language][value=de]").is_checked()
    fill_registration_form(
        form,
        first_name="Jonas",
        last_name="Keller",
        email="jonas.keller@example.org",
        language="de",
    )
    form.locator("#id_phone").fill("+49 7851 123456")
    screenshot(page, "registration-form-de-phone")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    registration = Registration.objects.get(event=workshop, email="jonas.keller@example.org")
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.language == "de"
    assert registration.phone == "+49 7851 123456"
    assert_on_done_page(page, live_server, "de", registration)
    assert page.locator("html").get_attribute("lang") == "de"
    confirmation = page.locator("main").inner_text()
    assert "jonas.keller@example.org" in confirmation
    assert workshop.title_de in confirmation
    (email,) = mail.outbox
    assert email.to == ["jonas.keller@example.org"]
    assert workshop.title_de in email.body
    assert event_path in email.body
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)
    screenshot(page, "registration-done-de-phone")


def test_registration_errors_are_announced_and_linked_to_their_fields(
    live_server, open_page, screenshot, workshop
):
    page = open_page(locale="fr-FR", viewport=PHONE)
    page.goto(live_server.url + event_path_in("fr", workshop))
    form = page.locator("form[method=post]")
    form.locator("#id_email").fill("not an address")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    assert not Registration.objects.exists()
    for name in ["first_name", "last_name", "email", "consent"]:
        field = page.locator(f"#id_{name}")
        assert field.get_attribute("aria-invalid") == "true"
        assert f"id_{name}_error" in (field.get_attribute("aria-describedby") or "").split()
        assert page.locator(f"#id_{name}_error").inner_text().strip()
        # The summary at the top leads to each field in error.
        assert page.locator(f"[role=alert] a[href='#id_{name}']").count() == 1
    assert form.locator("#id_email").input_value() == "not an address"
    assert_no_serious_violation(page)
    screenshot(page, "registration-errors-fr-phone")


def test_registration_works_without_javascript(live_server, browser, workshop):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + event_path_in("fr", workshop))
        fill_registration_form(
            page.locator("form[method=post]"),
            first_name="Léa",
            last_name="Martin",
            email="lea.martin@example.org",
            language="fr",
        )
        page.locator("form[method=post] button[type=submit]").click()
        page.wait_for_load_state()
        registration = Registration.objects.get(email="lea.martin@example.org")
        assert_on_done_page(page, live_server, "fr", registration)
    finally:
        context.close()


def test_keyboard_user_skips_to_the_content_with_a_visible_focus(live_server, open_page, workshop):
    page = open_page(locale="de-DE", viewport=PHONE)
    page.goto(live_server.url + path_in("de", "events:agenda"))

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    box = skip_link.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link stays off screen"
    assert skip_link.evaluate("element => getComputedStyle(element).outlineStyle") != "none"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab stop is inside the content, on a field with a visible focus ring.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


PAGES = {
    "home": lambda language, site: path_in(language, "events:home"),
    "agenda": lambda language, site: path_in(language, "events:agenda"),
    "event": lambda language, site: event_path_in(language, site["workshop"]),
    "event-one-language": lambda language, site: event_path_in(language, site["french_only"]),
    "registration-done": lambda language, site: done_path_in(language, site["confirmed"]),
    "waiting-list-done": lambda language, site: done_path_in(language, site["waitlisted"]),
    "cancel-registration": lambda language, site: cancel_path_in(language, site["confirmed"]),
    "past-events": lambda language, site: path_in(language, "events:past"),
    "partners": lambda language, site: path_in(language, "partners:list"),
    "privacy": lambda language, site: path_in(language, "events:privacy"),
    "legal-notice": lambda language, site: path_in(language, "events:legal"),
    "not-found": lambda language, site: f"/{language}/no-such-page/",
}


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_has_no_serious_accessibility_violation(
    live_server, open_page, screenshot, site, name, language
):
    url = live_server.url + PAGES[name](language, site)
    for width, viewport in VIEWPORTS.items():
        page = open_page(locale=BROWSER_LOCALES[language], viewport=viewport)
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        assert_no_serious_violation(page)
        assert_fits_the_screen(page)
        screenshot(page, f"{name}-{language}-{width}")
    page = open_page(locale=BROWSER_LOCALES[language], viewport=NARROWEST)
    page.goto(url)
    assert_fits_the_screen(page)
