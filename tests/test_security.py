"""Roles, two-factor enforcement and login throttling."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from lieu_ressource.roles import COMMITTEE, PARTNER_REFERENT, STAFF

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(django_user_model):
    user = django_user_model.objects.create_user(
        "anna", "anna@example.org", "a-long-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=STAFF))
    return user


def test_roles_are_created_by_migration_with_their_permissions():
    staff = Group.objects.get(name=STAFF)
    referent = Group.objects.get(name=PARTNER_REFERENT)
    committee = Group.objects.get(name=COMMITTEE)
    assert staff.permissions.filter(codename="change_beneficiary").exists()
    assert staff.permissions.filter(codename="delete_event").exists()
    assert referent.permissions.filter(codename="change_beneficiary").exists()
    assert not referent.permissions.filter(codename="view_registration").exists()
    assert list(committee.permissions.values_list("codename", flat=True)) == [
        "view_quarterlyreport"
    ]


def test_staff_without_second_factor_is_sent_to_set_one_up(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/beneficiaries/beneficiary/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/totp/activate/")
    assert "next=%2Fadmin%2Fbeneficiaries%2Fbeneficiary%2F" in response.url


def test_staff_with_a_second_factor_reaches_the_admin(client, staff_user):
    TOTP.activate(staff_user, generate_totp_secret())
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200


def test_committee_member_without_personal_data_needs_no_second_factor(client, django_user_model):
    member = django_user_model.objects.create_user("cs", "cs@example.org", "a-long-password-1")
    member.groups.add(Group.objects.get(name=COMMITTEE))
    client.force_login(member)
    # Not staff: the admin sends them to the login page, not to the 2FA set-up.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/2fa/" not in response.url


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/events/event/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=%2Fadmin%2Fevents%2Fevent%2F"


def test_public_cannot_sign_up(client, django_user_model):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "x@example.org",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not django_user_model.objects.filter(email="x@example.org").exists()


def test_the_right_password_logs_in(client, staff_user):
    client.post("/accounts/login/", {"login": "anna@example.org", "password": "a-long-password-1"})
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_repeated_failed_logins_are_throttled(client, staff_user):
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": "anna@example.org", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"login": "anna@example.org", "password": "a-long-password-1"}
    )
    # Even the right password is refused while the attempts are throttled.
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()
