"""Account emails whatever their case: stored in lower case, found typed either way,
and older mixed-case accounts lowercased by a data migration."""

import importlib
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"
LOGIN = "/accounts/login/"


def migration():
    return importlib.import_module("lieu_ressource.migrations.0003_lowercase_account_emails")


def run_migration():
    # The migration only reads the schema editor's connection (to pick the database).
    migration().lowercase(apps, SimpleNamespace(connection=connection))


def with_stored_email(user, email):
    """Store `email` as it is, as an account saved before lowercasing was."""
    get_user_model().objects.filter(pk=user.pk).update(email=email)
    user.refresh_from_db()
    return user


@pytest.mark.parametrize("typed", ["Mixed.Case@Example.org", "mixed.case@example.org"])
def test_an_account_saved_with_capitals_logs_in_typed_either_way(client, typed):
    user = UserFactory(email="Mixed.Case@Example.org")
    client.post(LOGIN, {"login": typed, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_accounts_are_saved_in_lower_case():
    user = UserFactory(email="  Élodie.Müller@Example.ORG ")
    user.refresh_from_db()
    assert user.email == "élodie.müller@example.org"
    user.email = "Anna@Example.org"
    user.save()
    user.refresh_from_db()
    assert user.email == "anna@example.org"


def test_the_wrong_password_still_fails_in_any_case(client):
    UserFactory(email="Mixed.Case@Example.org")
    client.post(LOGIN, {"login": "MIXED.CASE@EXAMPLE.ORG", "password": "wrong-password-9"})
    assert "_auth_user_id" not in client.session


def test_password_reset_typed_in_capitals_reaches_the_account(client):
    UserFactory(email="mixed.case@example.org")
    client.post("/accounts/password/reset/", {"email": "Mixed.Case@EXAMPLE.org"})
    (email,) = mail.outbox
    assert email.to == ["mixed.case@example.org"]


def test_migration_lowercases_older_mixed_case_accounts(client):
    user = with_stored_email(UserFactory(), "Mixed.Case@Example.org")
    # Before the migration the account cannot log in, typed either way.
    client.post(LOGIN, {"login": "Mixed.Case@Example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    run_migration()

    user.refresh_from_db()
    assert user.email == "mixed.case@example.org"
    client.post(LOGIN, {"login": "Mixed.Case@Example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_migration_keeps_both_accounts_that_differ_only_by_case():
    first = with_stored_email(UserFactory(), "Anna@Example.org")
    second = with_stored_email(UserFactory(), "anna@example.org")
    run_migration()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.email, second.email) == ("anna@example.org", "anna@example.org")


def test_migration_merges_an_address_held_twice_by_one_account():
    user = UserFactory(email="anna@example.org")
    kept = EmailAddress.objects.create(user=user, email="anna@example.org", verified=False)
    EmailAddress.objects.create(user=user, email="x@example.org", primary=True, verified=True)
    EmailAddress.objects.filter(email="x@example.org").update(email="Anna@Example.org")
    run_migration()
    (address,) = EmailAddress.objects.filter(user=user)
    assert address.pk == kept.pk
    assert (address.email, address.verified, address.primary) == ("anna@example.org", True, True)


def test_migration_never_takes_a_verified_address_from_another_account():
    owner = UserFactory(email="anna@example.org")
    EmailAddress.objects.create(user=owner, email="anna@example.org", verified=True)
    other = UserFactory(email="other@example.org")
    copy = EmailAddress.objects.create(user=other, email="tmp@example.org", verified=True)
    EmailAddress.objects.filter(pk=copy.pk).update(email="ANNA@example.org")
    run_migration()
    copy.refresh_from_db()
    assert (copy.email, copy.verified) == ("anna@example.org", False)
    assert EmailAddress.objects.get(user=owner).verified


def admin_account_form(user, email):
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root", "root@example.org", "x-pw-1")
    form_class = admin.site._registry[get_user_model()].get_form(request, user)
    data = {
        "username": user.username,
        "email": email,
        "date_joined_0": "2025-01-06",
        "date_joined_1": "10:00:00",
    }
    return form_class(data, instance=user)


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "Un autre compte"), ("de", "anderes Konto")]
)
def test_admin_refuses_an_email_another_account_uses_in_another_case(language, words):
    UserFactory(email="anna@example.org")
    with translation.override(language):
        form = admin_account_form(UserFactory(), "Anna@Example.ORG")
        assert not form.is_valid()
        assert words in form.errors["email"][0]


def test_admin_keeps_an_accounts_own_email_in_any_case():
    user = UserFactory(email="anna@example.org")
    form = admin_account_form(user, "Anna@Example.org")
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.email == "anna@example.org"
