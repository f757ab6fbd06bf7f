"""Production mode (gunicorn, DEBUG off, hashed static files): the Content-Security-
Policy and no-store headers as a deployment sends them, and no CSP violation on the
public, login, staff and admin pages of the demo data."""

import pytest

from tests.e2e.production.test_static import fetch, first_event_with_a_form, log_in
from tests.e2e.test_csp import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.production, pytest.mark.e2e]


def watch(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return console


def violations(page, console):
    return page.evaluate("window.__cspViolations") + console


def test_headers_as_a_deployment_sends_them(production_site):
    status, headers, _body = fetch(production_site.url + "/fr/")
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "no-store" not in (headers.get("Cache-Control") or "")
    status, headers, _body = fetch(production_site.url + "/accounts/login/")
    assert status == 200
    assert "no-store" in headers["Cache-Control"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_no_violation_on_the_demo_sites_pages(production_site, browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    console = watch(page)
    try:
        for path in ("/fr/", "/de/", "/fr/evenements/", "/accounts/login/"):
            page.goto(production_site.url + path)
            page.wait_for_load_state("networkidle")
            assert violations(page, console) == [], page.url
        page.goto(first_event_with_a_form(production_site, page, "fr"))
        page.wait_for_load_state("networkidle")
        assert violations(page, console) == [], page.url

        log_in(production_site, page, "superuser", recovery=True)
        for path in (
            "/staff/",
            "/staff/check-in/",
            "/staff/people/",
            "/admin/",
            "/admin/events/event/",
            "/admin/events/event/add/",
            "/admin/beneficiaries/beneficiary/",
            "/admin/indicators/quarterlyreport/",
        ):
            response = page.goto(production_site.url + path)
            page.wait_for_load_state("networkidle")
            assert response.status == 200, path
            assert violations(page, console) == [], page.url
    finally:
        context.close()
