"""Check-in at the door: the services, who may use the pages, and what the pages do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from beneficiaries.models import Beneficiary
from events import attendance as check_in
from events.models import Attendance, Registration
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return staff_member()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def event():
    return EventFactory(published=True, title_fr="Job dating franco-allemand")


# Services ---------------------------------------------------------------------------


def test_marking_a_registered_person_present_creates_their_attendance(event, staff):
    registration = RegistrationFactory(event=event)
    attendance = check_in.mark_present(registration, True, by=staff)
    assert (attendance.event, attendance.registration, attendance.present) == (
        event,
        registration,
        True,
    )
    assert attendance.recorded_by == staff


def test_marking_again_changes_the_same_attendance_row(event, staff):
    registration = RegistrationFactory(event=event)
    check_in.mark_present(registration, True, by=staff)
    check_in.mark_present(registration, False, by=staff)
    assert list(Attendance.objects.values_list("registration", "present")) == [
        (registration.pk, False)
    ]


def test_a_registration_linked_to_a_followed_person_links_their_attendance(event, staff):
    person = BeneficiaryFactory()
    registration = RegistrationFactory(event=event, beneficiary=person)
    assert check_in.mark_present(registration, True, by=staff).beneficiary == person


def test_a_cancelled_registration_cannot_be_marked(event, staff):
    registration = RegistrationFactory(event=event, cancelled=True)
    with pytest.raises(check_in.RegistrationCancelled):
        check_in.mark_present(registration, True, by=staff)
    assert not Attendance.objects.exists()


def test_a_walk_in_without_a_name_is_an_anonymous_attendee(event, staff):
    attendance = check_in.add_walk_in(event, "  ", by=staff)
    assert (attendance.walk_in_name, attendance.present, attendance.beneficiary) == ("", True, None)
    with translation.override("en"):
        assert str(attendance) == "Anonymous attendee"


def test_linking_an_attendee_links_their_registration_too(event, staff):
    registration = RegistrationFactory(event=event)
    attendance = check_in.mark_present(registration, True, by=staff)
    person = BeneficiaryFactory()
    check_in.link_to_beneficiary(attendance, person)
    attendance.refresh_from_db()
    registration.refresh_from_db()
    assert (attendance.beneficiary, registration.beneficiary) == (person, person)


def test_a_person_cannot_be_linked_twice_to_the_same_event(event, staff):
    person = BeneficiaryFactory()
    first = check_in.add_walk_in(event, "Lea", by=staff)
    second = check_in.add_walk_in(event, "Léa", by=staff)
    check_in.link_to_beneficiary(first, person)
    with pytest.raises(check_in.AlreadyOnTheList):
        check_in.link_to_beneficiary(second, person)
    second.refresh_from_db()
    assert second.beneficiary is None


def test_an_anonymised_person_cannot_be_linked(event, staff):
    person = BeneficiaryFactory(anonymised_at="2025-01-01T00:00Z")
    attendance = check_in.add_walk_in(event, "", by=staff)
    with pytest.raises(check_in.PersonAnonymised):
        check_in.link_to_beneficiary(attendance, person)


def test_leaving_anonymous_removes_both_links(event, staff):
    person = BeneficiaryFactory()
    registration = RegistrationFactory(event=event, beneficiary=person)
    attendance = check_in.mark_present(registration, True, by=staff)
    check_in.leave_anonymous(attendance)
    attendance.refresh_from_db()
    registration.refresh_from_db()
    assert (attendance.beneficiary, registration.beneficiary) == (None, None)
    assert attendance.present


def test_a_new_person_gets_the_next_reference_consent_and_the_link(event, staff):
    BeneficiaryFactory(reference="LR-000041")
    BeneficiaryFactory(reference="LR-9")
    BeneficiaryFactory(reference="ANON-77")
    attendance = check_in.add_walk_in(event, "Jonas Keller", by=staff)
    person = check_in.create_beneficiary_from_attendance(
        attendance,
        by=staff,
        referent=staff,
        first_name="Jonas",
        last_name="Keller",
        email="jonas@example.de",
        phone="",
        registered_job_seeker=True,
        rsa_recipient=True,
        consent_scope="Suivi",
    )
    assert person.reference == "LR-000042"
    assert person.consent_at is not None and person.consent_scope == "Suivi"
    assert person.referent == staff
    attendance.refresh_from_db()
    assert attendance.beneficiary == person


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (("Jürgen", "Müller"), ("jurgen", "MULLER")),
        (("Jean-Pierre", "N'Diaye"), ("Jean Pierre", "N’Diaye")),
        (("Anna", "Strauß"), ("anna", "Strauss")),
        (("Éloïse", "Lefèvre"), ("eloise", "LEFEVRE")),
    ],
)
def test_same_names_are_duplicates_whatever_case_accents_and_separators(staff, stored, typed):
    person = BeneficiaryFactory(first_name=stored[0], last_name=stored[1])
    BeneficiaryFactory(first_name=stored[0], last_name="Autre")
    found = check_in.likely_duplicates(staff, first_name=typed[0], last_name=typed[1])
    assert list(found) == [person]


def test_same_email_is_a_duplicate_whatever_its_case(staff):
    person = BeneficiaryFactory(email="lea.martin@example.org")
    found = check_in.likely_duplicates(
        staff, first_name="X", last_name="Y", email="Lea.Martin@Example.ORG"
    )
    assert list(found) == [person]


def test_anonymised_people_are_never_duplicates(staff):
    BeneficiaryFactory(email="old@example.org", anonymised_at="2025-01-01T00:00Z")
    assert list(check_in.likely_duplicates(staff, email="old@example.org")) == []


def test_search_finds_people_by_name_email_or_reference(staff):
    lea = BeneficiaryFactory(first_name="Léa", last_name="Müller", email="lm@example.org")
    other = BeneficiaryFactory(first_name="Paul", last_name="Martin", reference="LR-777777")
    assert list(check_in.search_beneficiaries(staff, "lea muller")) == [lea]
    assert list(check_in.search_beneficiaries(staff, "lm@example")) == [lea]
    assert list(check_in.search_beneficiaries(staff, "777777")) == [other]
    assert list(check_in.search_beneficiaries(staff, "   ")) == []


# Who may use the pages ----------------------------------------------------------------


def _urls(event):
    registration = RegistrationFactory(event=event)
    walk_in = AttendanceFactory(walk_in=True, event=event)
    return [
        ("get", reverse("staff_events:events")),
        ("get", reverse("staff_events:check_in", args=[event.pk])),
        ("post", reverse("staff_events:mark", args=[event.pk, registration.pk])),
        ("post", reverse("staff_events:add_walk_in", args=[event.pk])),
        ("get", reverse("staff_events:link", args=[event.pk, walk_in.pk])),
        ("post", reverse("staff_events:link_existing", args=[event.pk, walk_in.pk])),
        ("post", reverse("staff_events:create_person", args=[event.pk, walk_in.pk])),
        ("post", reverse("staff_events:leave_anonymous", args=[event.pk, walk_in.pk])),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, event):
    for method, url in _urls(event):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url


@pytest.mark.parametrize("role", ["partner_referent", "committee_member"])
def test_partner_referents_and_committee_members_are_refused(client, event, role):
    client.force_login(partner_referent() if role == "partner_referent" else committee_member())
    for method, url in _urls(event):
        assert getattr(client, method)(url, {"present": "1", "name": "x"}).status_code == 403, url
    assert not Attendance.objects.filter(walk_in_name="x").exists()
    assert not Attendance.objects.filter(registration__isnull=False).exists()


def test_staff_without_a_second_factor_must_set_one_up_first(client, event):
    client.force_login(staff_member(second_factor=False))
    response = client.get(reverse("staff_events:check_in", args=[event.pk]))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/totp/activate/")


# What the pages do -----------------------------------------------------------------


def test_event_list_shows_todays_event_with_its_counts(staff_client):
    now = timezone.localtime()
    today = EventFactory(
        published=True,
        title_fr="Permanence du jour",
        start=now.replace(hour=0, minute=1),
        end=now.replace(hour=23, minute=59),
    )
    RegistrationFactory.create_batch(2, event=today)
    RegistrationFactory(event=today, waitlisted=True)
    AttendanceFactory(walk_in=True, event=today)
    EventFactory(cancelled=True, title_fr="Atelier annulé")
    response = staff_client.get(reverse("staff_events:events"))
    assert response.status_code == 200
    [shown] = response.context["today_events"]
    assert (shown, shown.confirmed_count, shown.present_count) == (today, 2, 1)
    assert "Permanence du jour" in response.text
    assert "Atelier annulé" not in response.text


def test_check_in_page_lists_confirmed_and_waitlisted_apart_and_not_cancelled(staff_client, event):
    RegistrationFactory(event=event, first_name="Claire", last_name="Confirmée")
    RegistrationFactory(event=event, waitlisted=True, first_name="Walter", last_name="Wartend")
    RegistrationFactory(event=event, cancelled=True, first_name="Carl", last_name="Cancelled")
    response = staff_client.get(reverse("staff_events:check_in", args=[event.pk]))
    sheet = response.context["sheet"]
    assert [row.registration.last_name for row in sheet.confirmed] == ["Confirmée"]
    assert [row.registration.last_name for row in sheet.waitlisted] == ["Wartend"]
    assert "Cancelled" not in response.text
    assert 'aria-pressed="false"' in response.text


def test_one_tap_marks_present_and_comes_back_to_the_row(staff_client, staff, event):
    registration = RegistrationFactory(event=event)
    response = staff_client.post(
        reverse("staff_events:mark", args=[event.pk, registration.pk]), {"present": "1"}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#registration-{registration.pk}")
    attendance = Attendance.objects.get(registration=registration)
    assert attendance.present and attendance.recorded_by == staff
    page = staff_client.get(reverse("staff_events:check_in", args=[event.pk]))
    assert page.context["sheet"].present_count == 1


def test_a_tap_on_absent_records_a_no_show(staff_client, event):
    registration = RegistrationFactory(event=event)
    staff_client.post(
        reverse("staff_events:mark", args=[event.pk, registration.pk]), {"present": "0"}
    )
    assert Attendance.objects.get(registration=registration).present is False


def test_marking_is_a_post_only_action(staff_client, event):
    registration = RegistrationFactory(event=event)
    url = reverse("staff_events:mark", args=[event.pk, registration.pk])
    assert staff_client.get(url).status_code == 405
    assert not Attendance.objects.exists()


def test_a_registration_of_another_event_is_not_found(staff_client, event):
    other = RegistrationFactory()
    url = reverse("staff_events:mark", args=[event.pk, other.pk])
    assert staff_client.post(url, {"present": "1"}).status_code == 404


def test_walk_ins_are_added_with_or_without_a_name(staff_client, event):
    url = reverse("staff_events:add_walk_in", args=[event.pk])
    staff_client.post(url, {"name": "Jonas Keller"})
    staff_client.post(url, {"name": ""})
    assert sorted(
        Attendance.objects.filter(event=event).values_list("walk_in_name", flat=True)
    ) == ["", "Jonas Keller"]
    page = staff_client.get(reverse("staff_events:check_in", args=[event.pk]))
    assert "Jonas Keller" in page.text
    assert page.context["sheet"].present_count == 2


def test_a_too_long_walk_in_name_is_refused_and_kept_in_the_form(staff_client, event):
    response = staff_client.post(
        reverse("staff_events:add_walk_in", args=[event.pk]), {"name": "x" * 201}
    )
    assert response.status_code == 200
    assert response.context["walk_in_form"].errors
    assert not Attendance.objects.exists()


def test_link_page_warns_of_a_likely_duplicate(staff_client, staff, event):
    person = BeneficiaryFactory(first_name="Jürgen", last_name="Müller")
    registration = RegistrationFactory(event=event, first_name="Jurgen", last_name="Muller")
    attendance = check_in.mark_present(registration, True, by=staff)
    response = staff_client.get(reverse("staff_events:link", args=[event.pk, attendance.pk]))
    assert response.context["duplicates"] == [person]
    assert person.reference in response.text


def test_search_on_the_link_page_finds_a_person(staff_client, event):
    person = BeneficiaryFactory(reference="LR-123456")
    walk_in = AttendanceFactory(walk_in=True, event=event)
    response = staff_client.get(
        reverse("staff_events:link", args=[event.pk, walk_in.pk]), {"q": "123456"}
    )
    assert response.context["results"] == [person]


def test_linking_an_existing_person_from_the_page(staff_client, event):
    person = BeneficiaryFactory()
    walk_in = AttendanceFactory(walk_in=True, event=event)
    response = staff_client.post(
        reverse("staff_events:link_existing", args=[event.pk, walk_in.pk]), {"person": person.pk}
    )
    assert response.status_code == 302
    walk_in.refresh_from_db()
    assert walk_in.beneficiary == person


def test_linking_to_no_one_or_to_an_unknown_person_is_not_found(staff_client, event):
    walk_in = AttendanceFactory(walk_in=True, event=event)
    url = reverse("staff_events:link_existing", args=[event.pk, walk_in.pk])
    for value in ["", "abc", "999999"]:
        assert staff_client.post(url, {"person": value}).status_code == 404


def test_an_attendee_of_another_event_is_not_found(staff_client, event):
    elsewhere = AttendanceFactory(walk_in=True)
    url = reverse("staff_events:link", args=[event.pk, elsewhere.pk])
    assert staff_client.get(url).status_code == 404


def _new_person(**overrides):
    return {
        "first_name": "Jonas",
        "last_name": "Keller",
        "email": "jonas.keller@example.de",
        "phone": "",
        "registered_job_seeker": "on",
        "consent": "on",
        "consent_scope": "Suivi",
        "follow": "on",
        **overrides,
    }


def test_a_new_person_is_created_and_linked_from_the_page(staff_client, staff, event):
    walk_in = AttendanceFactory(walk_in=True, event=event, walk_in_name="Jonas Keller")
    response = staff_client.post(
        reverse("staff_events:create_person", args=[event.pk, walk_in.pk]), _new_person()
    )
    assert response.status_code == 302
    person = Beneficiary.objects.get(email="jonas.keller@example.de")
    assert person.referent == staff
    walk_in.refresh_from_db()
    assert walk_in.beneficiary == person


def test_no_one_is_followed_without_consent(staff_client, event):
    walk_in = AttendanceFactory(walk_in=True, event=event)
    response = staff_client.post(
        reverse("staff_events:create_person", args=[event.pk, walk_in.pk]),
        _new_person(consent=""),
    )
    assert response.status_code == 200
    assert "consent" in response.context["new_form"].errors
    assert response.context["new_form"]["first_name"].value() == "Jonas"
    assert not Beneficiary.objects.filter(last_name="Keller").exists()


def test_a_likely_duplicate_stops_creation_until_confirmed(staff_client, event):
    existing = BeneficiaryFactory(first_name="Jonas", last_name="KELLER")
    walk_in = AttendanceFactory(walk_in=True, event=event)
    url = reverse("staff_events:create_person", args=[event.pk, walk_in.pk])
    response = staff_client.post(url, _new_person())
    assert response.status_code == 200
    assert response.context["duplicates"] == [existing]
    assert Beneficiary.objects.filter(last_name__iexact="keller").count() == 1
    response = staff_client.post(url, _new_person(create_anyway="on"))
    assert response.status_code == 302
    assert Beneficiary.objects.filter(last_name__iexact="keller").count() == 2


def test_leave_anonymous_from_the_page(staff_client, event):
    walk_in = AttendanceFactory(walk_in=True, event=event, followed=True)
    staff_client.post(reverse("staff_events:leave_anonymous", args=[event.pk, walk_in.pk]))
    walk_in.refresh_from_db()
    assert walk_in.beneficiary is None


def test_cancelled_registrations_cannot_be_marked_from_the_page(staff_client, event):
    registration = RegistrationFactory(event=event, cancelled=True)
    response = staff_client.post(
        reverse("staff_events:mark", args=[event.pk, registration.pk]),
        {"present": "1"},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert registration.status == Registration.Status.CANCELLED
    assert not Attendance.objects.exists()


# Query counts: the bounds are the counts measured when the pages were written.


@pytest.mark.parametrize("rows", [3, 30])
def test_check_in_page_queries_do_not_grow_with_attendees(
    staff_client, staff, event, django_assert_max_num_queries, rows
):
    for _row in range(rows):
        registration = RegistrationFactory(event=event, beneficiary=BeneficiaryFactory())
        check_in.mark_present(registration, True, by=staff)
        RegistrationFactory(event=event, waitlisted=True)
        AttendanceFactory(walk_in=True, event=event, followed=True)
    with django_assert_max_num_queries(9):
        response = staff_client.get(reverse("staff_events:check_in", args=[event.pk]))
    assert len(response.context["sheet"].confirmed) == rows
    assert len(response.context["sheet"].walk_ins) == rows


@pytest.mark.parametrize("rows", [3, 30, 45])
def test_event_list_queries_do_not_grow_with_events(
    staff_client, django_assert_max_num_queries, rows
):
    for _row in range(rows):
        RegistrationFactory(event=EventFactory(published=True))
    # Three sections, each a count and a page.
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("staff_events:events"))
    assert len(response.context["coming_events"]) == min(rows, 40)


def test_event_list_pages_a_busy_fortnight_forty_events_at_a_time(staff_client):
    start = timezone.localtime() + datetime.timedelta(days=2)
    for minutes in range(45):
        EventFactory(
            published=True,
            start=start + datetime.timedelta(minutes=minutes),
            end=start + datetime.timedelta(minutes=minutes + 60),
        )
    first = staff_client.get(reverse("staff_events:events"))
    assert len(first.context["coming_events"]) == 40
    assert 'href="?coming_page=2" rel="next"' in first.text
    second = staff_client.get(reverse("staff_events:events"), {"coming_page": 2})
    assert len(second.context["coming_events"]) == 5
    assert not set(second.context["coming_events"]) & set(first.context["coming_events"])
    assert 'href="?coming_page=1" rel="prev"' in second.text


@pytest.mark.parametrize(("language", "title"), [("fr", "Job dating"), ("de", "Jobdating")])
def test_check_in_page_speaks_the_browsers_language(staff_client, language, title):
    event = EventFactory(published=True, title_fr="Job dating", title_de="Jobdating")
    response = staff_client.get(
        reverse("staff_events:check_in", args=[event.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert f'<html lang="{language}">' in response.text
    assert f"<h1>{title}</h1>" in response.text
