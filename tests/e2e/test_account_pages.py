"""The login, password and two-factor pages, the 403 page and the team's dashboard
in a real browser at phone width, in French and German: axe-core finds no serious or
critical violation and nothing is wider than the screen (screenshots in
test-artifacts/)."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.urls import reverse

from tests.e2e.accessibility import assert_fits_the_screen, assert_no_serious_violation
from tests.e2e.conftest import BROWSER_LOCALES, DESKTOP, PHONE
from tests.test_front_doors import (
    PASSWORD,
    committee_member,
    partner_referent,
    team_member,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def give_session(page, client, live_server):
    """Hand the test client's session (whatever stage it reached) to the browser."""
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def visitor(url):
    def prepare(client, user):
        return url() if callable(url) else url

    return prepare


def logged_in(url):
    def prepare(client, user):
        client.force_login(user)
        return url

    return prepare


def reauthenticated(url, before=None):
    def prepare(client, user):
        if before:
            before(user)
        client.force_login(user)
        assert (
            client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code
            == 302
        )
        return url

    return prepare


def at_second_factor(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return reverse("mfa_authenticate")


def reset_key(client, user):
    key = default_token_generator.make_token(user)
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )


def as_role(role_factory, url):
    def prepare(client, user):
        client.force_login(role_factory())
        return url

    return prepare


def without_totp(user):
    user.authenticator_set.all().delete()


PAGES = {
    "login": visitor("/accounts/login/"),
    "signup": visitor("/accounts/signup/"),
    "password-reset": visitor("/accounts/password/reset/"),
    "password-reset-done": visitor("/accounts/password/reset/done/"),
    "password-reset-from-key": reset_key,
    "password-reset-bad-key": visitor("/accounts/password/reset/key/zz-nope/"),
    "password-reset-from-key-done": visitor("/accounts/password/reset/key/done/"),
    "second-factor": at_second_factor,
    "logout": logged_in("/accounts/logout/"),
    "password-change": logged_in("/accounts/password/change/"),
    "email": logged_in("/accounts/email/"),
    "reauthenticate": logged_in("/accounts/reauthenticate/"),
    "second-factor-reauthenticate": logged_in("/accounts/2fa/reauthenticate/"),
    "two-factor-index": logged_in("/accounts/2fa/"),
    "totp-activate": reauthenticated("/accounts/2fa/totp/activate/", before=without_totp),
    "totp-deactivate": reauthenticated("/accounts/2fa/totp/deactivate/"),
    "recovery-codes": reauthenticated(
        "/accounts/2fa/recovery-codes/", before=lambda user: RecoveryCodes.activate(user)
    ),
    "recovery-codes-generate": reauthenticated("/accounts/2fa/recovery-codes/generate/"),
    "403-partner-referent": as_role(partner_referent, "/staff/check-in/"),
    "403-committee": as_role(committee_member, "/staff/people/"),
    "dashboard": logged_in("/staff/"),
}
REFUSED = {"403-partner-referent", "403-committee"}


@pytest.mark.parametrize("language", BROWSER_LOCALES)
@pytest.mark.parametrize("name", PAGES)
def test_account_page_has_no_serious_accessibility_violation(
    live_server, client, open_page, screenshot, name, language
):
    user = team_member()
    url = PAGES[name](client, user)
    page = open_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    if settings.SESSION_COOKIE_NAME in client.cookies:
        give_session(page, client, live_server)
    response = page.goto(live_server.url + url)
    assert response.status == (403 if name in REFUSED else 200)
    assert page.locator("html").get_attribute("lang") == language
    # Styled: our stylesheet loaded.
    assert page.evaluate("document.styleSheets.length") >= 1
    assert_no_serious_violation(page)
    assert_fits_the_screen(page)
    screenshot(page, f"account-{name}-{language}-phone")


@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_the_language_buttons_switch_a_page_without_a_prefix(live_server, open_page, language):
    other = "de" if language == "fr" else "fr"
    page = open_page(locale=BROWSER_LOCALES[language], viewport=DESKTOP)
    page.goto(live_server.url + "/accounts/login/")
    page.locator(f'.language-switcher button[lang="{other}"]').click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/accounts/login/"
    assert page.locator("html").get_attribute("lang") == other
