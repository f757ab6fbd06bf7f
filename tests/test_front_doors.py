"""One front door per audience: after logging in, from allauth's page or the admin's,
each role lands on its own space; no address loops; every logged-in page shows who
is logged in, their space and a logout; a refused page is our 403, which says what
the role can do instead."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from lieu_ressource.roles import COMMITTEE, PARTNER_REFERENT, STAFF
from tests.factories import ContactFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
SECOND_FACTOR = "/accounts/2fa/authenticate/"


def current_code(secret):
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


def with_totp(user):
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


def team_member():
    user = UserFactory(staff=True, email="equipe@example.org")
    user.groups.add(Group.objects.get(name=STAFF))
    return with_totp(user)


def superuser():
    return with_totp(UserFactory(superuser=True, email="admin@example.org"))


def partner_referent():
    """As the demo's: no admin access (is_staff off), a contact of its organisation."""
    user = UserFactory(email="referent@example.org")
    user.groups.add(Group.objects.get(name=PARTNER_REFERENT))
    ContactFactory(organisation=OrganisationFactory(), user=user)
    return with_totp(user)


def committee_member():
    user = UserFactory(email="comite@example.org")
    user.groups.add(Group.objects.get(name=COMMITTEE))
    return user


ROLES = {
    "team": team_member,
    "superuser": superuser,
    "partner_referent": partner_referent,
    "committee": committee_member,
}


def space_path(role, language="fr"):
    with translation.override(language):
        return {
            "team": reverse("staff_dashboard"),
            "superuser": reverse("staff_dashboard"),
            "partner_referent": reverse("beneficiaries:caseload"),
            "committee": reverse("indicators:committee"),
        }[role]


def log_in(client, user, login_url=LOGIN, follow_from=None):
    """Log in as a person does, from `login_url` (reached by following redirects from
    `follow_from` if given); returns the final response, all redirects followed."""
    start = client.get(follow_from or login_url, follow=True)
    login_page = start.redirect_chain[-1][0] if start.redirect_chain else login_url
    assert login_page.startswith(LOGIN), login_page
    response = client.post(login_page, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    if response.url == SECOND_FACTOR:
        response = client.post(SECOND_FACTOR, {"code": current_code(user.totp_secret)})
        assert response.status_code == 302
    return client.get(response.url, follow=True)


def final_path(response):
    return (
        response.redirect_chain[-1][0] if response.redirect_chain else response.request["PATH_INFO"]
    )


# Landing after login ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lands_on_its_space_from_the_allauth_login(client, role):
    response = log_in(client, ROLES[role]())
    assert response.status_code == 200
    assert final_path(response) == space_path(role)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lands_on_its_space_from_the_admin(client, role):
    response = log_in(client, ROLES[role](), follow_from="/admin/")
    assert response.status_code == 200
    assert final_path(response) == space_path(role)


def test_the_committee_lands_on_the_reports_in_german(client):
    client.cookies["django_language"] = "de"
    response = log_in(client, committee_member())
    assert final_path(response) == space_path("committee", "de")
    assert final_path(response).startswith("/de/")


def test_a_safe_next_is_honoured(client):
    user = team_member()
    client.get(LOGIN)
    response = client.post(
        f"{LOGIN}?next=/staff/check-in/", {"login": user.email, "password": PASSWORD}
    )
    response = client.post(SECOND_FACTOR, {"code": current_code(user.totp_secret)})
    assert response.url == "/staff/check-in/"


def test_a_deeper_admin_page_is_where_staff_come_back_to(client):
    response = log_in(client, team_member(), follow_from="/admin/events/event/")
    assert final_path(response) == "/admin/events/event/"


def test_an_outside_next_is_ignored(client):
    user = committee_member()
    response = client.post(
        f"{LOGIN}?next=https://evil.example.com/", {"login": user.email, "password": PASSWORD}
    )
    assert response.url == space_path("committee")
    response = client.get(f"{ADMIN_LOGIN}?next=https://evil.example.com/")
    assert response.status_code == 403


# No loop ----------------------------------------------------------------------------

PAGES_TO_TRY = [
    "/admin/",
    "/admin/login/?next=/admin/",
    "/admin/beneficiaries/beneficiary/",
    "/accounts/login/",
    "/accounts/login/?next=/admin/",
    "/staff/",
    "/staff/check-in/",
    "/staff/people/",
    "/fr/comite/",
]


@pytest.mark.parametrize("role", ROLES)
def test_no_address_loops_for_a_logged_in_role(client, role):
    user = ROLES[role]()
    log_in(client, user)
    for url in PAGES_TO_TRY:
        response = client.get(url, follow=True)
        # The test client raises RedirectCycleError on a loop; the chain stays short.
        assert len(response.redirect_chain) <= 2, (url, response.redirect_chain)
        assert response.status_code in (200, 403), (url, response.status_code)


def test_non_staff_opening_the_admin_gets_our_403_with_their_space(client):
    log_in(client, committee_member())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    assert space_path("committee") in response.content.decode()


def test_a_logged_in_staff_member_opening_the_admin_login_goes_on(client):
    log_in(client, team_member())
    response = client.get(f"{ADMIN_LOGIN}?next=/admin/events/event/")
    assert response.url == "/admin/events/event/"


def test_a_visitor_at_the_admin_is_sent_to_the_allauth_login(client):
    response = client.get("/admin/", follow=True)
    assert final_path(response) == LOGIN
    assert response.status_code == 200


# The 403 page -----------------------------------------------------------------------

REFUSED = {
    "partner_referent": "/staff/check-in/",
    "committee": "/staff/people/",
}

WHAT_THEY_CAN_DO = {
    ("partner_referent", "fr"): "vous suivez les personnes que votre organisation oriente",
    ("partner_referent", "de"): "begleiten Sie die Personen, die Ihre Organisation",
    ("committee", "fr"): "vous lisez les rapports trimestriels publiés",
    ("committee", "de"): "lesen Sie die veröffentlichten Quartalsberichte",
}


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("role", ["partner_referent", "committee"])
def test_the_403_page_says_what_the_role_can_do_and_links_to_its_space(client, role, language):
    client.force_login(ROLES[role]())
    client.cookies["django_language"] = language
    response = client.get(REFUSED[role])
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert WHAT_THEY_CAN_DO[(role, language)] in page
    assert f'href="{space_path(role, language)}"' in page
    assert 'href="/static/css/site.css"' in page


def test_the_403_page_for_the_team_links_to_the_dashboard(client):
    client.force_login(team_member())
    # Periodic tasks are for superusers only, whatever the account's permissions.
    response = client.get("/admin/django_celery_beat/periodictask/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "a besoin d’une permission" in page or "permission" in page
    assert f'href="{reverse("staff_dashboard")}"' in page


# The header of every logged-in page -------------------------------------------------


@pytest.mark.parametrize(
    "role, url",
    [
        ("committee", "/fr/comite/"),
        ("committee", "/fr/"),
        ("team", "/staff/"),
        ("team", "/staff/check-in/"),
        ("partner_referent", "/staff/people/"),
        ("team", "/admin/"),
        ("team", "/accounts/password/change/"),
    ],
)
def test_a_logged_in_page_shows_who_their_space_and_a_logout(client, role, url):
    user = ROLES[role]()
    client.force_login(user)
    page = client.get(url).content.decode()
    assert user.get_full_name() in page
    assert f'href="{space_path(role)}"' in page
    logout = reverse("account_logout") if not url.startswith("/admin/") else reverse("admin:logout")
    assert f'action="{logout}" method="post"' in page or f'action="{logout}"' in page
    assert "csrfmiddlewaretoken" in page


def test_a_visitor_sees_no_account_bar(client):
    page = client.get("/fr/").content.decode()
    assert "account-bar" not in page


def test_logging_out_leads_to_the_login_page(client):
    client.force_login(committee_member())
    response = client.post(reverse("account_logout"), follow=True)
    assert final_path(response) == LOGIN
    assert "_auth_user_id" not in client.session


# The admin's index -----------------------------------------------------------------


def app_labels(client):
    return [app["app_label"] for app in client.get("/admin/").context["app_list"]]


def test_the_admin_index_shows_the_team_its_apps_in_daily_order(client):
    client.force_login(team_member())
    labels = app_labels(client)
    assert labels[:4] == ["events", "beneficiaries", "partners", "indicators"]
    assert "django_celery_beat" not in labels
    assert "mfa" not in labels
    events = client.get("/admin/").context["app_list"][0]
    assert [m["object_name"] for m in events["models"]][:3] == [
        "Event",
        "Registration",
        "Attendance",
    ]


def test_periodic_tasks_and_authenticators_are_for_superusers_only(client):
    team = team_member()
    # Even a team member given every permission of those apps does not see them.
    team.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["django_celery_beat", "mfa"])
    )
    client.force_login(team)
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403
    assert client.get("/admin/mfa/authenticator/").status_code == 403
    client.force_login(superuser())
    labels = app_labels(client)
    assert {"django_celery_beat", "mfa"} <= set(labels)
    assert labels.index("events") < labels.index("django_celery_beat")
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 200


# The first second factor --------------------------------------------------------------


def test_the_first_second_factor_is_set_up_right_after_login_without_the_password_again(
    client,
):
    user = UserFactory(staff=True, email="nouvelle@example.org")
    user.groups.add(Group.objects.get(name=STAFF))
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    response = client.get(response.url, follow=True)
    (activate, _status), *_rest = response.redirect_chain
    assert activate.startswith(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "mfa/totp/activate_form.html" in [t.name for t in response.templates]
    # The code from the app completes the set-up and leads to the dashboard.
    secret = response.context["form"].secret
    user.totp_secret = secret
    response = client.post(activate, {"code": current_code(secret)}, follow=True)
    assert response.status_code == 200
    assert user.authenticator_set.filter(type="totp").exists()
    # Then the recovery codes, shown at once, with the way on to the dashboard.
    assert final_path(response) == reverse("mfa_view_recovery_codes")
    assert f'href="{reverse("staff_dashboard")}"' in response.content.decode()


def test_changing_an_existing_second_factor_asks_for_the_password_again(client):
    user = team_member()
    log_in(client, user)
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_setting_up_a_second_factor_long_after_login_asks_for_the_password(client):
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    client.force_login(user)  # no login recorded by allauth: as after a long session
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
