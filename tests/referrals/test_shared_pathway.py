"""A person followed by two organisations at once: each sees the shared timeline
(events attended, shareable notes, referrals, outcomes) and not the notes the other
marked private; the drop-out risk counts a contact by either of them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import ContactNote
from beneficiaries.selectors import dropout_risks, quiet_pathways
from referrals import services
from referrals.models import SharedField
from referrals.selectors import shared_timeline
from tests.accounts import partner_referent, staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    ContactFactory,
    EventFactory,
    OrganisationFactory,
    OutcomeFactory,
    PathwayFactory,
)

from .helpers import send

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def mission_locale():
    return OrganisationFactory(name="Mission locale de Strasbourg")


@pytest.fixture
def spt():
    return OrganisationFactory(name="SPT Kehl", german=True)


@pytest.fixture
def person(mission_locale):
    """Referred by the Mission locale, in a pathway open for ten weeks."""
    person = BeneficiaryFactory(referring_organisation=mission_locale, last_name="Quenouillard")
    PathwayFactory(beneficiary=person, start_date=TODAY() - datetime.timedelta(weeks=10))
    return person


@pytest.fixture
def ml_referent(mission_locale):
    return partner_referent(mission_locale)


@pytest.fixture
def spt_referent(spt):
    return partner_referent(spt)


@pytest.fixture
def shared(person, spt, spt_referent):
    """The SPT accepted a referral of the person: both organisations follow them."""
    referral = send(person, spt)
    services.accept_referral(referral, spt_referent.partner_contact, channel="portal")
    return referral


def note(person, author, organisation, text, *, private=False, days_ago=1):
    return ContactNote.objects.create(
        beneficiary=person,
        date=TODAY() - datetime.timedelta(days=days_ago),
        channel="phone",
        text=text,
        author=author,
        organisation=organisation,
        private=private,
    )


def test_the_receiving_organisation_follows_with_the_shared_data_only(
    client, person, spt_referent, shared
):
    client.force_login(spt_referent)
    response = client.get(reverse("referrals:timeline", args=[person.pk]))
    assert response.status_code == 200
    assert [label for label, _value in response.context["shared"]] == [SharedField.SITUATION.label]
    page = response.content.decode()
    assert person.last_name not in page and person.email not in page
    # The whole record stays with the referring organisation and the team.
    assert client.get(reverse("beneficiaries:person", args=[person.pk])).status_code == 404
    assert person not in client.get(reverse("beneficiaries:caseload")).context["people"]


def test_each_follower_sees_the_shared_timeline_and_not_the_others_private_notes(
    person, mission_locale, spt, ml_referent, spt_referent, shared
):
    note(person, ml_referent, mission_locale, "Point CV partagé")
    note(person, ml_referent, mission_locale, "Difficultés familiales", private=True)
    note(person, spt_referent, spt, "Entretien SPT")
    note(person, spt_referent, spt, "Note interne SPT", private=True)
    event = EventFactory(past=True)
    AttendanceFactory(beneficiary=person, event=event, registration=None, present=True)
    OutcomeFactory(beneficiary=person)

    def texts(user):
        return {step.detail for step in shared_timeline(user, person) if step.kind == "note"}

    assert texts(spt_referent) == {"Point CV partagé", "Entretien SPT", "Note interne SPT"}
    assert texts(ml_referent) == {"Point CV partagé", "Entretien SPT", "Difficultés familiales"}
    assert texts(staff_member()) == {
        "Point CV partagé",
        "Entretien SPT",
        "Difficultés familiales",
        "Note interne SPT",
    }
    kinds = {step.kind for step in shared_timeline(spt_referent, person)}
    assert kinds == {"note", "attendance", "referral", "outcome", "following"}


def test_private_notes_of_another_organisation_are_kept_out_of_every_page(
    client, person, mission_locale, spt, ml_referent, spt_referent, shared
):
    private = note(person, ml_referent, mission_locale, "Difficultés familiales", private=True)
    theirs = note(person, spt_referent, spt, "Note interne SPT", private=True)
    client.force_login(spt_referent)
    timeline = client.get(reverse("referrals:timeline", args=[person.pk]))
    assert timeline.status_code == 200
    assert "Difficultés familiales" not in timeline.content.decode()
    admin_list = client.get(reverse("admin:beneficiaries_contactnote_changelist"), {"q": "Diff"})
    assert private not in admin_list.context["cl"].result_list
    change = reverse("admin:beneficiaries_contactnote_change", args=[private.pk])
    assert client.get(change).status_code in (302, 404)
    history = reverse("admin:beneficiaries_contactnote_history", args=[private.pk])
    assert client.get(history).status_code == 404
    # The referring organisation's person page leaves out the SPT's private note.
    client.force_login(ml_referent)
    page = client.get(reverse("beneficiaries:person", args=[person.pk]))
    assert private in page.context["notes"] and theirs not in page.context["notes"]


def test_a_follower_adds_a_note_from_the_timeline_and_it_belongs_to_them(
    client, person, spt, spt_referent, shared
):
    client.force_login(spt_referent)
    response = client.post(
        reverse("referrals:timeline", args=[person.pk]),
        {
            "note-date": TODAY().isoformat(),
            "note-channel": "phone",
            "note-text": "Premier entretien",
            "note-private": "on",
        },
    )
    assert response.status_code == 302
    written = ContactNote.objects.get()
    assert (written.organisation, written.private, written.author) == (spt, True, spt_referent)


def test_a_note_in_the_future_is_refused_on_the_timeline(client, person, spt_referent, shared):
    client.force_login(spt_referent)
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = client.post(
        reverse("referrals:timeline", args=[person.pk]),
        {"note-date": tomorrow.isoformat(), "note-channel": "phone", "note-text": "À garder"},
    )
    assert response.status_code == 400
    assert "À garder" in response.content.decode()
    assert not ContactNote.objects.exists()


def test_an_organisation_not_following_the_person_sees_no_timeline(client, person, shared):
    client.force_login(partner_referent(OrganisationFactory()))
    assert client.get(reverse("referrals:timeline", args=[person.pk])).status_code == 404


def test_a_follower_that_stopped_no_longer_sees_the_person(client, person, spt_referent, shared):
    services.stop_following(shared.following, TODAY())
    client.force_login(spt_referent)
    assert client.get(reverse("referrals:timeline", args=[person.pk])).status_code == 404


@pytest.mark.parametrize("writer", ["mission_locale", "spt"])
def test_drop_out_risk_counts_a_contact_by_either_organisation(
    request, writer, person, ml_referent, spt_referent, shared
):
    # Quiet for ten weeks: a risk on the referring organisation's list.
    assert person.pathways.get() in quiet_pathways()
    assert [p.beneficiary for p in dropout_risks(ml_referent)] == [person]
    author = ml_referent if writer == "mission_locale" else spt_referent
    # Even a note the writer keeps private counts as a contact.
    note(person, author, request.getfixturevalue(writer), "Relance", private=True)
    assert not quiet_pathways().exists()
    assert list(dropout_risks(ml_referent)) == []


def test_the_timeline_query_count_does_not_grow(
    client, person, mission_locale, ml_referent, spt_referent, shared, django_assert_max_num_queries
):
    client.force_login(spt_referent)
    url = reverse("referrals:timeline", args=[person.pk])
    client.get(url)

    def add_rows():
        organisation = OrganisationFactory()
        ContactFactory(organisation=organisation)
        note(person, ml_referent, mission_locale, "Partagée")
        OutcomeFactory(beneficiary=person)
        AttendanceFactory(beneficiary=person, registration=None, event=EventFactory(), present=True)
        send(person, organisation)
        services.follow(person, organisation, start_date=TODAY())

    add_rows()
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(5):
        add_rows()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert (
        len([s for s in response.context["steps"] if s.kind == "following"]) == 7
    )  # the SPT and six more
