"""A person's outcome form in a real browser at phone width: sent with an error, the
page comes back on the error summary, in view and focused; the employer is typed
with the browser's suggestions."""

import pytest
from django.urls import reverse

from beneficiaries.models import Outcome
from tests.accounts import staff_member
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import PHONE, log_in
from tests.factories import BeneficiaryFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _in_view(page, selector):
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.parametrize("locale", ["fr-FR", "de-DE"])
def test_outcome_error_is_in_view_and_focused_on_a_phone(
    live_server, client, open_page, screenshot, locale
):
    staff = staff_member()
    person = BeneficiaryFactory(referent=staff)
    OrganisationFactory(name="Rheinwerk Kehl GmbH", kind="company")
    page = open_page(locale=locale, viewport=PHONE)
    log_in(page, client, live_server, staff)
    page.goto(live_server.url + reverse("beneficiaries:person", args=[person.pk]))

    page.locator("#outcome-form > summary").click()
    page.select_option("#id_outcome-kind", "job")
    page.select_option("#id_outcome-country", "DE")
    page.fill("#id_outcome-employer_name", "Rheinwerk Kehl GmbH")
    # A job with no contract type: refused.
    page.locator("#outcome-form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.locator("#outcome-errors").is_visible()
    assert _in_view(page, "#outcome-errors")
    assert page.evaluate("document.activeElement.id") == "outcome-errors"
    # What was typed is kept.
    assert page.locator("#id_outcome-employer_name").input_value() == "Rheinwerk Kehl GmbH"
    assert not Outcome.objects.exists()
    assert_fits_the_screen(page)
    assert_no_serious_violation(page)
    screenshot(page, f"outcome-error-phone-{locale}")

    page.select_option("#id_outcome-contract", "cdi")
    page.locator("#outcome-form button[type=submit]").click()
    page.wait_for_load_state()
    assert Outcome.objects.get().employer.name == "Rheinwerk Kehl GmbH"
