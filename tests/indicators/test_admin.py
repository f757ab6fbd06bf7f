"""Staff compile, publish and re-issue reports from the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from indicators.models import IndicatorValue, Programme, QuarterlyReport
from lieu_ressource.roles import COMMITTEE, STAFF
from tests.factories import UserFactory


@pytest.fixture
def staff_client(client, settings, db):
    settings.REQUIRE_STAFF_MFA = False
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    client.force_login(user)
    return client


@pytest.fixture
def convention(world):
    return Programme.objects.get(code="convention-2020")


def compile_url():
    return reverse("admin:indicators_quarterlyreport_compile")


def test_report_list_offers_to_compile(staff_client):
    response = staff_client.get(reverse("admin:indicators_quarterlyreport_changelist"))
    assert compile_url() in response.content.decode()


def test_programme_list_links_to_its_report(staff_client, convention):
    response = staff_client.get(reverse("admin:indicators_programme_changelist"))
    assert f"{compile_url()}?programme={convention.pk}" in response.content.decode()


def test_compile_form_queues_a_report_per_language(
    staff_client, convention, fast_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            compile_url(),
            {"programme": convention.pk, "quarter": "2025-Q3", "languages": ["fr", "de"]},
        )

    assert response.status_code == 302
    reports_ = QuarterlyReport.objects.filter(programme=convention, year=2025, quarter=3)
    assert sorted(reports_.values_list("language", "status")) == [("de", "done"), ("fr", "done")]


def test_compile_form_rejects_a_malformed_quarter(staff_client, convention):
    response = staff_client.post(
        compile_url(), {"programme": convention.pk, "quarter": "Q3", "languages": ["fr"]}
    )
    assert response.status_code == 200
    assert "2025-Q3" in response.content.decode()  # the message shows the expected form
    assert not QuarterlyReport.objects.exists()


def test_compile_form_is_refused_without_permission(client, settings, db):
    settings.REQUIRE_STAFF_MFA = False
    member = UserFactory(staff=True)
    member.groups.add(Group.objects.get(name=COMMITTEE))
    client.force_login(member)
    assert client.get(compile_url()).status_code == 403


def test_publish_action_freezes_figures_and_emails_members(
    staff_client, convention, fast_pdf, django_capture_on_commit_callbacks
):
    UserFactory(email="comite@example.org").groups.add(Group.objects.get(name=COMMITTEE))
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            compile_url(), {"programme": convention.pk, "quarter": "2025-Q3", "languages": ["fr"]}
        )
    report = QuarterlyReport.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:indicators_quarterlyreport_changelist"),
            {"action": "publish", "_selected_action": [report.pk], "confirm": "yes"},
        )

    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.PUBLISHED
    assert IndicatorValue.objects.filter(year=2025, quarter=3, frozen=True).exists()
    assert [m.to for m in mail.outbox] == [["comite@example.org"]]


# The email goes once the publication commits, inside the request: a real commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_with_the_mail_server_down_publishes_and_says_the_email_failed(
    staff_client, convention, fast_pdf, mail_server_down
):
    UserFactory(email="comite@example.org").groups.add(Group.objects.get(name=COMMITTEE))
    staff_client.post(
        compile_url(), {"programme": convention.pk, "quarter": "2025-Q3", "languages": ["fr"]}
    )
    report = QuarterlyReport.objects.get()

    response = staff_client.post(
        reverse("admin:indicators_quarterlyreport_changelist"),
        {"action": "publish", "_selected_action": [report.pk], "confirm": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.PUBLISHED
    shown = [str(m) for m in response.context["messages"]]
    assert any("n’a pas pu être envoyé" in m or "could not be sent" in m for m in shown), shown


def test_new_version_action_opens_version_two(
    staff_client, convention, fast_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            compile_url(), {"programme": convention.pk, "quarter": "2025-Q3", "languages": ["fr"]}
        )
    changelist = reverse("admin:indicators_quarterlyreport_changelist")
    report = QuarterlyReport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            changelist, {"action": "publish", "_selected_action": [report.pk], "confirm": "yes"}
        )
        staff_client.post(changelist, {"action": "new_version", "_selected_action": [report.pk]})

    versions = QuarterlyReport.objects.order_by("version").values_list("version", "status")
    assert list(versions) == [(1, "published"), (2, "done")]


def test_computed_values_link_to_their_records(staff_client, convention, fast_pdf):
    from indicators import values
    from indicators.quarters import Quarter

    values.refresh_values(convention, [Quarter(2025, 3)])
    value = IndicatorValue.objects.filter(indicator__code="C4.1").get()

    response = staff_client.get(reverse("admin:indicators_indicatorvalue_changelist"))

    url = reverse("indicators_staff:indicator_records", args=[value.indicator_id, "2025-Q3"])
    assert url in response.content.decode()
