"""The outcome form of a person's page: its errors in view (an anchor to an error
summary that takes the focus), and the employer typed with suggestions, companies
first, or added on the spot."""

import pytest
from django.urls import reverse

from beneficiaries.employers import employer_suggestions
from beneficiaries.models import Outcome
from partners.models import Organisation
from tests.accounts import staff_member
from tests.factories import BeneficiaryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


@pytest.fixture
def person():
    return BeneficiaryFactory()


def _add(client, person, language="fr", **data):
    fields = {"kind": "job", "date": "2025-03-01", "country": "DE", "contract": "cdi", **data}
    return client.post(
        reverse("beneficiaries:add_record", args=[person.pk, "outcome"]),
        {f"outcome-{name}": value for name, value in fields.items()},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_a_job_without_contract_comes_back_on_its_error_summary(staff_client, person):
    response = _add(staff_client, person, contract="")
    assert response.status_code == 200
    html = response.text
    # The form is sent to the anchor of its error summary, which takes the focus.
    action = reverse("beneficiaries:add_record", args=[person.pk, "outcome"])
    assert f'action="{action}#outcome-errors"' in html
    summary = html[html.index('id="outcome-errors"') - 40 :]
    summary = summary[: summary.index("</div>")]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert "Un emploi doit avoir un type de contrat et un pays." in summary
    assert '<details class="card" id="outcome-form" open>' in html
    assert not Outcome.objects.exists()


def test_a_field_error_is_listed_with_a_link_to_its_field(staff_client, person):
    response = _add(staff_client, person, date="pas une date", language="de")
    html = response.text
    summary = html[html.index('id="outcome-errors"') :]
    summary = summary[: summary.index("</div>")]
    assert '<a href="#id_outcome-date">' in summary
    assert "Bitte korrigieren Sie Folgendes:" in summary


def test_a_form_without_error_has_no_summary(staff_client, person):
    page = staff_client.get(reverse("beneficiaries:person", args=[person.pk]))
    assert 'id="outcome-errors"' not in page.text


def test_suggestions_list_companies_first_then_the_others_by_name():
    OrganisationFactory(name="Agence A", kind=Organisation.Kind.EMPLOYMENT_SERVICE)
    OrganisationFactory(name="Zeta GmbH", kind=Organisation.Kind.COMPANY)
    OrganisationFactory(name="Bosch", kind=Organisation.Kind.COMPANY)
    names = list(employer_suggestions())
    mine = [n for n in names if n in {"Agence A", "Zeta GmbH", "Bosch"}]
    assert mine == ["Bosch", "Zeta GmbH", "Agence A"]
    companies = list(Organisation.objects.filter(kind="company").values_list("name", flat=True))
    assert set(names[: len(companies)]) == set(companies)


def test_the_page_offers_the_suggestions_to_the_employer_field(staff_client, person):
    OrganisationFactory(name="Rheinwerk Kehl GmbH", kind=Organisation.Kind.COMPANY)
    html = staff_client.get(reverse("beneficiaries:person", args=[person.pk])).text
    assert 'list="employer-suggestions"' in html
    assert '<option value="Rheinwerk Kehl GmbH">' in html


def test_an_employer_typed_by_name_whatever_its_case_is_linked(staff_client, person):
    bosch = OrganisationFactory(name="Bosch", kind=Organisation.Kind.COMPANY)
    assert _add(staff_client, person, employer_name="bosch").status_code == 302
    assert Outcome.objects.get().employer == bosch


def test_an_unknown_employer_is_refused_until_added(staff_client, person):
    response = _add(staff_client, person, employer_name="Weinhaus Kehl")
    assert response.status_code == 200
    assert "Aucune organisation ne s’appelle « Weinhaus Kehl »" in response.text
    assert 'value="Weinhaus Kehl"' in response.text  # what was typed is kept
    assert not Organisation.objects.filter(name="Weinhaus Kehl").exists()


def test_an_unknown_employer_is_added_as_a_company_on_the_spot(staff_client, person):
    response = _add(staff_client, person, employer_name="Weinhaus Kehl", add_employer="on")
    assert response.status_code == 302
    employer = Organisation.objects.get(name="Weinhaus Kehl")
    assert (employer.kind, employer.role, employer.country, employer.is_public) == (
        "company",
        "employer",
        "DE",  # the job's country, none other given
        False,
    )
    assert Outcome.objects.get().employer == employer


def test_adding_a_known_employer_links_it_without_a_copy(staff_client, person):
    bosch = OrganisationFactory(name="Bosch", kind=Organisation.Kind.COMPANY)
    _add(staff_client, person, employer_name="Bosch", add_employer="on")
    assert Organisation.objects.filter(name__iexact="bosch").count() == 1
    assert Outcome.objects.get().employer == bosch


def test_a_new_employer_needs_a_country(staff_client, person):
    response = _add(
        staff_client,
        person,
        kind="training",
        country="",
        contract="",
        add_employer="on",
        employer_name="Nouvelle école",
    )
    assert response.status_code == 200
    assert "employer_country" in response.context["forms"]["outcome"].errors
    assert not Organisation.objects.filter(name="Nouvelle école").exists()
