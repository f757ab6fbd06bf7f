"""Logging in as a real person does: password, then the second factor (a TOTP code
or a recovery code), and the password reset by email."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail

from tests.accounts import staff_member

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"
LOGIN = "/accounts/login/"
SECOND_FACTOR = "/accounts/2fa/authenticate/"
PERSONAL_DATA = "/admin/beneficiaries/beneficiary/"


@pytest.fixture
def secret():
    return generate_totp_secret()


@pytest.fixture
def anna(secret):
    user = staff_member(second_factor=False, email="anna@example.org")
    user.set_password(PASSWORD)
    user.save()
    TOTP.activate(user, secret)
    return user


def current_code(secret):
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


def log_in_with_password(client):
    response = client.post(LOGIN, {"login": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == SECOND_FACTOR
    # The password alone opens nothing.
    assert "_auth_user_id" not in client.session
    return response


def test_a_totp_code_completes_the_login(client, anna, secret):
    log_in_with_password(client)
    response = client.post(SECOND_FACTOR, {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)
    assert client.get(PERSONAL_DATA).status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, anna):
    log_in_with_password(client)
    response = client.post(SECOND_FACTOR, {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session
    assert client.get(PERSONAL_DATA).status_code == 302


def test_a_recovery_code_works_once(client, anna):
    code = RecoveryCodes.activate(anna).get_unused_codes()[0]
    log_in_with_password(client)
    client.post(SECOND_FACTOR, {"code": code})
    assert client.session["_auth_user_id"] == str(anna.pk)

    client.logout()
    log_in_with_password(client)
    response = client.post(SECOND_FACTOR, {"code": code})
    assert response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session


def test_a_forgotten_password_is_reset_by_email(client, anna, secret):
    response = client.post("/accounts/password/reset/", {"email": "anna@example.org"})
    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.to == ["anna@example.org"]
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", email.body)[1]

    # The key moves from the address to the session before the form is shown.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    (form_url, _status), *_others = form_page.redirect_chain
    new_password = "another-long-password-2"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.check_password(new_password)
    # The new password still needs the second factor.
    client.logout()
    response = client.post(LOGIN, {"login": "anna@example.org", "password": new_password})
    assert response.url == SECOND_FACTOR


def test_a_reset_asked_for_an_unknown_address_looks_the_same(client, anna):
    known = client.post("/accounts/password/reset/", {"email": "anna@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    # Nothing tells a visitor which addresses have an account.
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
