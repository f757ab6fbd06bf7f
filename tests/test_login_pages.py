"""allauth's pages in the site's look: our base template (with `lang`), our own
words in French ("vous") and German ("Sie"), no sign-up while sign-up is closed,
no inline script or style (the Content-Security-Policy refuses them)."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests.test_front_doors import PASSWORD, SECOND_FACTOR, current_code, team_member

pytestmark = pytest.mark.django_db

SIGN_UP_WORDS = re.compile(
    r"sign.?up|s.inscrire|créer un compte|création de compte|registrieren|konto erstellen",
    re.IGNORECASE,
)
# German "du" forms: the site says "Sie".
INFORMAL_GERMAN = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner)\b", re.IGNORECASE)


def full_login(client, user):
    """Password then TOTP, as a person does: allauth then counts the account as
    recently authenticated, so pages that ask for it again open directly."""
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(SECOND_FACTOR, {"code": current_code(user.totp_secret)})


def reset_key_url(user):
    key = default_token_generator.make_token(user)
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )


def reauthenticated(client, user):
    """Logged in, then the password typed again: what allauth asks before the pages
    that change the second factor."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def sensitive_page(name):
    def get(client, user):
        reauthenticated(client, user)
        return client.get(reverse(name))

    return get


def visitor_page(name):
    def get(client, user):
        return client.get(reverse(name))

    return get


def member_page(name):
    def get(client, user):
        full_login(client, user)
        return client.get(reverse(name))

    return get


def second_factor_step(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    return client.get(SECOND_FACTOR)


def totp_activation(client, user):
    user.authenticator_set.all().delete()
    reauthenticated(client, user)
    return client.get(reverse("mfa_activate_totp"))


def recovery_codes(client, user):
    RecoveryCodes.activate(user)
    reauthenticated(client, user)
    return client.get(reverse("mfa_view_recovery_codes"))


def reset_from_key(client, user):
    # The key moves from the address to the session, then the form is shown.
    return client.get(reset_key_url(user), follow=True)


def reset_from_bad_key(client, user):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "nope"})
    return client.get(url)


def reauthentication(client, user):
    client.force_login(user)
    return client.get(reverse("account_reauthenticate"))


def second_factor_reauthentication(client, user):
    client.force_login(user)
    return client.get(reverse("mfa_reauthenticate"))


PAGES = {
    "login": visitor_page("account_login"),
    "signup": visitor_page("account_signup"),
    "password-reset": visitor_page("account_reset_password"),
    "password-reset-done": visitor_page("account_reset_password_done"),
    "password-reset-from-key": reset_from_key,
    "password-reset-bad-key": reset_from_bad_key,
    "password-reset-from-key-done": visitor_page("account_reset_password_from_key_done"),
    "logout": member_page("account_logout"),
    "password-change": member_page("account_change_password"),
    "email": member_page("account_email"),
    "reauthenticate": reauthentication,
    "second-factor": second_factor_step,
    "second-factor-reauthenticate": second_factor_reauthentication,
    "two-factor-index": member_page("mfa_index"),
    "totp-activate": totp_activation,
    "totp-deactivate": sensitive_page("mfa_deactivate_totp"),
    "recovery-codes": recovery_codes,
    "recovery-codes-generate": sensitive_page("mfa_generate_recovery_codes"),
}

# A word each page says in our own template (not allauth's), by language.
OWN_WORDS = {
    "fr": "vous",
    "de": "Sie",
}


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("name", PAGES)
def test_account_page_is_ours_in_both_languages_with_no_sign_up(client, name, language):
    user = team_member()
    client.cookies["django_language"] = language
    response = PAGES[name](client, user)
    assert response.status_code == 200, (
        response.redirect_chain if hasattr(response, "redirect_chain") else response
    )
    page = response.content.decode()
    template_names = [t.name for t in response.templates]
    assert "base.html" in template_names
    assert f'<html lang="{language}">' in page
    assert 'href="/static/css/site.css"' in page
    assert 'class="language-switcher"' in page
    # The page's own text (the footer's address says "Port du Rhin").
    body = re.search(r"<main.*</main>", page, flags=re.S)[0]
    assert reverse("account_signup") not in body
    assert not SIGN_UP_WORDS.search(body), SIGN_UP_WORDS.search(body)
    assert "<script" not in page
    assert 'style="' not in page
    if language == "de":
        assert not INFORMAL_GERMAN.search(body), INFORMAL_GERMAN.search(body)


def test_the_login_page_links_to_the_password_reset_only(client):
    page = client.get(reverse("account_login")).content.decode()
    assert reverse("account_reset_password") in page
    assert "Se connecter" in page
    assert 'name="login"' in page and 'name="password"' in page


def test_the_sign_up_address_says_accounts_come_from_the_team(client):
    client.cookies["django_language"] = "de"
    page = client.get(reverse("account_signup")).content.decode()
    assert "Konten werden vom Team angelegt" in page
    assert 'name="password1"' not in page


def test_a_wrong_password_is_refused_in_our_words(client):
    team_member()
    client.cookies["django_language"] = "de"
    response = client.post(
        reverse("account_login"), {"login": "equipe@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    main = re.search(r"<main.*</main>", response.content.decode(), flags=re.S)[0]
    assert 'role="alert"' in main
    assert "E-Mail-Adresse und/oder das Passwort" in main
    assert not INFORMAL_GERMAN.search(main)


def test_mismatched_new_passwords_are_refused_with_sie(client):
    user = team_member()
    full_login(client, user)
    client.cookies["django_language"] = "de"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a-new-password-9", "password2": "other-one-8"},
    )
    assert "Bitte geben Sie beide Male dasselbe Passwort ein." in response.content.decode()


def test_logging_out_says_so_on_the_login_page(client):
    user = team_member()
    client.force_login(user)
    client.cookies["django_language"] = "de"
    response = client.post(reverse("account_logout"), follow=True)
    assert "Sie sind abgemeldet." in response.content.decode()


def test_the_totp_set_up_shows_the_qr_code_and_the_key(client):
    user = team_member()
    response = totp_activation(client, user)
    page = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert response.context["form"].secret in page


def test_the_password_reset_email_uses_our_words(client, mailoutbox):
    team_member()
    client.cookies["django_language"] = "de"
    client.post(reverse("account_reset_password"), {"email": "equipe@example.org"})
    (email,) = mailoutbox
    assert "Jemand, wahrscheinlich Sie" in email.body
    assert not INFORMAL_GERMAN.search(email.body)


def test_a_reset_for_an_unknown_address_offers_no_sign_up(client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    for email in mailoutbox:
        assert not SIGN_UP_WORDS.search(email.body)
        assert reverse("account_signup") not in email.body
