"""The check-in page in a real browser at phone width: mark someone present, add a
walk-in, with no serious accessibility violation. Buttons are found by what they do
(their form and value), not by their words, so that the test holds in French and
German."""

import pytest

from events.models import Attendance
from tests.accounts import staff_member
from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import PHONE, log_in
from tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_door_check_in_on_a_phone(live_server, client, open_page, screenshot):
    event = EventFactory(published=True, title_fr="Job dating franco-allemand")
    lea = RegistrationFactory(event=event, first_name="Léa", last_name="Martin")
    RegistrationFactory(event=event, first_name="Paul", last_name="Durand")
    RegistrationFactory(event=event, waitlisted=True, first_name="Jonas", last_name="Keller")
    page = open_page(locale="fr-FR", viewport=PHONE)
    log_in(page, client, live_server, staff_member())

    page.goto(f"{live_server.url}/staff/check-in/{event.pk}/")
    assert page.locator("h1").inner_text() == "Job dating franco-allemand"
    assert page.locator("html").get_attribute("lang") == "fr"
    # One column on a phone: nothing wider than the screen.
    assert_fits_the_screen(page)

    row = page.locator(f"#registration-{lea.pk}")
    present = row.locator("button[name=present][value='1']")
    assert present.get_attribute("aria-pressed") == "false"
    present.click()
    page.wait_for_load_state()
    row = page.locator(f"#registration-{lea.pk}")
    assert row.locator("button[name=present][value='1']").get_attribute("aria-pressed") == "true"
    assert Attendance.objects.get(registration=lea).present

    page.fill("input[name=name]", "Anna Weiß")
    page.locator("form[action$='/walk-ins/'] button[type=submit]").click()
    page.wait_for_load_state()
    walk_in = Attendance.objects.get(event=event, registration__isnull=True)
    assert walk_in.walk_in_name == "Anna Weiß"
    assert page.locator(f"#attendance-{walk_in.pk}").inner_text().startswith("Anna Weiß")
    assert page.locator("#counts strong").inner_text() == "2"
    assert_no_serious_violation(page)
    screenshot(page, "check-in-phone")


def test_big_event_search_everyone_present_and_undo_on_a_phone(
    live_server, client, open_page, screenshot
):
    event = EventFactory(published=True, title_fr="Afterwork employeurs")
    muller = RegistrationFactory(event=event, first_name="Jürgen", last_name="Müller")
    others = [
        RegistrationFactory(event=event, first_name=f"Personne{n}", last_name=f"Nom{n}")
        for n in range(5)
    ]
    page = open_page(locale="de-DE", viewport=PHONE)
    log_in(page, client, live_server, staff_member())
    page.goto(f"{live_server.url}/staff/check-in/{event.pk}/")

    # The search is a plain form: typed, sent, the list holds only the match.
    page.fill("input#id_q", "muller")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("input#id_q").input_value() == "muller"
    assert page.locator(f"#registration-{muller.pk}").is_visible()
    assert page.locator(f"#registration-{others[0].pk}").count() == 0
    assert_fits_the_screen(page)

    # One tap in the search comes back to it.
    page.locator(f"#registration-{muller.pk} button[name=present][value='0']").click()
    page.wait_for_load_state()
    assert page.locator("input#id_q").input_value() == "muller"
    assert not Attendance.objects.get(registration=muller).present

    page.goto(f"{live_server.url}/staff/check-in/{event.pk}/")
    page.locator("form[action$='/all-present/'] button").click()
    page.wait_for_load_state()
    assert Attendance.objects.filter(present=True).count() == 5
    assert page.locator("#counts strong").inner_text() == "5"
    for registration in others:
        row = page.locator(f"#registration-{registration.pk}")
        assert row.locator("button[value='1']").get_attribute("aria-pressed") == "true"
    # Every row keeps its parts at the same place, marked present, absent or not.
    boxes = [
        page.locator(f"#registration-{r.pk} .toggle--present").bounding_box()["x"]
        for r in [muller, *others]
    ]
    assert len(set(boxes)) == 1
    assert_fits_the_screen(page)
    screenshot(page, "check-in-all-present-phone")

    page.locator("form[action$='/undo/'] button").click()
    page.wait_for_load_state()
    assert Attendance.objects.filter(present=True).count() == 0
    assert not Attendance.objects.get(registration=muller).present  # kept as it was
    assert page.locator("#counts strong").inner_text() == "0"
    assert page.locator("form[action$='/undo/']").count() == 0
    assert_no_serious_violation(page)
