"""Staff answer a person's request from the admin: find what is held under an email,
export it, erase it; each request logged without the data. Only the team."""

import json

import pytest
from django.urls import reverse

from beneficiaries.models import Beneficiary, ContactNote
from events.models import Registration
from privacy.models import RightsRequest
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    ContactNoteFactory,
    EventFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/admin/privacy/rightsrequest/by-email/"


@pytest.fixture
def person():
    """A followed person with a contact note, who registered twice with their address
    and came once."""
    person = BeneficiaryFactory(first_name="Nadia", email="nadia@example.org")
    ContactNoteFactory(beneficiary=person, text="Prépare un CV en allemand")
    past = EventFactory(published=True, past=True)
    came = RegistrationFactory(
        event=past, email="nadia@example.org", first_name="Nadia", beneficiary=person
    )
    AttendanceFactory(event=past, registration=came, beneficiary=person)
    RegistrationFactory(email="NADIA@example.org", first_name="Nadia")
    RegistrationFactory(email="other@example.org", first_name="Other")
    return person


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


def test_staff_find_everything_held_under_an_address(staff_client, person):
    response = staff_client.post(URL, {"email": "nadia@example.org", "do": "find"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Nadia") >= 2 and "Other" not in page
    assert "no-store" in response["Cache-Control"]


def test_staff_export_holds_every_record_and_nothing_of_anyone_else(staff_client, person):
    response = staff_client.post(URL, {"email": "nadia@example.org", "do": "export"})
    data = json.loads(response.content)
    assert len(data["registrations"]) == 2
    assert data["registrations"][0]["attended"] is True
    (followed,) = data["followed_people"]
    assert followed["person"]["first_name"] == "Nadia"
    assert [n["text"] for n in followed["contact_notes"]] == ["Prépare un CV en allemand"]
    assert followed["attendances"] and followed["history"]
    assert data["registration_history"] and data["attendance_history"]
    assert "other@example.org" not in response.content.decode()
    log = RightsRequest.objects.get()
    assert (log.action, log.channel, log.requested_by.is_staff) == ("export", "staff", True)


def test_staff_erasure_needs_confirmation(staff_client, person):
    staff_client.post(URL, {"email": "nadia@example.org", "do": "erase"})
    person.refresh_from_db()
    assert person.first_name == "Nadia" and not RightsRequest.objects.exists()


def test_staff_erasure_anonymises_the_person_and_logs_without_the_data(staff_client, person):
    staff_client.post(URL, {"email": "nadia@example.org", "do": "erase", "confirm": "on"})
    person.refresh_from_db()
    assert person.first_name == "—" and person.email == ""
    assert not Registration.objects.filter(first_name="Nadia").exists()
    assert ContactNote.objects.get(beneficiary=person).text == ""
    assert not Beneficiary.history.filter(id=person.pk).exists()
    assert not Registration.history.filter(beneficiary_id=person.pk).exists()
    log = RightsRequest.objects.get()
    assert log.action == "erasure" and log.summary["followed_people"] == 1
    assert log.summary["registrations"] == 2
    assert "nadia" not in (json.dumps(log.summary) + log.subject).lower()
    assert Registration.objects.filter(email="other@example.org").exists()


@pytest.mark.parametrize(
    "account",
    [
        lambda: partner_referent(),
        lambda: committee_member(),
        lambda: UserFactory(),
    ],
)
def test_other_accounts_are_refused(client, person, account):
    client.force_login(account())
    for data in ({"email": "nadia@example.org", "do": "export"}, {"do": "erase", "confirm": "on"}):
        response = client.post(URL, {"email": "nadia@example.org", **data})
        assert response.status_code in (302, 403)
        assert b"Nadia" not in response.content
    person.refresh_from_db()
    assert person.first_name == "Nadia" and not RightsRequest.objects.exists()
    assert client.get(reverse("admin:privacy_rightsrequest_changelist")).status_code in (302, 403)


def test_history_pages_open_for_staff_only(staff_client, client, person):
    for model in ("historicalregistration", "historicalattendance", "rightsrequest"):
        assert staff_client.get(reverse(f"admin:privacy_{model}_changelist")).status_code == 200
    client.force_login(partner_referent())
    assert client.get(reverse("admin:privacy_historicalregistration_changelist")).status_code in (
        302,
        403,
    )


def test_staff_erasure_frees_the_persons_places_under_another_address(staff_client, person):
    coming = EventFactory(published=True, capacity=1)
    place = RegistrationFactory(event=coming, email="n.other@example.org", beneficiary=person)
    waiting = RegistrationFactory(event=coming, waitlisted=True)
    staff_client.post(URL, {"email": "nadia@example.org", "do": "erase", "confirm": "on"})
    place.refresh_from_db()
    waiting.refresh_from_db()
    assert place.status == Registration.Status.CANCELLED
    assert place.email.endswith("@anonymised.invalid")
    assert waiting.status == Registration.Status.CONFIRMED
