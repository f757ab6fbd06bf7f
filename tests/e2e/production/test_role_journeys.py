"""Each demo role's journey on the site in production mode (gunicorn, DEBUG off,
PostgreSQL, a real worker; see conftest.py): log in from /accounts/login/ and from
/admin/, land on its own space, open the pages it may, get the styled 403 page on
two it may not, log out. Accounts that see personal data pass the second factor
(REQUIRE_STAFF_MFA is on in production) with a TOTP code from their authenticator,
which the fixture sets up as the owner would at the first login. Screenshots of each
landing page at phone and desktop width go to test-artifacts/."""

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.production.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.production, pytest.mark.e2e]

LOGIN = "/accounts/login/"
SECOND_FACTOR = "/accounts/2fa/authenticate/"

# role (as in site.accounts) -> its space, the pages it may open, two it may not.
JOURNEYS = {
    "staff": {
        "space": "/staff/",
        "may": [
            "/staff/check-in/",
            "/staff/people/",
            "/staff/people/dropout-risks/",
            "/admin/",
            "/admin/events/event/",
            "/fr/comite/",
        ],
        "may_not": ["/admin/django_celery_beat/periodictask/", "/admin/mfa/authenticator/"],
    },
    "partner_referent": {
        "space": "/staff/people/",
        "may": ["/staff/people/dropout-risks/", "/fr/", "/accounts/2fa/"],
        "may_not": ["/staff/check-in/", "/admin/"],
    },
    "committee": {
        "space": "/fr/comite/",
        "may": ["/fr/", "/accounts/password/change/"],
        "may_not": ["/staff/people/", "/admin/"],
    },
    # A superuser may open every page: the two refused to the team open for it.
    "superuser": {
        "space": "/staff/",
        "may": [
            "/staff/check-in/",
            "/admin/",
            "/admin/django_celery_beat/periodictask/",
            "/admin/mfa/authenticator/",
        ],
        "may_not": [],
    },
}
SEES_PERSONAL_DATA = {"staff", "partner_referent", "superuser"}
# What the 403 page says each role can do, in French (the browser's language).
CAN_DO = {
    "staff": "fait partie de l’équipe du centre",
    "partner_referent": "vous suivez les personnes que votre organisation oriente",
    "committee": "vous lisez les rapports trimestriels publiés",
}


def goto_styled(page, url):
    """Open `url`; check that every stylesheet it links came back as CSS. Returns the
    HTTP status of the page (after redirects)."""
    sheets = {}

    def keep(response):
        if response.request.resource_type == "stylesheet":
            sheets[response.url] = response

    page.on("response", keep)
    try:
        response = page.goto(url)
        page.wait_for_load_state("load")
    finally:
        page.remove_listener("response", keep)
    links = page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.href)")
    assert links, f"{page.url} links no stylesheet"
    for href in links:
        assert href in sheets and sheets[href].status == 200, f"{page.url}: {href} not loaded"
        assert sheets[href].headers["content-type"].startswith("text/css")
    return response.status


def log_in(page, site, role, start):
    """From `start`, through the login form (and the second factor), to wherever the
    site sends the account."""
    email = site.accounts[role]
    # Set up before the first login, as its owner would (see production_site).
    factor = site.second_factor(email) if role in SEES_PERSONAL_DATA else None
    assert goto_styled(page, site.url + start) == 200
    assert page.url.startswith(site.url + LOGIN), page.url
    page.fill("#id_login", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("load")
    if role in SEES_PERSONAL_DATA:
        assert page.url == site.url + SECOND_FACTOR, page.url
        page.fill("#id_code", factor.totp())
        page.click("main form button[type=submit]")
        page.wait_for_load_state("load")
    else:
        assert SECOND_FACTOR not in page.url


def log_out(page, site):
    page.locator(".account-bar__logout button").first.click()
    page.wait_for_load_state("load")
    assert page.url == site.url + LOGIN
    assert page.locator(".notice").first.inner_text().strip() == "Vous êtes déconnecté·e."


@pytest.mark.parametrize("role", JOURNEYS)
def test_role_journey(production_site, open_page, screenshot, role):
    site = production_site
    journey = JOURNEYS[role]
    page = open_page(locale="fr-FR", viewport=DESKTOP)

    # 1. From the allauth login: straight to its space.
    log_in(page, site, role, LOGIN)
    assert page.url == site.url + journey["space"], site.log("web")[-2000:]
    assert page.locator(".account-bar").first.is_visible()
    assert page.locator(f'.account-bar a[href="{journey["space"]}"]').count() == 1
    screenshot(page, f"journey-{role}-landing-desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    screenshot(page, f"journey-{role}-landing-phone")
    page.set_viewport_size(DESKTOP)

    # 2. The pages it may open, styled.
    for path in journey["may"]:
        assert goto_styled(page, site.url + path) == 200, path
        assert page.url == site.url + path, (path, page.url)

    # 3. Two it may not: our 403 page, styled, saying what it can do and where to go.
    for path in journey["may_not"]:
        assert goto_styled(page, site.url + path) == 403, path
        main = page.locator("main").inner_text()
        assert "Cette page n’est pas ouverte à votre compte" in main
        assert CAN_DO[role] in main
        assert page.locator(f'main a[href="{journey["space"]}"]').count() == 1
        assert page.locator(".account-bar").first.is_visible()
    if journey["may_not"]:
        screenshot(page, f"journey-{role}-403-desktop")

    # 4. Log out: back on the login page, the space closed again.
    goto_styled(page, site.url + journey["space"])
    log_out(page, site)
    goto_styled(page, site.url + journey["space"])
    assert page.url.startswith(site.url + LOGIN)

    # 5. From the admin: the same login, the same space, no loop.
    log_in(page, site, role, "/admin/")
    assert page.url == site.url + journey["space"], page.url
    log_out(page, site)


def test_the_landing_pages_name_the_account(production_site, open_page):
    """The header says who is logged in, by name (the committee's demo account)."""
    site = production_site
    page = open_page(locale="de-DE", viewport=PHONE)
    log_in(page, site, "committee", LOGIN)
    assert re.search(r"/de/[^/]+/$", page.url), page.url
    assert "Angemeldet: Claire Comité" in page.locator(".account-bar").inner_text()
    assert page.locator("html").get_attribute("lang") == "de"


FIRST_STAFF_WITHOUT_JOURNEY = """
from django.contrib.auth import get_user_model
users = get_user_model().objects.filter(is_staff=True, is_superuser=False, groups__name="équipe")
print(users.order_by("-pk").first().email)
"""


def code_for(secret):
    """The code an authenticator app shows now for `secret` (allauth's own TOTP)."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_a_first_login_sets_up_the_second_factor_then_reaches_the_dashboard(
    production_site, open_page, screenshot
):
    """A team member with no authenticator yet: the password opens the TOTP set-up
    (personal data needs a second factor), the code from the key shown there
    completes it, the recovery codes follow, and the dashboard is one link away."""
    site = production_site
    email = site.manage("shell", "-c", FIRST_STAFF_WITHOUT_JOURNEY).stdout.strip().splitlines()[-1]
    assert email != site.accounts["staff"]
    page = open_page(locale="de-DE", viewport=PHONE)
    goto_styled(page, site.url + LOGIN)
    page.fill("#id_login", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("load")
    assert page.url.startswith(site.url + "/accounts/2fa/totp/activate/"), page.url
    assert page.locator("html").get_attribute("lang") == "de"
    screenshot(page, "journey-first-login-totp-set-up-phone")
    secret = page.locator("code.secret").inner_text().strip()
    page.fill("#id_code", code_for(secret))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("load")
    assert page.url == site.url + "/accounts/2fa/recovery-codes/", page.url
    assert page.locator(".recovery-codes code").count() >= 1
    page.locator('.account-bar a[href="/staff/"]').click()
    page.wait_for_load_state("load")
    assert page.url == site.url + "/staff/"
    assert page.locator("h1").inner_text() == "Übersicht"
