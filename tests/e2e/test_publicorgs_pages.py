"""The employers, practices and impact pages in a real browser: axe-core finds no
serious or critical violation in French and German, at phone and desktop width, and
they reflow at 320 pixels (screenshots in test-artifacts/)."""

import copy
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, EventOrganisation
from indicators import snapshots, values
from indicators.models import Programme
from indicators.quarters import PARIS, Quarter
from practices import links as practice_links
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, DESKTOP, PHONE
from tests.factories import EventFactory, EventOrganisationFactory, QuarterlyReportFactory
from tests.practices.factories import PracticeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
NARROWEST = {"width": 320, "height": 640}


def _published_report(programme, quarter, now, **figures):
    period = values.quarter_period(programme, quarter, now=now)
    quarters = values.trend_quarters(programme, quarter, now=now)
    snapshot = snapshots.build_snapshot(
        programme, quarter, period=period, trend_quarters=quarters, as_of=now
    )
    snapshot = copy.deepcopy(snapshot)
    snapshot["key_figures"].update(figures)
    snapshot["outcomes"]["totals"].update(job=12, training=3, business_creation=6)
    return QuarterlyReportFactory(
        programme=programme,
        year=quarter.year,
        quarter=quarter.number,
        snapshot=snapshot,
        published=True,
    )


@pytest.fixture
def site():
    now = timezone.now()
    for number, event_format in enumerate(
        [Event.Format.EMPLOYER_AFTERWORK, Event.Format.COMPANY_VISIT], start=1
    ):
        event = EventFactory(
            published=True,
            format=event_format,
            start=now + datetime.timedelta(days=3 * number),
            end=now + datetime.timedelta(days=3 * number, hours=2),
        )
        EventOrganisationFactory(event=event, role=EventOrganisation.Role.HOST)
    french_only = PracticeFactory(
        french_only=True,
        title_fr="Un rallye pour l’emploi",
        results_fr="Vingt personnes en emploi.",
        other_partners="CREPI Lorraine",
    )
    programme = Programme.objects.get(code="interreg-lieu-ressource")
    after = datetime.datetime(2025, 10, 2, 9, tzinfo=PARIS)
    _published_report(
        programme, Quarter(2025, 2), after, events_held=9, unique_participants=40, participations=61
    )
    _published_report(
        programme, Quarter(2025, 3), after, events_held=14, unique_participants=3, participations=70
    )
    return {
        "practice": PracticeFactory(title_fr="Café contact", title_de="Kontaktcafé"),
        "french_only": french_only,
    }


def path_in(language, name):
    with translation.override(language):
        return reverse(name)


def practice_in(language, practice):
    with translation.override(language):
        return practice_links.practice_path(practice)


PAGES = {
    "employers": lambda language, site: path_in(language, "partners:employers"),
    "practices": lambda language, site: path_in(language, "practices:list"),
    "practice": lambda language, site: practice_in(language, site["practice"]),
    "practice-one-language": lambda language, site: practice_in(language, site["french_only"]),
    "impact": lambda language, site: path_in(language, "impact:page"),
}


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("name", list(PAGES))
def test_new_public_page_has_no_serious_accessibility_violation(
    live_server, open_page, screenshot, site, name, language
):
    url = live_server.url + PAGES[name](language, site)
    for width, viewport in VIEWPORTS.items():
        page = open_page(locale=BROWSER_LOCALES[language], viewport=viewport)
        response = page.goto(url)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        assert_no_serious_violation(page)
        assert_fits_the_screen(page)
        screenshot(page, f"{name}-{language}-{width}")
    page = open_page(locale=BROWSER_LOCALES[language], viewport=NARROWEST)
    page.goto(url)
    assert_fits_the_screen(page)


def test_filtering_practices_on_a_phone_lands_on_the_results(live_server, open_page, site):
    page = open_page(locale="de-DE", viewport=PHONE)
    page.goto(live_server.url + path_in("de", "practices:list"))
    page.select_option("#id_territory", "Strasbourg – Hautepierre")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("#results")
    assert page.locator("#results").is_visible()
    box = page.locator("#results").bounding_box()
    # Scrolled to the heading (to a fraction of a pixel).
    assert -1 < box["y"] < PHONE["height"]
