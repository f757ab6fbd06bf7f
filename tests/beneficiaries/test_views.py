"""Follow-up pages: a person's page with its forms, my caseload, drop-out risks;
who may see whom."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from beneficiaries.models import ContactNote, Outcome, Pathway
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    OrganisationFactory,
    OutcomeFactory,
    PathwayFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def staff():
    return staff_member(first_name="Anna", last_name="Schmitt")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def mission_locale():
    return OrganisationFactory(name="Mission locale de Strasbourg")


@pytest.fixture
def referent(mission_locale):
    return partner_referent(mission_locale)


@pytest.fixture
def referent_client(client, referent):
    client.force_login(referent)
    return client


def person_url(person):
    return reverse("beneficiaries:person", args=[person.pk])


def add_url(person, kind):
    return reverse("beneficiaries:add_record", args=[person.pk, kind])


def _quiet_for_weeks(referent, weeks, **person):
    person = BeneficiaryFactory(referent=referent, **person)
    PathwayFactory(beneficiary=person, start_date=TODAY() - datetime.timedelta(weeks=weeks))
    return person


# Who may see what ------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    person = BeneficiaryFactory()
    for url in [
        reverse("beneficiaries:caseload"),
        reverse("beneficiaries:dropout_risks"),
        person_url(person),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    assert client.post(add_url(person, "note")).url.startswith("/accounts/login/")


def test_committee_members_see_no_one(client):
    person = BeneficiaryFactory()
    client.force_login(committee_member())
    for url in [
        reverse("beneficiaries:caseload"),
        reverse("beneficiaries:dropout_risks"),
        person_url(person),
    ]:
        assert client.get(url).status_code == 403
    assert client.post(add_url(person, "pathway"), {}).status_code == 403


@pytest.mark.parametrize("role", [staff_member, partner_referent])
def test_accounts_that_see_people_need_a_second_factor(client, role):
    client.force_login(role(second_factor=False))
    response = client.get(reverse("beneficiaries:caseload"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/totp/activate/")


def test_a_partner_referent_opens_their_organisations_people(referent_client, mission_locale):
    person = BeneficiaryFactory(referring_organisation=mission_locale, last_name="Visible")
    response = referent_client.get(person_url(person))
    assert response.status_code == 200
    assert "Visible" in response.text


def test_other_organisations_people_are_not_found_for_a_partner_referent(referent_client):
    other = BeneficiaryFactory(referred=True, last_name="Hidden")
    unreferred = BeneficiaryFactory(last_name="Unreferred")
    for person in (other, unreferred):
        assert referent_client.get(person_url(person)).status_code == 404
        response = referent_client.post(
            add_url(person, "pathway"),
            {
                "pathway-scheme": "tremplin",
                "pathway-start_date": "2025-01-06",
                "pathway-status": "open",
            },
        )
        assert response.status_code == 404
    assert not Pathway.objects.exists()


def test_search_never_shows_other_organisations_people(referent_client, mission_locale):
    mine = BeneficiaryFactory(referring_organisation=mission_locale, last_name="Dupont")
    BeneficiaryFactory(referred=True, last_name="Dupont")
    BeneficiaryFactory(last_name="Dupont")
    response = referent_client.get(reverse("beneficiaries:caseload"), {"q": "dupont"})
    assert response.context["people"] == [mine]
    assert response.text.count("Dupont") == 1


def test_a_partner_referent_adds_a_pathway_and_an_outcome_for_their_person(
    referent_client, mission_locale
):
    person = BeneficiaryFactory(referring_organisation=mission_locale)
    pathway = referent_client.post(
        add_url(person, "pathway"),
        {
            "pathway-scheme": "tremplin",
            "pathway-start_date": "2025-01-06",
            "pathway-status": "open",
        },
        follow=True,
    )
    outcome = referent_client.post(
        add_url(person, "outcome"),
        {
            "outcome-kind": "training",
            "outcome-date": "2025-03-01",
            "outcome-language_training": "on",
        },
        follow=True,
    )
    assert person.pathways.get().start_date == datetime.date(2025, 1, 6)
    assert person.outcomes.get().language_training
    # Each record is confirmed in a whole sentence, with the French agreement.
    assert [str(m) for m in pathway.context["messages"]] == ["Parcours ajouté."]
    assert [str(m) for m in outcome.context["messages"]] == ["Sortie ajoutée."]


def test_partner_referent_records_contact_notes_for_their_people_only(
    referent_client, referent, mission_locale
):
    mine = BeneficiaryFactory(referring_organisation=mission_locale)
    other = BeneficiaryFactory(referring_organisation=OrganisationFactory())
    assert "note" in referent_client.get(person_url(mine)).context["forms"]
    data = {"note-date": "2025-01-06", "note-channel": "phone", "note-text": "Relance"}
    assert referent_client.post(add_url(other, "note"), data).status_code == 404
    assert referent_client.post(add_url(mine, "note"), data).status_code == 302
    note = ContactNote.objects.get()
    assert (note.beneficiary, note.author, note.text) == (mine, referent, "Relance")


def test_contact_notes_are_offered_only_to_accounts_allowed_to_add_them(client, mission_locale):
    reader = partner_referent(mission_locale)
    reader.groups.clear()
    reader.user_permissions.add(Permission.objects.get(codename="view_beneficiary"))
    client.force_login(reader)
    person = BeneficiaryFactory(referring_organisation=mission_locale)
    response = client.get(person_url(person))
    assert response.status_code == 200
    assert "note" not in response.context["forms"]
    refused = client.post(
        add_url(person, "note"), {"note-date": "2025-01-06", "note-channel": "phone"}
    )
    assert refused.status_code == 403
    assert not ContactNote.objects.exists()


# The person's page -----------------------------------------------------------------


def test_person_page_shows_pathways_outcomes_notes_and_attendance(staff_client, staff):
    person = BeneficiaryFactory(first_name="Léa", last_name="Martin")
    PathwayFactory(beneficiary=person)
    OutcomeFactory(beneficiary=person, job_in_germany=True)
    ContactNote.objects.create(
        beneficiary=person, date=TODAY(), channel="phone", text="Relance CV", author=staff
    )
    AttendanceFactory(followed=True, beneficiary=person)
    response = staff_client.get(person_url(person))
    assert response.status_code == 200
    assert set(response.context["forms"]) == {"note", "pathway", "outcome"}
    assert "Relance CV" in response.text
    assert len(response.context["pathways"]) == 1
    assert len(response.context["outcomes"]) == 1
    assert len(response.context["attendances"]) == 1


def test_staff_record_a_contact_note_with_themselves_as_author(staff_client, staff):
    person = BeneficiaryFactory()
    response = staff_client.post(
        add_url(person, "note"),
        {"note-date": TODAY().isoformat(), "note-channel": "phone", "note-text": "Entretien"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#notes")
    note = person.contact_notes.get()
    assert (note.channel, note.text, note.author) == ("phone", "Entretien", staff)


def test_a_note_in_the_future_is_refused_and_the_text_kept(staff_client):
    person = BeneficiaryFactory()
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = staff_client.post(
        add_url(person, "note"),
        {"note-date": tomorrow.isoformat(), "note-channel": "email", "note-text": "À garder"},
    )
    assert response.status_code == 200
    assert "date" in response.context["forms"]["note"].errors
    assert "À garder" in response.text
    assert not ContactNote.objects.exists()


def test_a_job_without_contract_is_refused_with_the_rule(staff_client):
    person = BeneficiaryFactory()
    response = staff_client.post(
        add_url(person, "outcome"), {"outcome-kind": "job", "outcome-date": "2025-03-01"}
    )
    assert response.status_code == 200
    with translation.override("fr"):
        rule = str(Outcome._meta.constraints[0].violation_error_message)
    assert rule in response.context["forms"]["outcome"].non_field_errors()
    assert not Outcome.objects.exists()


def test_a_pathway_ending_before_it_starts_is_refused(staff_client):
    person = BeneficiaryFactory()
    response = staff_client.post(
        add_url(person, "pathway"),
        {
            "pathway-scheme": "gptec",
            "pathway-start_date": "2025-03-01",
            "pathway-end_date": "2025-02-01",
            "pathway-status": "completed",
        },
    )
    assert response.status_code == 200
    assert not Pathway.objects.exists()


def test_nothing_is_added_to_an_anonymised_person(staff_client):
    person = BeneficiaryFactory(anonymised_at=timezone.now())
    response = staff_client.post(
        add_url(person, "note"), {"note-date": TODAY().isoformat(), "note-channel": "phone"}
    )
    assert response.status_code == 302
    assert not ContactNote.objects.exists()
    assert staff_client.get(person_url(person)).context["forms"] == {}


def test_an_unknown_kind_of_record_is_refused(staff_client):
    person = BeneficiaryFactory()
    assert staff_client.post(add_url(person, "registration"), {}).status_code == 403


# Caseload and drop-out risks -------------------------------------------------------------


def test_my_caseload_lists_my_people_with_their_last_contact(staff_client, staff):
    mine = BeneficiaryFactory(referent=staff)
    ContactNote.objects.create(beneficiary=mine, date=datetime.date(2025, 5, 2), channel="email")
    BeneficiaryFactory(referent=staff_member())
    BeneficiaryFactory(referent=staff, anonymised_at=timezone.now())
    response = staff_client.get(reverse("beneficiaries:caseload"))
    assert response.context["people"] == [mine]
    assert response.context["people"][0].last_contact == datetime.date(2025, 5, 2)


def test_a_partner_referents_caseload_holds_only_their_organisations_people(
    referent_client, referent, mission_locale
):
    mine = BeneficiaryFactory(referent=referent, referring_organisation=mission_locale)
    # Named as their referent by mistake, but referred by another partner.
    BeneficiaryFactory(referent=referent, referred=True)
    response = referent_client.get(reverse("beneficiaries:caseload"))
    assert response.context["people"] == [mine]


def test_a_partner_referents_caseload_is_every_person_their_organisation_refers(
    referent_client, referent, mission_locale
):
    named = BeneficiaryFactory(referent=referent, referring_organisation=mission_locale)
    colleagues = BeneficiaryFactory(
        referent=staff_member(), referring_organisation=mission_locale, last_name="Zimmer"
    )
    unnamed = BeneficiaryFactory(referent=None, referring_organisation=mission_locale)
    BeneficiaryFactory(referring_organisation=mission_locale, anonymised_at=timezone.now())
    BeneficiaryFactory(referred=True, last_name="Ailleurs")
    BeneficiaryFactory(last_name="Personne")
    response = referent_client.get(reverse("beneficiaries:caseload"))
    assert set(response.context["people"]) == {named, colleagues, unnamed}
    assert "Mission locale de Strasbourg" in response.text
    assert "Ailleurs" not in response.text


def test_a_partner_referent_never_widens_the_caseload_to_other_organisations(
    referent_client, mission_locale
):
    mine = BeneficiaryFactory(referring_organisation=mission_locale)
    other = BeneficiaryFactory(referred=True, last_name="Ailleurs")
    for query in ({"referent": "all"}, {"referent": str(other.referent_id or "")}):
        response = referent_client.get(reverse("beneficiaries:caseload"), query)
        assert response.context["people"] == [mine]
        assert "Ailleurs" not in response.text
        assert "scope" not in response.context


def test_a_partner_referent_whose_organisation_refers_no_one_is_told_so(referent_client):
    BeneficiaryFactory(referred=True)
    response = referent_client.get(reverse("beneficiaries:caseload"))
    assert response.context["people"] == []
    assert "Votre organisation n’oriente encore personne." in response.text


def test_a_team_member_sees_their_people_then_a_colleagues_or_everyone(staff_client, staff):
    mine = BeneficiaryFactory(referent=staff)
    colleague = staff_member(first_name="Jonas", last_name="Keller")
    theirs = BeneficiaryFactory(referent=colleague, referred=True)
    nobodys = BeneficiaryFactory(referent=None)
    url = reverse("beneficiaries:caseload")
    assert staff_client.get(url).context["people"] == [mine]
    by_colleague = staff_client.get(url, {"referent": colleague.pk})
    assert by_colleague.context["people"] == [theirs]
    assert "Jonas Keller" in by_colleague.text
    everyone = staff_client.get(url, {"referent": "all"}).context["people"]
    assert set(everyone) == {mine, theirs, nobodys}
    # A referent who is not in the team is not a choice: back to the account's own.
    stranger = BeneficiaryFactory(referent=UserFactory())
    assert staff_client.get(url, {"referent": stranger.referent_id}).context["people"] == [mine]


def test_the_caseload_is_paged_fifty_people_at_a_time(referent_client, mission_locale):
    BeneficiaryFactory.create_batch(55, referring_organisation=mission_locale)
    url = reverse("beneficiaries:caseload")
    first = referent_client.get(url)
    second = referent_client.get(url, {"page": 2})
    assert len(first.context["people"]) == 50
    assert len(second.context["people"]) == 5
    assert not set(first.context["people"]) & set(second.context["people"])
    assert "55 personnes." in first.text
    assert 'href="?page=2"' in first.text


def test_dropout_risks_list_my_quiet_people_only(staff_client, staff):
    quiet = _quiet_for_weeks(staff, 8, last_name="Calme")
    _quiet_for_weeks(staff, 3, last_name="Récent")
    _quiet_for_weeks(staff_member(), 8, last_name="Autre")
    response = staff_client.get(reverse("beneficiaries:dropout_risks"))
    assert [p.beneficiary for p in response.context["risks"]] == [quiet]
    assert response.context["risks"][0].weeks_quiet == 8
    assert "Calme" in response.text
    assert "Récent" not in response.text


def test_a_partner_referents_dropout_risks_are_their_organisations_quiet_people(
    referent_client, mission_locale
):
    quiet = _quiet_for_weeks(staff_member(), 8, referring_organisation=mission_locale)
    _quiet_for_weeks(staff_member(), 8, referred=True, last_name="Ailleurs")
    response = referent_client.get(reverse("beneficiaries:dropout_risks"))
    assert [p.beneficiary for p in response.context["risks"]] == [quiet]
    assert "Ailleurs" not in response.text


# Query counts: the bounds are the counts measured when the pages were written.


@pytest.mark.parametrize("rows", [3, 60])
def test_caseload_queries_do_not_grow_with_people(
    staff_client, staff, django_assert_max_num_queries, rows
):
    for _row in range(rows):
        person = BeneficiaryFactory(referent=staff, referred=True, qpv=True)
        ContactNote.objects.create(beneficiary=person, date=TODAY(), channel="phone")
        AttendanceFactory(followed=True, beneficiary=person, event=EventFactory(past=True))
    with django_assert_max_num_queries(9):
        response = staff_client.get(reverse("beneficiaries:caseload"), {"referent": "all"})
    assert len(response.context["people"]) == min(rows, 50)


@pytest.mark.parametrize("rows", [3, 60])
def test_a_partner_referents_caseload_queries_do_not_grow_with_people(
    referent_client, mission_locale, django_assert_max_num_queries, rows
):
    for _row in range(rows):
        person = BeneficiaryFactory(referring_organisation=mission_locale, qpv=True)
        ContactNote.objects.create(beneficiary=person, date=TODAY(), channel="phone")
    with django_assert_max_num_queries(10):
        response = referent_client.get(reverse("beneficiaries:caseload"))
    assert len(response.context["people"]) == min(rows, 50)


@pytest.mark.parametrize("rows", [3, 30])
def test_dropout_queries_do_not_grow_with_people(
    staff_client, staff, django_assert_max_num_queries, rows
):
    for _row in range(rows):
        _quiet_for_weeks(staff, 10, referred=True)
    with django_assert_max_num_queries(7):
        response = staff_client.get(reverse("beneficiaries:dropout_risks"))
    assert len(response.context["risks"]) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_person_page_queries_do_not_grow_with_records(
    staff_client, staff, django_assert_max_num_queries, rows
):
    person = BeneficiaryFactory(referent=staff, referred=True, qpv=True)
    for _row in range(rows):
        PathwayFactory(beneficiary=person)
        OutcomeFactory(beneficiary=person, job_in_germany=True)
        ContactNote.objects.create(beneficiary=person, date=TODAY(), channel="phone", author=staff)
        AttendanceFactory(followed=True, beneficiary=person)
    with django_assert_max_num_queries(12):
        response = staff_client.get(person_url(person))
    assert len(response.context["outcomes"]) == rows


@pytest.mark.parametrize(
    "phone, href",
    [
        ("03 88 12 34 56", "tel:0388123456"),
        ("+33 3 88 12 34 56", "tel:+33388123456"),
        ("+49 (0)781 123-45", "tel:+4978112345"),
    ],
)
def test_the_phone_link_is_a_valid_tel_address(staff_client, phone, href):
    person = BeneficiaryFactory(phone=phone)
    response = staff_client.get(person_url(person))
    assert f'<a href="{href}">{phone}</a>' in response.text
