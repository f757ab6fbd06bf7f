"""A partner referent in Kehl opens the referral from the email's link on a phone,
accepts it naming themselves as referent, then records its result; in German, with
no serious accessibility violation and nothing wider than the screen."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from referrals.models import Referral
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import PHONE
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory
from tests.referrals.helpers import send

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_partner_accepts_from_the_email_link_and_records_the_result(
    live_server, open_page, screenshot, settings
):
    settings.SITE_URL = live_server.url
    spt = OrganisationFactory(name="Service de Placement Transfrontalier", german=True)
    jana = ContactFactory(
        organisation=spt, first_name="Jana", last_name="Weber", email="jana@example.de"
    )
    person = BeneficiaryFactory(first_name="Léa", last_name="Martin")
    referral = send(person, spt, shared=("name", "german_level"))

    (email,) = mail.outbox
    link = re.search(r"http://\S+/de/vermittlung/\S+/", email.body).group(0)
    page = open_page(locale="de-DE", viewport=PHONE)
    response = page.goto(link)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_text("Léa Martin").is_visible()
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)
    screenshot(page, "referral-link-answer-de-phone")

    page.get_by_label("Wir nehmen an: Wir begleiten die Person").check()
    page.get_by_label("Ansprechperson in Ihrer Organisation").select_option(str(jana.pk))
    page.get_by_role("button", name="Antwort senden").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").is_visible()
    referral.refresh_from_db()
    assert (referral.state, referral.receiving_referent) == (Referral.State.ACCEPTED, jana)
    assert_fits_the_screen(page)
    screenshot(page, "referral-link-result-de-phone")

    today = timezone.localdate()
    page.locator("#id_result").select_option("started_support")
    page.get_by_label("Datum des Ergebnisses").fill(today.isoformat())
    page.get_by_role("button", name="Ergebnis speichern").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Vielen Dank").is_visible()
    referral.refresh_from_db()
    assert (referral.result, referral.result_date) == ("started_support", today)
    # The link has done its work: opened again, it explains that it is no longer valid.
    assert page.goto(link).status == 404


@pytest.mark.parametrize("language", ["fr", "de"])
def test_referent_portal_pages_at_phone_width(live_server, client, open_page, screenshot, language):
    from django.urls import reverse

    from referrals import services
    from tests.accounts import partner_referent
    from tests.e2e.conftest import BROWSER_LOCALES, log_in

    spt = OrganisationFactory(name="Service de Placement Transfrontalier", german=True)
    referent = partner_referent(spt, first_name="Jana", last_name="Weber")
    waiting = send(BeneficiaryFactory(first_name="Léa", last_name="Martin"), spt, shared=("name",))
    accepted = send(BeneficiaryFactory(), spt)
    services.accept_referral(accepted, referent.partner_contact, channel="portal")
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    log_in(page, client, live_server, referent)
    pages = {
        "list": reverse("referrals:list"),
        "detail": reverse("referrals:detail", args=[waiting.pk]),
        "timeline": reverse("referrals:timeline", args=[accepted.beneficiary.pk]),
    }
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == language
        assert_no_serious_violation(page)
        assert_fits_the_screen(page)
        screenshot(page, f"referrals-{name}-{language}-phone")
