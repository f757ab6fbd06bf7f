"""The change history of registrations and attendance: who changed a status, a
presence, a link to a followed person; seen by the team, gone with the person."""

import pytest
from django.urls import reverse

from beneficiaries.services import erase_on_request
from events import services
from events.attendance import link_to_beneficiary
from events.models import Attendance, Registration
from events.roll_call import mark_all_present
from tests.accounts import staff_member
from tests.factories import BeneficiaryFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_registrations_status_changes_are_kept_without_the_name():
    event = EventFactory(published=True, capacity=1)
    first = RegistrationFactory(event=event, first_name="Léa")
    waiting = RegistrationFactory(event=event, waitlisted=True)
    services.cancel(first)
    assert list(
        Registration.history.filter(id=first.pk)
        .order_by("history_date")
        .values_list("history_type", "status")
    ) == [("+", "confirmed"), ("~", "cancelled")]
    assert list(
        Registration.history.filter(id=waiting.pk)
        .order_by("history_date")
        .values_list("status", flat=True)
    ) == ["waitlisted", "confirmed"]
    assert not hasattr(Registration.history.model, "first_name")


def test_staff_marking_presence_and_linking_a_person_are_recorded_with_who(client):
    team = staff_member(first_name="Hugo")
    registration = RegistrationFactory(event=EventFactory(published=True, past=True))
    client.force_login(team)
    url = reverse("staff_events:mark", args=[registration.event_id, registration.pk])
    client.post(url, {"present": "1"})
    client.post(url, {"present": "0"})
    attendance = Attendance.objects.get(registration=registration)
    rows = list(Attendance.history.filter(id=attendance.pk).order_by("history_date"))
    assert [(r.present, r.history_user) for r in rows] == [(True, team), (False, team)]
    person = BeneficiaryFactory()
    link_to_beneficiary(attendance, person)
    assert Registration.history.filter(id=registration.pk, beneficiary=person).exists()
    assert Attendance.history.filter(id=attendance.pk, beneficiary=person).exists()


def test_all_present_records_each_row_with_who():
    team = staff_member()
    event = EventFactory(published=True, past=True)
    RegistrationFactory.create_batch(3, event=event)
    mark_all_present(event, team)
    assert Attendance.history.filter(event=event, history_user=team).count() == 3


def test_the_history_goes_with_the_person():
    person = BeneficiaryFactory()
    registration = RegistrationFactory(
        event=EventFactory(published=True, past=True), beneficiary=person
    )
    attendance = Attendance.objects.create(
        event=registration.event, registration=registration, beneficiary=person
    )
    other = RegistrationFactory()
    erase_on_request(person)
    assert not Registration.history.filter(id=registration.pk).exists()
    assert not Attendance.history.filter(id=attendance.pk).exists()
    assert Registration.history.filter(id=other.pk).exists()


def test_the_team_reads_a_registrations_history_in_the_admin(client):
    registration = RegistrationFactory()
    services.cancel(registration)
    client.force_login(staff_member())
    response = client.get(
        reverse("admin:privacy_historicalregistration_changelist"), {"q": registration.pk}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
