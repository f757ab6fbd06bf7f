"""The staff pages in a real browser at phone width, in French and German: axe-core
finds no serious or critical violation and nothing is wider than the screen
(screenshots in test-artifacts/)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import ContactNote
from tests.accounts import staff_member
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, PHONE, log_in
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    OutcomeFactory,
    PathwayFactory,
    RegistrationFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def desk():
    """A team member following two people, one of them quiet for ten weeks, and an
    event today with a registration, a person waiting and a walk-in."""
    staff = staff_member(first_name="Anna", last_name="Schmitt")
    today = timezone.localdate()
    lea = BeneficiaryFactory(referent=staff, first_name="Léa", last_name="Martin", qpv=True)
    PathwayFactory(beneficiary=lea)
    OutcomeFactory(beneficiary=lea, job_in_germany=True)
    ContactNote.objects.create(
        beneficiary=lea, date=today, channel="phone", text="Relance CV", author=staff
    )
    quiet = BeneficiaryFactory(referent=staff, first_name="Jonas", last_name="Keller")
    PathwayFactory(beneficiary=quiet, start_date=today - datetime.timedelta(weeks=10))
    start = timezone.now() + datetime.timedelta(hours=1)
    event = EventFactory(
        published=True,
        title_fr="Job dating franco-allemand",
        title_de="Deutsch-französisches Jobdating",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    RegistrationFactory(event=event, beneficiary=lea, first_name="Léa", last_name="Martin")
    RegistrationFactory(event=event, waitlisted=True)
    walk_in = AttendanceFactory(walk_in=True, event=event, walk_in_name="Léa Martin")
    return {"staff": staff, "lea": lea, "event": event, "walk_in": walk_in}


PAGES = {
    "check-in-events": lambda desk: reverse("staff_events:events"),
    "check-in": lambda desk: reverse("staff_events:check_in", args=[desk["event"].pk]),
    "check-in-link": lambda desk: reverse(
        "staff_events:link", args=[desk["event"].pk, desk["walk_in"].pk]
    ),
    "caseload": lambda desk: reverse("beneficiaries:caseload"),
    "dropout-risks": lambda desk: reverse("beneficiaries:dropout_risks"),
    "person": lambda desk: reverse("beneficiaries:person", args=[desk["lea"].pk]),
}


@pytest.mark.parametrize("language", BROWSER_LOCALES)
@pytest.mark.parametrize("name", PAGES)
def test_staff_page_has_no_serious_accessibility_violation(
    live_server, client, open_page, screenshot, desk, name, language
):
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    log_in(page, client, live_server, desk["staff"])
    response = page.goto(live_server.url + PAGES[name](desk))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)
    screenshot(page, f"staff-{name}-{language}-phone")
