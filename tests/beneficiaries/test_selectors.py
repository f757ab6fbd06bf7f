"""Who sees which people, caseloads and drop-out risks."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from beneficiaries.models import ContactNote
from beneficiaries.selectors import caseload, dropout_risks, visible_beneficiaries
from lieu_ressource.roles import COMMITTEE, PARTNER_REFERENT, STAFF
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    ContactFactory,
    EventFactory,
    OrganisationFactory,
    PathwayFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


def paris(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def attended(person, day, present=True):
    event = EventFactory(
        published=True, start=paris(day), end=paris(day) + datetime.timedelta(hours=2)
    )
    AttendanceFactory(
        registration=None, event=event, beneficiary=person, present=present, walk_in_name="x"
    )


@pytest.fixture
def referent():
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    return user


def in_pathway_since(referent, days, **person):
    person = BeneficiaryFactory(referent=referent, **person)
    PathwayFactory(beneficiary=person, start_date=TODAY - datetime.timedelta(days=days))
    return person


def test_person_without_activity_for_six_weeks_is_a_dropout_risk(referent):
    quiet = in_pathway_since(referent, 60)
    attended(quiet, TODAY - datetime.timedelta(weeks=7))
    assert [p.beneficiary for p in dropout_risks(referent, today=TODAY)] == [quiet]


def test_recent_attendance_or_contact_removes_the_risk(referent):
    came = in_pathway_since(referent, 60)
    attended(came, TODAY - datetime.timedelta(weeks=2))
    called = in_pathway_since(referent, 60)
    ContactNote.objects.create(
        beneficiary=called, date=TODAY - datetime.timedelta(days=3), channel="phone"
    )
    assert list(dropout_risks(referent, today=TODAY)) == []


def test_a_no_show_is_not_activity(referent):
    absent = in_pathway_since(referent, 60)
    attended(absent, TODAY - datetime.timedelta(days=5), present=False)
    assert [p.beneficiary for p in dropout_risks(referent, today=TODAY)] == [absent]


def test_a_new_pathway_is_not_yet_a_risk(referent):
    in_pathway_since(referent, 20)
    assert list(dropout_risks(referent, today=TODAY)) == []


def test_closed_pathways_and_other_referents_people_are_not_listed(referent):
    closed = in_pathway_since(referent, 90)
    closed.pathways.update(status="completed", end_date=TODAY)
    in_pathway_since(UserFactory(staff=True), 90)
    assert list(dropout_risks(referent, today=TODAY)) == []


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.mark.parametrize(
    ("start", "quiet"),
    [
        # The threshold is six weeks before today, from its first minute in Paris
        # (22:00 or 23:00 UTC the day before).
        pytest.param(lambda threshold: at(threshold, 0, 0), False, id="threshold-midnight"),
        pytest.param(
            lambda threshold: at(threshold - datetime.timedelta(days=1), 23, 59),
            True,
            id="the-minute-before",
        ),
        pytest.param(lambda threshold: at(TODAY, 23, 0), False, id="late-today"),
    ],
)
def test_attendance_counts_from_the_thresholds_local_midnight_to_the_end_of_today(
    referent, start, quiet
):
    person = in_pathway_since(referent, 60)
    began = start(TODAY - datetime.timedelta(weeks=6))
    event = EventFactory(published=True, start=began, end=began + datetime.timedelta(minutes=30))
    AttendanceFactory(registration=None, event=event, beneficiary=person, walk_in_name="x")
    risks = [p.beneficiary for p in dropout_risks(referent, today=TODAY)]
    assert risks == ([person] if quiet else [])


def test_the_number_of_weeks_is_configurable(referent, settings):
    person = in_pathway_since(referent, 60)
    attended(person, TODAY - datetime.timedelta(weeks=3))
    settings.DROPOUT_WEEKS = 2
    assert [p.beneficiary for p in dropout_risks(referent, today=TODAY)] == [person]


def test_partner_referent_sees_only_their_organisations_referrals():
    mine, other = OrganisationFactory(), OrganisationFactory()
    user = UserFactory()
    user.groups.add(Group.objects.get(name=PARTNER_REFERENT))
    ContactFactory(organisation=mine, user=user)
    own = BeneficiaryFactory(referring_organisation=mine)
    BeneficiaryFactory(referring_organisation=other)
    BeneficiaryFactory()
    assert list(visible_beneficiaries(user)) == [own]


def test_committee_member_and_plain_user_see_nobody():
    BeneficiaryFactory()
    member = UserFactory()
    member.groups.add(Group.objects.get(name=COMMITTEE))
    assert not visible_beneficiaries(member).exists()
    assert not visible_beneficiaries(UserFactory()).exists()


def test_caseload_queries_do_not_grow_with_people(referent, django_assert_max_num_queries):
    def count_queries():
        with django_assert_max_num_queries(2):
            rows = list(caseload(referent))
        return rows

    for _n in range(3):
        attended(in_pathway_since(referent, 30), TODAY)
    assert len(count_queries()) == 3
    for _n in range(30):
        in_pathway_since(referent, 30)
    assert len(count_queries()) == 33
