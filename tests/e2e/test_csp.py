"""The Content-Security-Policy in a real browser: Chromium reports no violation on the
public, login, staff and admin pages, with their scripts run and their widgets opened
(the admin's language tabs, date pickers and autocomplete lists).

A violation shows twice: as a `securitypolicyviolation` event in the page (collected
by a script Playwright injects, which the policy does not govern) and as a console
message "Refused to …"; both are collected."""

import pytest
from django.urls import reverse
from django.utils import translation

from events import links, tokens
from tests.accounts import committee_member, staff_member
from tests.e2e.conftest import DESKTOP, PHONE, log_in
from tests.factories import BeneficiaryFactory, EventFactory, RegistrationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || document.location.href}:${event.lineNumber} ` +
    `(${event.sample})`
  );
});
"""


@pytest.fixture
def watched_page(open_page):
    """A page whose CSP violations (events and console messages) are collected."""

    def watched_page(locale="fr-FR", viewport=DESKTOP):
        page = open_page(locale=locale, viewport=viewport)
        page.add_init_script(COLLECT_VIOLATIONS)
        page.csp_console = []
        page.on(
            "console",
            lambda message: (
                page.csp_console.append(message.text)
                if "Content Security Policy" in message.text or "Refused to" in message.text
                else None
            ),
        )
        return page

    return watched_page


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "Content-Security-Policy" in {name.title() for name in response.headers}, url
    page.wait_for_load_state("networkidle")


def assert_no_violation(page):
    violations = page.evaluate("window.__cspViolations") + page.csp_console
    assert violations == [], f"CSP violations on {page.url}:\n" + "\n".join(violations)


@pytest.fixture
def world():
    event = EventFactory(published=True, title_fr="Atelier CV allemand")
    registration = RegistrationFactory(event=event, first_name="Léa", last_name="Martin")
    staff = staff_member(first_name="Anna", last_name="Schmitt")
    person = BeneficiaryFactory(referent=staff, first_name="Jonas", last_name="Keller")
    return {"event": event, "registration": registration, "staff": staff, "person": person}


def public_paths(world):
    event, registration = world["event"], world["registration"]
    with translation.override("fr"):
        fr = [
            reverse("events:home"),
            reverse("events:agenda"),
            links.event_path(event),
            links.done_path(registration),
            reverse("events:cancel", kwargs={"token": tokens.cancel_token(registration)}),
            reverse("partners:list"),
            "/fr/n-existe-pas/",
        ]
    with translation.override("de"):
        de = [reverse("events:home"), links.event_path(event)]
    return fr + de


def test_public_pages_report_no_violation(live_server, watched_page, world):
    for viewport in (PHONE, DESKTOP):
        page = watched_page(viewport=viewport)
        for path in public_paths(world):
            page.goto(live_server.url + path)  # the 404 page answers 404
            page.wait_for_load_state("networkidle")
            assert_no_violation(page)


def test_login_pages_report_no_violation(live_server, watched_page):
    page = watched_page()
    for path in ("/accounts/login/", "/accounts/password/reset/"):
        visit(page, live_server.url + path)
        assert_no_violation(page)
    # A failed attempt shows the form again, with its error.
    page.fill("input[name=email]", "nobody@example.org")
    page.locator("form[action$='/password/reset/'] [type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert_no_violation(page)


def test_logging_in_and_setting_up_a_second_factor_report_no_violation(live_server, watched_page):
    staff_member(second_factor=False, email="new@example.org")  # password: a-long-password-1
    page = watched_page()
    visit(page, live_server.url + "/accounts/login/")
    page.fill("input[name=login]", "new@example.org")
    page.fill("input[name=password]", "a-long-password-1")
    page.locator("form[action$='/accounts/login/'] [type=submit]").click()
    page.wait_for_load_state("networkidle")
    # The team must set up a second factor first: the page shows a QR code.
    assert "/accounts/2fa/totp/activate/" in page.url
    assert page.locator("img").count() >= 1
    assert_no_violation(page)


def test_staff_pages_report_no_violation(live_server, client, watched_page, world):
    page = watched_page(viewport=PHONE)
    log_in(page, client, live_server, world["staff"])
    event = world["event"]
    for path in (
        reverse("staff_dashboard"),
        reverse("staff_events:events"),
        reverse("staff_events:check_in", args=[event.pk]),
        reverse("beneficiaries:caseload"),
        reverse("beneficiaries:dropout_risks"),
        reverse("beneficiaries:person", args=[world["person"].pk]),
        "/accounts/2fa/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/logout/",
    ):
        visit(page, live_server.url + path)
        assert_no_violation(page)


def test_committee_pages_report_no_violation(live_server, client, watched_page):
    page = watched_page()
    log_in(page, client, live_server, committee_member())
    for language in ("fr", "de"):
        with translation.override(language):
            visit(page, live_server.url + reverse("indicators:committee"))
        assert_no_violation(page)


def test_admin_pages_report_no_violation(live_server, client, watched_page, world):
    page = watched_page()
    log_in(page, client, live_server, world["staff"])
    event, person = world["event"], world["person"]
    for path in (
        "/admin/",
        "/admin/events/event/",
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/events/event/{event.pk}/delete/",
        f"/admin/events/event/{event.pk}/history/",
        "/admin/events/venue/add/?_popup=1",
        "/admin/events/registration/",
        f"/admin/events/registration/{world['registration'].pk}/change/",
        "/admin/beneficiaries/beneficiary/",
        f"/admin/beneficiaries/beneficiary/{person.pk}/change/",
        f"/admin/beneficiaries/beneficiary/{person.pk}/history/",
        "/admin/beneficiaries/beneficiary/import/",
        "/admin/beneficiaries/beneficiary/export/",
        "/admin/indicators/quarterlyreport/",
    ):
        visit(page, live_server.url + path)
        assert_no_violation(page)

    # The event form's widgets at work: language tabs, a date picker, an autocomplete.
    visit(page, live_server.url + "/admin/events/event/add/")
    page.locator(".ui-tabs-nav a").last.click()
    page.locator(".datetimeshortcuts a").first.click()
    page.locator(".select2-selection").first.click()
    page.wait_for_load_state("networkidle")
    assert_no_violation(page)
