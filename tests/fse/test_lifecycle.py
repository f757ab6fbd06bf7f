"""The steps due on an FSE+ participant's record, the referent's list and the
reminder emails, and who may see what."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary
from fse import lifecycle, reminders, services
from fse.models import Operation, Participation
from fse.selectors import steps_due_by_referent
from partners.models import Country
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import BeneficiaryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def operation():
    return Operation.objects.get(programme__code="fse-activ-action", code="ateliers-entraide")


def person(referent, **kwargs):
    return BeneficiaryFactory(referent=referent, sex="F", birth_year=1990, education="4", **kwargs)


def test_each_step_is_due_with_its_deadline(operation):
    referent = staff_member()
    entered, _ = services.enter(person(referent), operation, D(2025, 3, 3))
    left, _ = services.enter(person(referent), operation, D(2024, 6, 3))
    services.confirm_entry_data(left, D(2024, 6, 10))
    services.leave(left, D(2024, 9, 30))

    steps = lifecycle.due_steps(Participation.objects.all(), D(2025, 3, 31))

    # Entry of 3 March: 4 weeks later. Left on 30 September: exit data by 28 October
    # (overdue), the six-month follow-up from 30 March 2025, by 27 April.
    assert [(s.participation, s.step, s.deadline) for s in steps] == [
        (left, lifecycle.EXIT, D(2024, 10, 28)),
        (entered, lifecycle.ENTRY, D(2025, 3, 31)),
        (left, lifecycle.FOLLOW_UP, D(2025, 4, 27)),
    ]
    assert steps[0].overdue(D(2025, 3, 31)) and not steps[1].overdue(D(2025, 3, 31))


def test_the_follow_up_is_not_due_before_six_months(operation):
    participation, _ = services.enter(person(staff_member()), operation, D(2024, 6, 3))
    services.confirm_entry_data(participation, D(2024, 6, 4))
    services.leave(participation, D(2024, 9, 30))
    services.record_exit_situation(participation, D(2024, 10, 1), job_searching=True)

    assert lifecycle.due_steps(Participation.objects.all(), D(2025, 3, 29)) == []


def test_entry_data_cannot_be_confirmed_while_incomplete(operation):
    participation, _ = services.enter(
        BeneficiaryFactory(sex="", registered_job_seeker=False), operation, D(2025, 3, 3)
    )
    with pytest.raises(services.IncompleteEntryData) as refused:
        services.confirm_entry_data(participation, D(2025, 3, 4))
    assert len(refused.value.missing) == 3  # sex, education, labour-market status
    participation.refresh_from_db()
    assert participation.entry_data_confirmed_on is None


def test_a_person_enters_an_operation_once(operation):
    participation, _ = services.enter(person(None), operation, D(2025, 3, 3))
    with pytest.raises(IntegrityError):
        Participation.objects.create(
            beneficiary=participation.beneficiary, operation=operation, entry_date=D(2025, 4, 1)
        )


def test_a_disability_is_refused_without_explicit_consent():
    with pytest.raises(IntegrityError):
        BeneficiaryFactory(disability=True, disability_consent_at=None)


def test_the_referent_lists_only_their_own_steps(client, operation):
    referent, colleague = staff_member(), staff_member()
    mine, _ = services.enter(person(referent), operation, timezone.localdate())
    services.enter(person(colleague), operation, timezone.localdate())
    client.force_login(referent)

    response = client.get(reverse("fse:steps_due"))

    assert response.status_code == 200
    assert [step.participation for step, _overdue in response.context["steps"]] == [mine]
    assert mine.beneficiary.reference in response.content.decode()


def test_the_list_of_steps_is_refused_to_accounts_without_people(client):
    client.force_login(committee_member())
    assert client.get(reverse("fse:steps_due")).status_code == 403
    client.logout()
    assert client.get(reverse("fse:steps_due")).status_code == 302


def test_reminders_go_once_to_each_referent_in_their_language(operation):
    team = staff_member()
    german = partner_referent(OrganisationFactory(country=Country.GERMANY))
    services.enter(person(team), operation, D(2025, 3, 3))
    services.enter(person(team), operation, D(2025, 3, 4))
    services.enter(
        person(german, referring_organisation=german.partner_contact.organisation),
        operation,
        D(2025, 3, 5),
    )

    assert reminders.send_reminders(D(2025, 3, 10)) == 2
    assert reminders.send_reminders(D(2025, 3, 10)) == 0  # a second run sends nothing

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {team.email, german.email}
    assert "2 étapes" in by_recipient[team.email].subject
    assert "fälliger Schritt" in by_recipient[german.email].subject
    assert "31/03/2025" in by_recipient[team.email].body


def test_partner_referents_never_see_nor_set_a_disability(client):
    organisation = OrganisationFactory()
    referent = partner_referent(organisation)
    someone = BeneficiaryFactory(referring_organisation=organisation)
    client.force_login(referent)
    url = reverse("admin:beneficiaries_beneficiary_change", args=[someone.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert "disability" not in page.context["adminform"].form.fields
    client.force_login(staff_member())
    assert "disability" in client.get(url).context["adminform"].form.fields
    assert Beneficiary.objects.get(pk=someone.pk).disability is False


def test_the_dashboard_counts_steps_due_and_overdue_by_referent(
    client, operation, django_assert_num_queries
):
    referent = staff_member()
    today = timezone.localdate()
    services.enter(person(referent), operation, today)  # due, not overdue
    late, _ = services.enter(person(referent), operation, today - datetime.timedelta(days=60))
    services.leave(late, today - datetime.timedelta(days=30))  # entry and exit overdue

    with django_assert_num_queries(1):
        rows = list(steps_due_by_referent(today))

    assert [(r["beneficiary__referent"], r["steps"], r["overdue"]) for r in rows] == [
        (referent.pk, 3, 1)
    ]
    client.force_login(referent)
    assert client.get(reverse("staff_dashboard")).context["fse_steps"] == rows
