"""Phone-first flows in Chromium at phone width, without JavaScript on our side: a
failed registration comes back with its error summary focused and in view, the
agenda's filtered results are in view, the link near the top reaches the form; axe
finds no serious or critical violation on the new pages (accessibility statement,
legal notice, event pages with directions and contact, every registration state) in
French and German."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import links
from events.models import Event, Registration, Venue
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, PHONE
from tests.factories import EventFactory, RegistrationFactory, VenueFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def in_days(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def path_in(language, name):
    with translation.override(language):
        return reverse(name)


def event_path_in(language, event):
    with translation.override(language):
        return links.event_path(event)


def in_view(page, selector):
    """Whether the element's box lies (at least partly) inside the viewport."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.bottom > 0 && box.top < window.innerHeight;
        }""",
        selector,
    )


@pytest.fixture
def workshop():
    return EventFactory(
        published=True,
        title_fr="Atelier CV allemand",
        title_de="Workshop deutscher Lebenslauf",
        description_fr="Apportez votre CV.\n\n" * 12,
        description_de="Bringen Sie Ihren Lebenslauf mit.\n\n" * 12,
        start=in_days(10, 14),
        end=in_days(10, 16),
        venue=Venue.objects.get(is_centre=True),
        capacity=12,
    )


@pytest.mark.parametrize("language", ["fr", "de"])
def test_failed_registration_leaves_the_error_summary_focused_and_in_view(
    live_server, open_page, screenshot, workshop, language
):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    page.goto(live_server.url + event_path_in(language, workshop))
    # The link near the top leads to the form, far below on a phone.
    assert in_view(page, ".register-link a")
    assert not in_view(page, "#register")
    page.locator(".register-link a").click()
    assert in_view(page, "#register")

    form = page.locator("form[method=post]")
    form.locator("#id_first_name").fill("Ada")
    form.locator("#id_email").fill("not an address")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    assert not Registration.objects.exists()
    assert page.evaluate("document.activeElement.id") == "errors"
    assert in_view(page, "#errors")
    assert page.title().startswith({"fr": "Erreur : ", "de": "Fehler: "}[language])
    # What the person typed is kept, and the summary's links reach the fields.
    assert form.locator("#id_first_name").input_value() == "Ada"
    page.locator("#errors a[href='#id_email']").click()
    assert in_view(page, "#id_email")
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)
    screenshot(page, f"registration-errors-focused-{language}-phone")


@pytest.mark.parametrize("language", ["fr", "de"])
def test_filtered_agenda_results_are_in_view(live_server, open_page, screenshot, language):
    for days in range(1, 8):
        EventFactory(published=True, start=in_days(days, 10), end=in_days(days, 12))
    EventFactory(
        published=True,
        format=Event.Format.COMPANY_VISIT,
        start=in_days(9, 10),
        end=in_days(9, 12),
    )
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    page.goto(live_server.url + path_in(language, "events:agenda"))
    page.locator("#id_format").select_option(Event.Format.COMPANY_VISIT)
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url.endswith("#results")
    assert f"format={Event.Format.COMPANY_VISIT}" in page.url
    assert in_view(page, "#results")
    assert page.locator(".event-list > li").count() == 1
    assert in_view(page, ".event-list > li")
    assert_no_serious_violation(page)
    screenshot(page, f"agenda-filtered-{language}-phone")


@pytest.fixture
def every_state():
    """One event in each registration state the public pages show, one held elsewhere
    with its directions."""
    now = timezone.now()
    centre = Venue.objects.get(is_centre=True)
    elsewhere = VenueFactory(
        name="Hochschule Offenburg",
        city="Offenburg",
        directions_fr="Depuis Strasbourg : train TER jusqu'à Offenburg, puis bus 7.",
        directions_de="Ab Straßburg: Regionalzug nach Offenburg, dann Bus 7.",
    )
    base = {"published": True, "venue": centre}
    full = EventFactory(**base, capacity=1, start=in_days(3, 10), end=in_days(3, 12))
    RegistrationFactory(event=full)
    return [
        EventFactory(**base, start=in_days(2, 10), end=in_days(2, 12), capacity=5),
        full,
        EventFactory(
            **base,
            start=in_days(4, 10),
            end=in_days(4, 12),
            registration_opens=now + datetime.timedelta(days=2),
        ),
        EventFactory(**base, start=in_days(5, 10), end=in_days(5, 12), registration_closes=now),
        EventFactory(
            **base,
            start=now - datetime.timedelta(hours=1),
            end=now + datetime.timedelta(hours=2),
        ),
        EventFactory(cancelled=True, venue=centre, start=in_days(6, 10), end=in_days(6, 12)),
        EventFactory(**base, capacity=0, start=in_days(7, 10), end=in_days(7, 12)),
        EventFactory(
            published=True,
            venue=elsewhere,
            outside_centre=True,
            format=Event.Format.COMPANY_VISIT,
            start=in_days(8, 9),
            end=in_days(8, 12),
        ),
    ]


@pytest.mark.parametrize("language", ["fr", "de"])
def test_new_pages_have_no_serious_accessibility_violation(
    live_server, open_page, screenshot, every_state, language
):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    paths = [
        path_in(language, "events:accessibility"),
        path_in(language, "events:legal"),
        path_in(language, "events:home"),
        path_in(language, "events:agenda"),
        *(event_path_in(language, event) for event in every_state),
    ]
    for path in paths:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language
        assert_no_serious_violation(page)
        assert_fits_the_screen(page)
    page.goto(live_server.url + path_in(language, "events:accessibility"))
    screenshot(page, f"accessibility-statement-{language}-phone")
