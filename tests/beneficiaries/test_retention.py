"""Retention, erasure and access requests on personal data."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.utils import timezone

from beneficiaries.models import Beneficiary, Outcome
from beneficiaries.retention import anonymous_email, purge_expired
from beneficiaries.services import erase_on_request, export_personal_data
from events.models import Registration
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    OutcomeFactory,
    PathwayFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def figures():
    """What indicators count, independently of names and contact details."""
    return {
        "people": Beneficiary.objects.count(),
        "rsa": Beneficiary.objects.filter(rsa_recipient=True).count(),
        "jobs": Outcome.objects.filter(kind="job").count(),
        "registrations": Registration.objects.count(),
        "unique_emails": Registration.objects.aggregate(n=Count("email", distinct=True))["n"],
    }


@pytest.fixture
def expired_person():
    person = BeneficiaryFactory(
        rsa=True,
        first_name="Inès",
        last_name="Martin",
        email="ines.martin@example.org",
        entry_date=days_ago(5 * 365),
        exit_date=days_ago(3 * 365 + 10),
    )
    PathwayFactory(beneficiary=person, start_date=days_ago(5 * 365))
    OutcomeFactory(beneficiary=person, job_in_germany=True, date=days_ago(4 * 365))
    past = timezone.make_aware(datetime.datetime(2022, 3, 1, 10))
    for _n in range(2):
        event = EventFactory(published=True, start=past, end=past + datetime.timedelta(hours=2))
        registration = RegistrationFactory(
            event=event, beneficiary=person, email="Ines.Martin@example.org", first_name="Inès"
        )
        AttendanceFactory(registration=registration, beneficiary=person)
    return person


def test_purge_anonymises_people_past_retention(expired_person):
    people, _registrations = purge_expired(TODAY)
    expired_person.refresh_from_db()
    assert people == 1
    assert expired_person.first_name == "—"
    assert expired_person.last_name == "—"
    assert expired_person.email == ""
    assert expired_person.reference == f"ANON-{expired_person.pk}"
    assert expired_person.anonymised_at is not None
    emails = set(expired_person.registrations.values_list("email", flat=True))
    assert emails == {anonymous_email("ines.martin@example.org")}
    assert not expired_person.registrations.filter(first_name="Inès").exists()


def test_purge_removes_the_change_history_that_holds_old_names(expired_person):
    assert expired_person.history.exists()
    purge_expired(TODAY)
    assert not Beneficiary.history.filter(first_name="Inès").exists()


def test_purge_keeps_people_within_retention():
    recent = BeneficiaryFactory(
        first_name="Paul", entry_date=days_ago(2000), exit_date=days_ago(3 * 365 - 10)
    )
    still_followed = BeneficiaryFactory(first_name="Léa", entry_date=days_ago(5000))
    assert purge_expired(TODAY)[0] == 0
    recent.refresh_from_db()
    still_followed.refresh_from_db()
    assert (recent.first_name, still_followed.first_name) == ("Paul", "Léa")


def test_purge_leaves_every_indicator_figure_unchanged(expired_person):
    RegistrationFactory(event=expired_person.registrations.first().event, email="a@example.org")
    before = figures()
    purge_expired(TODAY)
    assert figures() == before


def test_purge_anonymises_registrations_of_old_events_for_people_not_followed():
    past = timezone.make_aware(datetime.datetime(2021, 6, 1, 10))
    old = RegistrationFactory(
        event=EventFactory(published=True, start=past, end=past + datetime.timedelta(hours=1)),
        first_name="Jean",
        phone="0601020304",
    )
    recent = RegistrationFactory(first_name="Marie")
    _people, registrations = purge_expired(TODAY)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert registrations == 1
    assert (old.first_name, old.phone) == ("—", "")
    assert old.email.endswith("@anonymised.invalid")
    assert recent.first_name == "Marie"


def test_purge_twice_changes_nothing_more(expired_person):
    purge_expired(TODAY)
    assert purge_expired(TODAY) == (0, 0)


def test_purge_command_reports_what_it_did(expired_person, capsys, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)
    call_command("purge_personal_data")
    assert "Anonymised 1 beneficiaries and 0 registrations." in capsys.readouterr().out


def test_export_lists_everything_held_about_a_person(expired_person):
    data = export_personal_data(expired_person)
    assert data["person"]["first_name"] == "Inès"
    assert data["person"]["email"] == "ines.martin@example.org"
    assert len(data["pathways"]) == 1
    assert data["outcomes"][0]["kind"] == "job"
    assert len(data["registrations"]) == 2
    assert [a["present"] for a in data["attendances"]] == [True, True]
    json.dumps(data, cls=DjangoJSONEncoder)  # serialisable as delivered to the person


def test_erasure_on_request_anonymises_now_and_keeps_figures():
    person = BeneficiaryFactory(first_name="Sami", email="sami@example.org")
    OutcomeFactory(beneficiary=person, job_in_france=True)
    before = figures()
    erase_on_request(person)
    person.refresh_from_db()
    assert person.first_name == "—"
    assert person.email == ""
    assert figures() == before


def test_export_holds_every_fact_of_the_situation_at_entry():
    person = BeneficiaryFactory(
        rsa=True, long_term_unemployed=True, disability=True, disability_consent_at=timezone.now()
    )
    data = export_personal_data(person)["person"]
    assert (data["rsa_recipient"], data["long_term_unemployed"], data["student"]) == (
        True,
        True,
        False,
    )
    assert data["disability"] is True and data["disability_consent_at"] is not None
