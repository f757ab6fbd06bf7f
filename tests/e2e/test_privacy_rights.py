"""A registrant on a phone asks for the link to their data, opens it from the email,
downloads it and erases it, in French and in German; no serious accessibility
violation on the new pages and nothing wider than the screen. The record of
processing is checked for the team the same way."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events.models import Registration
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, PHONE
from tests.factories import AttendanceFactory, EventFactory, RegistrationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = {
    "fr": {
        "email": "Adresse e-mail",
        "send": "M’envoyer le lien",
        "sent": "Consultez votre messagerie",
        "json": "Télécharger mes données (JSON, pour un ordinateur)",
        "confirm": "Je comprends que l’effacement est définitif",
        "erase": "Effacer mes données",
        "erased": "Vos données sont effacées",
    },
    "de": {
        "email": "E-Mail-Adresse",
        "send": "Link zusenden",
        "sent": "Sehen Sie in Ihrem Postfach nach",
        "json": "Meine Daten herunterladen (JSON, für einen Computer)",
        "confirm": "Mir ist bewusst, dass die Löschung endgültig ist",
        "erase": "Meine Daten löschen",
        "erased": "Ihre Daten sind gelöscht",
    },
}


def check(page):
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_request_open_download_and_erase_on_a_phone(live_server, open_page, settings, language):
    settings.SITE_URL = live_server.url
    text = TEXT[language]
    past = EventFactory(published=True, past=True, title_fr="Atelier CV", title_de="Atelier CV")
    coming = EventFactory(published=True, capacity=1)
    came = RegistrationFactory(event=past, email="mia@example.org", language=language)
    AttendanceFactory(event=past, registration=came)
    place = RegistrationFactory(event=coming, email="mia@example.org", language=language)
    waiting = RegistrationFactory(event=coming, waitlisted=True)

    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    with translation.override(language):
        page.goto(live_server.url + reverse("privacy:request"))
    assert page.locator("html").get_attribute("lang") == language
    check(page)
    page.get_by_label(text["email"]).fill("mia@example.org")
    page.get_by_role("button", name=text["send"]).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=text["sent"]).is_visible()
    check(page)

    (email,) = mail.outbox
    link = re.search(r"http://\S+/(?:mes-donnees|meine-daten)/\S+/", email.body).group(0)
    response = page.goto(link)
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    assert page.locator('meta[name="robots"]').get_attribute("content").startswith("noindex")
    assert page.get_by_text("Atelier CV").is_visible()
    check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=text["json"]).click()
    with open(download.value.path(), encoding="utf-8") as exported:
        data = json.load(exported)
    assert len(data["registrations"]) == 2

    page.get_by_label(text["confirm"]).check()
    page.get_by_role("button", name=text["erase"]).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=text["erased"]).is_visible()
    check(page)

    came.refresh_from_db()
    place.refresh_from_db()
    waiting.refresh_from_db()
    assert came.email.endswith("@anonymised.invalid")
    assert place.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert page.goto(link).status == 404


@pytest.mark.parametrize("language", ["fr", "de"])
def test_record_of_processing_at_phone_width(live_server, client, open_page, language):
    from tests.accounts import staff_member
    from tests.e2e.conftest import log_in

    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    log_in(page, client, live_server, staff_member())
    page.goto(live_server.url + "/staff/privacy/record/")
    assert page.locator("html").get_attribute("lang") == language
    check(page)
