"""A big event's check-in sheet: the name search (no JavaScript: a GET form) and
"everyone registered present" with its undo."""

import pytest
from django.urls import reverse

from events import attendance as check_in
from events import roll_call
from events.models import Attendance
from tests.accounts import partner_referent, staff_member
from tests.factories import AttendanceFactory, BeneficiaryFactory, EventFactory, RegistrationFactory

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
    return EventFactory(published=True)


def _sheet(client, event, **params):
    return client.get(reverse("staff_events:check_in", args=[event.pk]), params)


def _names(response):
    sheet = response.context["sheet"]
    rows = sheet.confirmed + sheet.waitlisted
    return sorted(row.registration.last_name for row in rows) + [
        a.walk_in_name for a in sheet.walk_ins
    ]


# Search -----------------------------------------------------------------------------


def test_search_keeps_only_the_matching_names_whatever_case_and_accents(staff_client, event):
    RegistrationFactory(event=event, first_name="Jürgen", last_name="Müller")
    RegistrationFactory(event=event, first_name="Léa", last_name="Martin")
    RegistrationFactory(event=event, waitlisted=True, first_name="Ana", last_name="Mulero")
    AttendanceFactory(event=event, walk_in=True, walk_in_name="Paul Muller")
    response = _sheet(staff_client, event, q="MULL")
    assert _names(response) == ["Müller", "Paul Muller"]
    assert response.context["totals"]["rows"] == 4
    assert 'value="MULL"' in response.text


def test_search_on_first_and_last_name_together(staff_client, event):
    RegistrationFactory(event=event, first_name="Léa", last_name="Martin")
    RegistrationFactory(event=event, first_name="Paul", last_name="Martin")
    assert _names(_sheet(staff_client, event, q="lea martin")) == ["Martin"]


def test_search_with_no_match_says_so_and_offers_everyone_again(staff_client, event):
    RegistrationFactory(event=event, last_name="Martin")
    response = _sheet(staff_client, event, q="Zzz", HTTP_ACCEPT_LANGUAGE="fr")
    assert _names(response) == []
    assert "0 sur 1 affiché" in response.text
    assert f'href="{reverse("staff_events:check_in", args=[event.pk])}"' in response.text


def test_a_tap_during_a_search_comes_back_to_the_same_search(staff_client, event):
    registration = RegistrationFactory(event=event, last_name="Müller")
    response = staff_client.post(
        reverse("staff_events:mark", args=[event.pk, registration.pk]),
        {"present": "1", "q": "müll"},
    )
    assert response.status_code == 302
    assert response.url.endswith(f"?q=m%C3%BCll#registration-{registration.pk}")
    assert Attendance.objects.get(registration=registration).present


def test_search_page_queries_do_not_grow_with_rows(
    staff_client, event, django_assert_max_num_queries
):
    for _row in range(30):
        RegistrationFactory(event=event)
    with django_assert_max_num_queries(9):
        response = _sheet(staff_client, event, q="a")
    assert response.status_code == 200


# Everyone present -------------------------------------------------------------------


def test_all_present_marks_the_unmarked_confirmed_and_keeps_absent_and_waiting(event, staff):
    unmarked = RegistrationFactory.create_batch(3, event=event)
    absent = RegistrationFactory(event=event)
    check_in.mark_present(absent, False, by=staff)
    waiting = RegistrationFactory(event=event, waitlisted=True)
    batch = roll_call.mark_all_present(event, by=staff)
    assert batch.count == 3 and batch.kept_absent == 1
    present = set(Attendance.objects.filter(present=True).values_list("registration", flat=True))
    assert present == {r.pk for r in unmarked}
    assert not Attendance.objects.get(registration=absent).present
    assert not Attendance.objects.filter(registration=waiting).exists()


def test_all_present_links_people_already_followed(event, staff):
    person = BeneficiaryFactory()
    registration = RegistrationFactory(event=event, beneficiary=person)
    roll_call.mark_all_present(event, by=staff)
    assert Attendance.objects.get(registration=registration).beneficiary == person


def test_undo_unmarks_the_batch_but_keeps_what_staff_changed_since(event, staff):
    kept, changed, undone = RegistrationFactory.create_batch(3, event=event)
    check_in.mark_present(kept, True, by=staff)
    batch = roll_call.mark_all_present(event, by=staff)
    check_in.mark_present(changed, False, by=staff)
    assert roll_call.undo_mark_all(event, batch.created, batch.until) == 1
    assert not Attendance.objects.filter(registration=undone).exists()
    assert Attendance.objects.get(registration=kept).present
    assert not Attendance.objects.get(registration=changed).present


def test_all_present_then_undo_from_the_page(staff_client, event):
    registrations = RegistrationFactory.create_batch(3, event=event)
    page = _sheet(staff_client, event, HTTP_ACCEPT_LANGUAGE="fr")
    assert "(3 non encore pointées)" in page.text
    response = staff_client.post(
        reverse("staff_events:all_present", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(present=True).count() == 3
    page = staff_client.get(response.url, HTTP_ACCEPT_LANGUAGE="fr")
    assert "3 personnes pointées présentes." in [str(m) for m in page.context["messages"]]
    assert reverse("staff_events:undo_all", args=[event.pk]) in page.text
    assert page.context["totals"]["present"] == 3
    response = staff_client.post(reverse("staff_events:undo_all", args=[event.pk]))
    assert response.status_code == 302
    assert not Attendance.objects.filter(registration__in=registrations).exists()
    page = staff_client.get(response.url)
    assert reverse("staff_events:undo_all", args=[event.pk]) not in page.text


def test_undo_twice_does_nothing_the_second_time(staff_client, event):
    RegistrationFactory.create_batch(2, event=event)
    staff_client.post(reverse("staff_events:all_present", args=[event.pk]))
    staff_client.post(reverse("staff_events:undo_all", args=[event.pk]))
    check_in.mark_present(RegistrationFactory(event=event), True, by=staff_member())
    response = staff_client.post(
        reverse("staff_events:undo_all", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 302
    assert Attendance.objects.count() == 1
    page = staff_client.get(response.url)
    assert [m.level_tag for m in page.context["messages"]][-1] == "error"


def test_undo_of_one_event_does_not_touch_another(staff_client, event):
    RegistrationFactory(event=event)
    other = EventFactory(published=True)
    RegistrationFactory(event=other)
    staff_client.post(reverse("staff_events:all_present", args=[event.pk]))
    staff_client.post(reverse("staff_events:all_present", args=[other.pk]))
    staff_client.post(reverse("staff_events:undo_all", args=[event.pk]))
    assert list(Attendance.objects.values_list("event", flat=True)) == [other.pk]


@pytest.mark.parametrize("name", ["all_present", "undo_all"])
def test_all_present_and_undo_are_post_only_and_for_the_team(client, event, name):
    url = reverse(f"staff_events:{name}", args=[event.pk])
    client.force_login(staff_member())
    assert client.get(url).status_code == 405
    client.force_login(partner_referent())
    assert client.post(url).status_code == 403


def test_every_registered_row_has_the_same_parts_marked_or_not(staff_client, staff, event):
    marked, unmarked = RegistrationFactory.create_batch(2, event=event)
    check_in.mark_present(marked, True, by=staff)
    response = _sheet(staff_client, event)
    html = response.text
    for registration in (marked, unmarked):
        row = html[html.index(f'id="registration-{registration.pk}"') :]
        row = row[: row.index("</li>")]
        assert row.count('name="present"') == 2
        assert row.count('class="button') == 1  # the link, or its place before marking
