"""Object-level access in the admin, for each role: what it may do, and that what it
may not see leaks through no list, search, autocomplete, export, history or
download."""

import csv
import io
import json

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from beneficiaries.models import Beneficiary, ContactNote, Outcome, Pathway
from lieu_ressource import import_columns
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    OrganisationFactory,
    OutcomeFactory,
    PathwayFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine():
    """The organisation of the partner referent under test."""
    return OrganisationFactory(name="Mission locale (test)")


@pytest.fixture
def own_person(mine):
    person = BeneficiaryFactory(referring_organisation=mine, last_name="Ownperson")
    PathwayFactory(beneficiary=person)
    OutcomeFactory(beneficiary=person)
    return person


@pytest.fixture
def other_person():
    person = BeneficiaryFactory(referred=True, last_name="Otherperson", email="other@example.org")
    PathwayFactory(beneficiary=person)
    OutcomeFactory(beneficiary=person)
    ContactNote.objects.create(beneficiary=person, date="2025-03-01", channel="phone", text="x")
    return person


@pytest.fixture
def referent_client(client, mine):
    client.force_login(partner_referent(mine))
    return client


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


def changelist(model):
    return reverse(f"admin:beneficiaries_{model}_changelist")


def autocomplete(client, app_label, model_name, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    return response


def export_csv(client, model="beneficiary", app="beneficiaries"):
    url = reverse(f"admin:{app}_{model}_export")
    form = client.get(url).context["form"]
    resource = f"{model}resource_"
    data = {"format": "0", "resource": "0"}
    data.update({name: "on" for name in form.fields if name.startswith(resource)})
    response = client.post(url, data)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # Headed in the user's language: read back as code names.
    resource_class = admin.site._registry[apps.get_model(app, model)].resource_classes[0]
    headers = import_columns.to_code_names(resource_class(), rows[0])
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


# Partner referents: their organisation's people, nobody else -------------------------------


@pytest.mark.parametrize("model", ["beneficiary", "pathway", "outcome"])
def test_lists_hold_only_the_organisations_people(referent_client, own_person, other_person, model):
    response = referent_client.get(changelist(model))
    assert response.status_code == 200
    people = {getattr(row, "beneficiary", row) for row in response.context["cl"].result_list}
    assert people == {own_person}
    assert "Otherperson" not in response.text


def test_search_finds_no_one_outside_the_organisation(referent_client, other_person):
    response = referent_client.get(changelist("beneficiary"), {"q": "Otherperson"})
    assert list(response.context["cl"].result_list) == []
    response = referent_client.get(changelist("beneficiary"), {"q": "other@example.org"})
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name"),
    [
        ("beneficiaries", "pathway", "beneficiary"),
        ("beneficiaries", "outcome", "beneficiary"),
        ("beneficiaries", "contactnote", "beneficiary"),
        ("events", "registration", "beneficiary"),
        ("events", "attendance", "beneficiary"),
    ],
)
def test_autocomplete_offers_only_the_organisations_people(
    referent_client, own_person, other_person, app_label, model_name, field_name
):
    response = autocomplete(referent_client, app_label, model_name, field_name, "person")
    assert response.status_code == 200
    ids = [result["id"] for result in response.json()["results"]]
    assert ids == [str(own_person.pk)]


def test_another_organisations_person_cannot_be_opened(referent_client, other_person):
    response = referent_client.get(
        reverse("admin:beneficiaries_beneficiary_change", args=[other_person.pk]), follow=True
    )
    # The admin answers as for a person who does not exist.
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert "Otherperson" not in response.text
    pathway = other_person.pathways.get()
    response = referent_client.get(
        reverse("admin:beneficiaries_pathway_change", args=[pathway.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("admin:index")


RECORDS = {"pathway": "pathways", "outcome": "outcomes", "contactnote": "contact_notes"}


def test_contact_notes_list_only_the_organisations_people(
    referent_client, own_person, other_person
):
    ContactNote.objects.create(beneficiary=own_person, date="2025-03-02", channel="email")
    response = referent_client.get(changelist("contactnote"))
    assert response.status_code == 200
    assert [note.beneficiary for note in response.context["cl"].result_list] == [own_person]
    response = referent_client.get(changelist("contactnote"), {"q": "Otherperson"})
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("model", ["beneficiary", "pathway", "outcome", "contactnote"])
def test_history_is_not_found_for_another_organisations_records(
    referent_client, other_person, model
):
    obj = other_person if model == "beneficiary" else getattr(other_person, RECORDS[model]).get()
    history = reverse(f"admin:beneficiaries_{model}_history", args=[obj.pk])
    assert referent_client.get(history).status_code == 404
    version = obj.history.latest().history_id
    revert = reverse(f"admin:beneficiaries_{model}_simple_history", args=[obj.pk, version])
    assert referent_client.get(revert).status_code == 404
    assert referent_client.post(revert, {"last_name": "Changed"}).status_code == 404


def test_history_of_a_deleted_record_is_not_found_either(referent_client, other_person):
    pk = other_person.pk
    other_person.delete()
    history = reverse("admin:beneficiaries_beneficiary_history", args=[pk])
    assert referent_client.get(history).status_code == 404


def test_history_of_the_organisations_people_is_shown(referent_client, own_person):
    history = reverse("admin:beneficiaries_beneficiary_history", args=[own_person.pk])
    assert referent_client.get(history).status_code == 200


def test_exports_hold_only_the_organisations_people(referent_client, own_person, other_person):
    rows = export_csv(referent_client)
    assert [row["reference"] for row in rows] == [own_person.reference]


def test_a_pathway_cannot_be_added_for_another_organisations_person(referent_client, other_person):
    before = Pathway.objects.count()
    response = referent_client.post(
        reverse("admin:beneficiaries_pathway_add"),
        {
            "beneficiary": other_person.pk,
            "scheme": "tremplin",
            "start_date": "06/01/2025",
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "beneficiary" in response.context["adminform"].form.errors
    assert Pathway.objects.count() == before


def test_a_person_added_by_a_partner_referent_stays_with_their_organisation(client, mine):
    referent = partner_referent(mine)
    client.force_login(referent)
    response = client.post(
        reverse("admin:beneficiaries_beneficiary_add"),
        {
            "reference": "LR-555555",
            "first_name": "Léa",
            "last_name": "Martin",
            "country": "FR",
            "rsa_recipient": "on",
            "entry_date": "06/01/2025",
            "referring_organisation": OrganisationFactory().pk,  # ignored: read-only
            "pathways-TOTAL_FORMS": 0,
            "pathways-INITIAL_FORMS": 0,
            "outcomes-TOTAL_FORMS": 0,
            "outcomes-INITIAL_FORMS": 0,
            "contact_notes-TOTAL_FORMS": 0,
            "contact_notes-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Beneficiary.objects.get(reference="LR-555555")
    assert (person.referring_organisation, person.referent) == (mine, referent)


def test_registrations_and_attendance_are_closed_to_partner_referents(referent_client):
    attendance = AttendanceFactory(followed=True)
    for url in [
        reverse("admin:events_registration_changelist"),
        reverse("admin:events_registration_change", args=[attendance.registration.pk]),
        reverse("admin:events_attendance_changelist"),
        reverse("admin:events_attendance_export"),
        reverse("admin:events_attendance_import"),
    ]:
        assert referent_client.get(url).status_code == 403, url
    response = autocomplete(referent_client, "events", "attendance", "registration")
    assert response.status_code == 403


def test_partner_referents_see_events_without_who_registered(referent_client):
    event = EventFactory(published=True)
    RegistrationFactory(event=event, last_name="Registrantname", email="reg@example.org")
    assert referent_client.get(reverse("admin:events_event_changelist")).status_code == 200
    response = referent_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert "Registrantname" not in response.text
    assert "reg@example.org" not in response.text


def test_personal_data_actions_are_not_offered_to_partner_referents(referent_client, own_person):
    response = referent_client.get(changelist("beneficiary"))
    action_form = response.context["action_form"]
    actions = [name for name, _label in action_form.fields["action"].choices] if action_form else []
    assert "download_personal_data" not in actions
    assert "erase_personal_data" not in actions
    response = referent_client.post(
        changelist("beneficiary"),
        {"action": "download_personal_data", ACTION_CHECKBOX_NAME: [own_person.pk]},
    )
    assert response.get("Content-Type", "").startswith("text/html")
    own_person.refresh_from_db()
    assert own_person.anonymised_at is None


# Committee members and accounts without a second factor ------------------------------------


def test_committee_members_reach_nothing_of_the_admin(client, other_person):
    client.force_login(committee_member())
    for url in [
        changelist("beneficiary"),
        reverse("admin:beneficiaries_beneficiary_export"),
        reverse("admin:beneficiaries_beneficiary_history", args=[other_person.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
    response = autocomplete(client, "beneficiaries", "pathway", "beneficiary")
    assert response.status_code == 302


@pytest.mark.parametrize("role", [staff_member, partner_referent])
def test_without_a_second_factor_no_export_or_history(client, other_person, role):
    client.force_login(role(second_factor=False))
    for url in [
        reverse("admin:beneficiaries_beneficiary_export"),
        reverse("admin:beneficiaries_beneficiary_history", args=[other_person.pk]),
        reverse("admin:autocomplete") + "?app_label=beneficiaries&model_name=pathway"
        "&field_name=beneficiary",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/2fa/totp/activate/")


# Staff: everyone, and the personal-data requests ---------------------------------------------


def test_staff_see_everyone_and_every_record(staff_client, own_person, other_person):
    response = staff_client.get(changelist("beneficiary"))
    assert {own_person, other_person} <= set(response.context["cl"].result_list)
    response = staff_client.get(changelist("contactnote"))
    assert [note.beneficiary for note in response.context["cl"].result_list] == [other_person]
    rows = export_csv(staff_client)
    assert {own_person.reference, other_person.reference} <= {row["reference"] for row in rows}


def test_staff_see_who_registered_to_an_event(staff_client):
    event = EventFactory(published=True)
    RegistrationFactory(event=event, last_name="Registrantname")
    response = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert "Registrantname" in response.text


def test_staff_download_a_persons_data_as_json(staff_client, other_person):
    response = staff_client.post(
        changelist("beneficiary"),
        {"action": "download_personal_data", ACTION_CHECKBOX_NAME: [other_person.pk]},
    )
    assert response["Content-Type"].startswith("application/json")
    assert f"personal-data-{other_person.reference}.json" in response["Content-Disposition"]
    data = json.loads(response.content)
    [person] = data["people"]
    assert person["person"]["last_name"] == "Otherperson"
    assert len(person["pathways"]) == 1 and len(person["outcomes"]) == 1


def test_erasure_asks_for_confirmation_first(staff_client, other_person):
    selection = {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [other_person.pk]}
    response = staff_client.post(changelist("beneficiary"), selection)
    assert response.status_code == 200
    assert "Otherperson" in response.text
    other_person.refresh_from_db()
    assert other_person.anonymised_at is None
    staff_client.post(changelist("beneficiary"), {**selection, "confirm": "yes"})
    other_person.refresh_from_db()
    assert other_person.anonymised_at is not None
    assert other_person.last_name != "Otherperson"
    # Pathways and outcomes stay for the figures.
    assert Pathway.objects.filter(beneficiary=other_person).count() == 1
    assert Outcome.objects.filter(beneficiary=other_person).count() == 1


def test_a_contact_note_added_in_the_admin_is_signed_by_its_author(client):
    staff = staff_member()
    client.force_login(staff)
    person = BeneficiaryFactory()
    response = client.post(
        reverse("admin:beneficiaries_contactnote_add"),
        {"beneficiary": person.pk, "date": "06/01/2025", "channel": "phone", "text": "Appel"},
    )
    assert response.status_code == 302
    assert ContactNote.objects.get(beneficiary=person).author == staff


def test_a_contact_note_added_on_the_persons_admin_page_is_signed(client):
    staff = staff_member()
    client.force_login(staff)
    person = BeneficiaryFactory(entry_date="2025-01-06")
    url = reverse("admin:beneficiaries_beneficiary_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("neighbourhood", "referring_organisation", "referent")
    }
    data.update(
        {
            "entry_date": "06/01/2025",
            "consent_at_0": "",
            "consent_at_1": "",
            "pathways-TOTAL_FORMS": 0,
            "pathways-INITIAL_FORMS": 0,
            "outcomes-TOTAL_FORMS": 0,
            "outcomes-INITIAL_FORMS": 0,
            "contact_notes-TOTAL_FORMS": 1,
            "contact_notes-INITIAL_FORMS": 0,
            "contact_notes-0-date": "07/01/2025",
            "contact_notes-0-channel": "email",
            "contact_notes-0-text": "Relance",
        }
    )
    data.pop("consent_at", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert ContactNote.objects.get(beneficiary=person).author == staff


def test_history_of_a_malformed_address_is_not_found(referent_client):
    history = reverse("admin:beneficiaries_beneficiary_history", args=["not-a-number"])
    assert referent_client.get(history).status_code == 404


@pytest.mark.parametrize(("role", "sees_check_in"), [("staff", True), ("referent", False)])
def test_the_admin_links_each_role_to_its_staff_pages(client, mine, role, sees_check_in):
    client.force_login(staff_member() if role == "staff" else partner_referent(mine))
    page = client.get(reverse("admin:index")).text
    assert (f'href="{reverse("staff_events:events")}"' in page) == sees_check_in
    assert f'href="{reverse("beneficiaries:caseload")}"' in page


@pytest.mark.parametrize("rows", [3, 30])
def test_people_list_queries_do_not_grow_with_people(
    referent_client, mine, django_assert_max_num_queries, rows
):
    # The bound is the count measured when the role check started reading the
    # account's groups once per request instead of once per question.
    for _row in range(rows):
        BeneficiaryFactory(referring_organisation=mine, qpv=True)
    with django_assert_max_num_queries(13):
        response = referent_client.get(changelist("beneficiary"))
    assert response.context["cl"].result_count == rows
