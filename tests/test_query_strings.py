"""A NUL byte in a search or filter term answers 400 with our page, never 500 (on
PostgreSQL it would be a psycopg.DataError), and NUL in a posted form is refused by
the form; other odd characters give an empty result."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.accounts import staff_member
from tests.factories import BeneficiaryFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

NUL = "a\x00b"


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


def term_pages():
    """(path, query) pairs that pass a term to the database."""
    return [
        ("/admin/beneficiaries/beneficiary/", {"q": NUL}),
        ("/admin/events/registration/", {"q": NUL}),
        (
            "/admin/autocomplete/",
            {
                "term": NUL,
                "app_label": "events",
                "model_name": "registration",
                "field_name": "event",
            },
        ),
        (reverse("beneficiaries:caseload"), {"q": NUL}),
        (reverse("events:agenda"), {"format": NUL}),
        (reverse("events:agenda"), {"audience": NUL}),
        (reverse("events:agenda"), {NUL: "x"}),
    ]


def assert_bad_request_everywhere(client):
    RegistrationFactory(event=EventFactory(published=True))
    BeneficiaryFactory()
    for path, query in term_pages():
        response = client.get(path, query)
        assert response.status_code == 400, (path, query)
        assert "400.html" in [template.name for template in response.templates], path


def test_nul_in_a_term_answers_400_with_our_page(staff_client):
    assert_bad_request_everywhere(staff_client)


@pytest.mark.postgres
def test_nul_in_a_term_answers_400_on_postgresql(staff_client):
    assert connection.vendor == "postgresql"
    assert_bad_request_everywhere(staff_client)


def test_the_400_page_is_in_the_pages_language(client):
    with translation.override("de"):
        agenda = reverse("events:agenda")
    response = client.get(agenda, {"q": NUL})
    assert response.status_code == 400
    assert "Anfrage nicht verstanden" in response.content.decode()


def test_other_control_characters_in_a_search_give_an_empty_result(staff_client):
    BeneficiaryFactory(last_name="Martin")
    response = staff_client.get("/admin/beneficiaries/beneficiary/", {"q": "Mar\u202etin\x07"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


def test_nul_in_a_posted_login_is_refused_by_the_form(client):
    response = client.post(
        "/accounts/login/", {"login": "anna\x00@example.org", "password": "a-long-password-1"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_ordinary_terms_still_search(staff_client):
    BeneficiaryFactory(last_name="Martin")
    response = staff_client.get("/admin/beneficiaries/beneficiary/", {"q": "martin"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


OUT_OF_RANGE = "99999999999999999999"  # past a bigint


def assert_out_of_range_ids_find_nothing(client):
    for path in (
        f"/admin/events/registration/?event__id__exact={OUT_OF_RANGE}",
        f"/admin/events/attendance/?event__id__exact={OUT_OF_RANGE}",
        f"/admin/beneficiaries/beneficiary/?referent__id__exact={OUT_OF_RANGE}",
    ):
        response = client.get(path)
        assert response.status_code in (200, 302), path  # 302: the admin's "?e=1"
        if response.status_code == 200:
            assert response.context["cl"].result_count == 0, path


def test_an_out_of_range_id_in_an_admin_filter_finds_nothing(staff_client):
    assert_out_of_range_ids_find_nothing(staff_client)


@pytest.mark.postgres
def test_an_out_of_range_id_in_an_admin_filter_finds_nothing_on_postgresql(staff_client):
    assert connection.vendor == "postgresql"
    assert_out_of_range_ids_find_nothing(staff_client)
