"""Retention without an exit date: inactive people are warned a month before, once,
then anonymised; the purge's dry run lists and changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from beneficiaries.models import Beneficiary
from beneficiaries.retention import purge_expired
from events.models import Registration
from privacy.inactivity import due_for_inactivity, warn_due
from privacy.models import InactivityWarning
from tests.accounts import staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    ContactNoteFactory,
    EventFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


def at(day):
    return datetime.datetime.combine(day, datetime.time(10), datetime.UTC)


@pytest.fixture
def referent():
    return staff_member(email="referente@example.org", first_name="Claire")


@pytest.fixture
def quiet(referent):
    """No exit date; entered in 2022, last contact on 10 December 2023: three years
    of silence end on 10 December 2026, 15 days after TODAY."""
    person = BeneficiaryFactory(
        first_name="Yanis", entry_date=datetime.date(2022, 5, 2), referent=referent
    )
    ContactNoteFactory(beneficiary=person, date=datetime.date(2023, 12, 10))
    return person


def test_last_activity_counts_attendance(referent):
    person = BeneficiaryFactory(entry_date=datetime.date(2022, 1, 3), referent=referent)
    event = EventFactory(
        published=True,
        start=at(datetime.date(2024, 3, 1)),
        end=at(datetime.date(2024, 3, 1)) + datetime.timedelta(hours=2),
    )
    AttendanceFactory(event=event, registration=None, beneficiary=person)
    # Silent since 1 March 2024: not due within a month of TODAY.
    assert warn_due(TODAY) == 0


def test_referent_is_warned_a_month_before_and_once(quiet, referent):
    # 45 days before the end of the silence: too early.
    assert warn_due(TODAY - datetime.timedelta(days=30)) == 0
    assert warn_due(TODAY) == 1
    (message,) = mail.outbox
    assert message.to == ["referente@example.org"]
    assert "Yanis" in message.body and "25/12/2026" in message.body
    warning = InactivityWarning.objects.get(beneficiary=quiet)
    # Warned 15 days before the natural date: anonymised a full month after the warning.
    assert warning.due_on == TODAY + datetime.timedelta(days=30)
    assert warn_due(TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_the_warning_is_listed_on_the_dashboard(client, quiet):
    warn_due(TODAY)
    client.force_login(staff_member())
    page = client.get("/staff/").content.decode()
    assert quiet.reference in page


def test_anonymised_only_once_warned_and_due(quiet):
    assert purge_expired(TODAY + datetime.timedelta(days=40)) == (0, 0)  # never warned
    warn_due(TODAY)
    assert not due_for_inactivity(TODAY + datetime.timedelta(days=29)).exists()
    people, _registrations = purge_expired(TODAY + datetime.timedelta(days=30))
    quiet.refresh_from_db()
    assert people == 1 and quiet.first_name == "—" and quiet.anonymised_at


def test_new_activity_cancels_the_warning_and_a_new_silence_warns_again(quiet):
    warn_due(TODAY)
    ContactNoteFactory(beneficiary=quiet, date=TODAY)
    assert purge_expired(TODAY + datetime.timedelta(days=31)) == (0, 0)
    later = TODAY + datetime.timedelta(days=3 * 365 - 10)
    mail.outbox.clear()
    assert warn_due(later) == 1 and len(mail.outbox) == 1


def test_a_person_with_an_exit_date_is_left_to_the_exit_rule(referent):
    BeneficiaryFactory(
        entry_date=datetime.date(2020, 1, 6), exit_date=datetime.date(2025, 1, 6), referent=referent
    )
    assert warn_due(TODAY) == 0


def test_dry_run_lists_and_changes_nothing(quiet):
    warn_due(TODAY)
    left = BeneficiaryFactory(
        reference="B-LEFT",
        entry_date=datetime.date(2018, 1, 8),
        exit_date=datetime.date(2022, 1, 10),
    )
    old_event = EventFactory(
        published=True, start=at(datetime.date(2021, 5, 3)), end=at(datetime.date(2021, 5, 4))
    )
    RegistrationFactory(event=old_event, first_name="Ancien")
    day = (TODAY + datetime.timedelta(days=30)).isoformat()
    before = (
        list(Beneficiary.objects.values().order_by("pk")),
        list(Registration.objects.values().order_by("pk")),
    )
    out = StringIO()
    call_command("purge_personal_data", "--dry-run", f"--today={day}", stdout=out)
    text = out.getvalue()
    assert "Would anonymise 1 beneficiaries (left)" in text and "B-LEFT" in text
    assert "Would anonymise 1 beneficiaries (inactive" in text and quiet.reference in text
    assert "Would anonymise 1 registrations" in text
    after = (
        list(Beneficiary.objects.values().order_by("pk")),
        list(Registration.objects.values().order_by("pk")),
    )
    assert after == before
    call_command("purge_personal_data", f"--today={day}", stdout=StringIO())
    left.refresh_from_db()
    quiet.refresh_from_db()
    assert left.anonymised_at and quiet.anonymised_at
