"""A partner referent refers a person of their caseload from a phone: sent without the
consent, the page comes back on the error summary, in view and focused, with what
was typed; then sent again, with JavaScript off, it reaches the receiving partner."""

import pytest
from django.core import mail
from django.urls import reverse

from referrals.models import Referral
from tests.accounts import partner_referent
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, PHONE, log_in
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEND = {"fr": "Envoyer l'orientation", "de": "Vermittlung senden"}


def _in_view(page, selector):
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.parametrize("language", ["fr", "de"])
def test_partner_refers_a_person_from_a_phone(
    live_server, client, browser, open_page, screenshot, language
):
    mission_locale = OrganisationFactory(name="Mission locale Test")
    spt = OrganisationFactory(name="SPT Kehl (Test)", german=True)
    ContactFactory(organisation=spt, email="spt@example.de")
    referent = partner_referent(mission_locale)
    person = BeneficiaryFactory(referring_organisation=mission_locale)
    url = live_server.url + reverse("referrals:refer", args=[person.pk])

    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    log_in(page, client, live_server, referent)
    page.goto(live_server.url + reverse("beneficiaries:person", args=[person.pk]))
    page.locator(f'a[href="{reverse("referrals:refer", args=[person.pk])}"]').click()
    page.wait_for_load_state()
    assert page.url == url
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)
    screenshot(page, f"referral-send-{language}-phone")

    page.get_by_label(
        "Structure d’accueil" if language == "fr" else "Aufnehmende Organisation", exact=False
    ).first.select_option(str(spt.pk))
    page.fill("#id_reason", "Projet de travail en Allemagne")
    page.fill("#id_looking_for", "Un poste de soudeur")
    page.check("#id_shared_fields_0")
    page.get_by_role("button", name=SEND[language]).click()
    page.wait_for_load_state()

    # No consent: refused, the summary in view and focused, what was typed kept.
    assert not Referral.objects.exists()
    assert _in_view(page, "#errors")
    assert page.evaluate("document.activeElement.id") == "errors"
    assert page.locator("#id_reason").input_value() == "Projet de travail en Allemagne"
    assert page.locator("#id_shared_fields_0").is_checked()
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)
    screenshot(page, f"referral-send-error-{language}-phone")

    # The same form with JavaScript off.
    context = browser.new_context(
        locale=BROWSER_LOCALES[language], viewport=PHONE, java_script_enabled=False
    )
    try:
        plain = context.new_page()
        log_in(plain, client, live_server, referent)
        plain.goto(url)
        plain.locator("#id_receiving_organisation").select_option(str(spt.pk))
        plain.fill("#id_reason", "Projet de travail en Allemagne")
        plain.fill("#id_looking_for", "Un poste de soudeur")
        plain.check("#id_shared_fields_0")
        plain.check("#id_consent")
        plain.get_by_role("button", name=SEND[language]).click()
        plain.wait_for_load_state()
        assert plain.url == live_server.url + reverse("referrals:timeline", args=[person.pk])
        assert plain.get_by_role("status").is_visible()
    finally:
        context.close()
    referral = Referral.objects.get()
    assert (referral.sending_organisation, referral.receiving_organisation) == (mission_locale, spt)
    assert referral.shared_fields == ["name"]
    assert [message.to for message in mail.outbox] == [["spt@example.de"]]
