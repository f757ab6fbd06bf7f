"""Compiling from the admin answers at once and shows the reports' progress, also in
the embedded default (eager Celery: a background thread); publishing asks for a
confirmation that says who will be emailed."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from indicators import dispatch, services
from indicators.models import IndicatorValue, Programme, QuarterlyReport
from indicators.report_status import status_url
from lieu_ressource.roles import COMMITTEE, STAFF
from tests.factories import UserFactory

CHANGELIST = "admin:indicators_quarterlyreport_changelist"
REFRESH = '<meta http-equiv="refresh"'


def compile_url():
    return reverse("admin:indicators_quarterlyreport_compile")


def login_staff(client, settings, *, group=STAFF, perms=None):
    settings.REQUIRE_STAFF_MFA = False
    user = UserFactory(staff=True)
    if perms is None:
        user.groups.add(Group.objects.get(name=group))
    else:
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="indicators", codename__in=perms)
        )
    client.force_login(user)
    return user


@pytest.fixture
def staff_client(client, settings, db):
    login_staff(client, settings)
    return client


@pytest.fixture
def convention(world):
    return Programme.objects.get(code="convention-2020")


def report_in(convention, status, **fields):
    fields = {"year": 2025, "quarter": 3, "language": "fr", **fields}
    return QuarterlyReport.objects.create(programme=convention, status=status, **fields)


def paris(hour, minute, second):
    return datetime.datetime(
        2025, 10, 2, hour, minute, second, tzinfo=timezone.get_default_timezone()
    )


def post_compile(client, convention, languages=("fr",)):
    return client.post(
        compile_url(),
        {"programme": convention.pk, "quarter": "2025-Q3", "languages": list(languages)},
    )


# Compiling --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_embedded_mode_the_request_returns_before_the_report_is_made(
    client, settings, convention, fast_pdf, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REPORT_COMPILE_IN_BACKGROUND = True
    login_staff(client, settings)
    # The compile waits for the test's word: it cannot finish before the request does.
    go_on, started_in = threading.Event(), []
    generate = services.generate_report

    def held_back(report, **kwargs):
        started_in.append(threading.current_thread().name)
        assert go_on.wait(30)
        return generate(report, **kwargs)

    monkeypatch.setattr(services, "generate_report", held_back)

    response = post_compile(client, convention, ("fr", "de"))

    reports_ = QuarterlyReport.objects.filter(programme=convention, year=2025, quarter=3)
    assert sorted(reports_.values_list("language", "status")) == [
        ("de", "queued"),
        ("fr", "queued"),
    ]
    assert response.status_code == 302
    assert response["Location"] == status_url(reports_.order_by("pk"))
    page = client.get(response["Location"]).content.decode()
    assert REFRESH in page and page.count("En file d") == 2

    go_on.set()
    assert dispatch.wait_for_background_compiles(timeout=30)

    assert sorted(reports_.values_list("language", "status")) == [("de", "done"), ("fr", "done")]
    assert started_in and all(name.startswith("report-") for name in started_in)
    page = client.get(response["Location"]).content.decode()
    assert REFRESH not in page
    for report in reports_:
        assert reverse("indicators:download", args=[report.pk]) in page


def test_without_background_threads_the_compile_runs_after_the_commit(
    staff_client, convention, fast_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = post_compile(staff_client, convention)
        # Queued by the request, not compiled by it.
        assert QuarterlyReport.objects.get().status == "queued"
    assert response.status_code == 302
    for callback in callbacks:
        callback()
    assert QuarterlyReport.objects.get().status == "done"


def test_status_page_shows_each_state(staff_client, convention):
    queued = report_in(convention, "queued")
    running = report_in(
        convention,
        "running",
        language="de",
        started_at=paris(14, 5, 7),
        heartbeat_at=paris(14, 5, 19),
    )
    failed = report_in(
        convention,
        "failed",
        version=2,
        error="OSError: le disque est plein",
        started_at=paris(13, 0, 0),
    )
    done = report_in(convention, "done", version=3, file="reports/c.pdf")

    page = staff_client.get(status_url([queued, running, failed, done])).content.decode()

    assert REFRESH in page  # while something is queued or running
    for report in (queued, running, failed, done):
        assert str(report) in page
    for label in ("En file d", "En cours", "Échec", "Terminé"):
        assert label in page, label
    assert "14:05:07" in page and "14:05:19" in page  # start and last step, Paris time
    assert "OSError: le disque est plein" in page
    assert reverse("indicators:download", args=[done.pk]) in page
    assert reverse("indicators:download", args=[failed.pk]) not in page


def test_status_page_stops_refreshing_when_nothing_is_left_to_do(staff_client, convention):
    failed = report_in(convention, "failed", error="Boom")
    done = report_in(convention, "done", version=2, file="reports/c.pdf")

    page = staff_client.get(status_url([failed, done])).content.decode()

    assert REFRESH not in page
    assert "Boom" in page


def test_status_page_speaks_german(staff_client, convention):
    report = report_in(convention, "running", started_at=paris(9, 0, 0))

    page = staff_client.get(status_url([report]), HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert "Berichterstellung" in page and "Läuft" in page


def test_status_page_ignores_bad_ids(staff_client, db):
    url = reverse("admin:indicators_quarterlyreport_status")
    response = staff_client.get(url + "?ids=abc,,-1,999999")
    assert response.status_code == 200
    assert "Aucun rapport à afficher" in response.content.decode()


def test_status_page_is_for_staff_only(client, settings, convention):
    report = report_in(convention, "queued")
    url = status_url([report])
    settings.REQUIRE_STAFF_MFA = False

    client.force_login(UserFactory(staff=False))
    response = client.get(url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]

    login_staff(client, settings, perms=[])  # staff, but may not see reports
    assert client.get(url).status_code == 403


def test_generate_again_queues_and_shows_the_status(
    staff_client, convention, fast_pdf, django_capture_on_commit_callbacks
):
    report = report_in(convention, "failed", error="Boom")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse(CHANGELIST), {"action": "generate_again", "_selected_action": [report.pk]}
        )

    assert response.status_code == 302
    assert response["Location"] == status_url([report])
    report.refresh_from_db()
    assert report.status == "done"


def test_without_the_add_permission_nothing_is_compiled(client, settings, convention):
    login_staff(client, settings, perms=["view_quarterlyreport", "change_quarterlyreport"])
    report = report_in(convention, "failed", error="Boom")

    assert client.get(compile_url()).status_code == 403
    assert post_compile(client, convention).status_code == 403
    changelist = client.get(reverse(CHANGELIST)).content.decode()
    assert 'value="generate_again"' not in changelist
    client.post(reverse(CHANGELIST), {"action": "generate_again", "_selected_action": [report.pk]})

    report.refresh_from_db()
    assert report.status == "failed"
    assert QuarterlyReport.objects.count() == 1


# Publishing -------------------------------------------------------------------------


@pytest.fixture
def members(db):
    committee = Group.objects.get(name=COMMITTEE)
    camille = UserFactory(first_name="Camille", last_name="Martin", email="camille@example.org")
    jonas = UserFactory(first_name="Jonas", last_name="Weber", email="jonas@example.de")
    silent = UserFactory(first_name="Sans", last_name="Adresse", email="")
    gone = UserFactory(first_name="Ancien", last_name="Membre", is_active=False)
    for user in (camille, jonas, silent, gone):
        user.groups.add(committee)
    return camille, jonas


def publish(client, report, **extra):
    return client.post(
        reverse(CHANGELIST), {"action": "publish", "_selected_action": [report.pk], **extra}
    )


@pytest.fixture
def compiled(staff_client, convention, fast_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_compile(staff_client, convention)
    return QuarterlyReport.objects.get(status="done")


def test_publishing_asks_first_and_names_who_will_be_emailed(
    staff_client, members, compiled, django_capture_on_commit_callbacks
):
    report = compiled

    response = publish(staff_client, report)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Camille Martin &lt;camille@example.org&gt;" in page
    assert "Jonas Weber &lt;jonas@example.de&gt;" in page
    assert "Sans Adresse" not in page and "Ancien Membre" not in page
    assert str(report) in page
    assert 'name="confirm" value="yes"' in page
    assert f'href="{reverse(CHANGELIST)}"' in page  # cancel: back to the list
    report.refresh_from_db()
    assert report.status == "done"
    assert not IndicatorValue.objects.filter(frozen=True).exists()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        publish(staff_client, report, confirm="yes")

    report.refresh_from_db()
    assert report.status == "published"
    assert IndicatorValue.objects.filter(year=2025, quarter=3, frozen=True).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["camille@example.org", "jonas@example.de"]


def test_confirmation_says_when_nobody_will_be_emailed(staff_client, compiled):
    page = publish(staff_client, compiled).content.decode()

    assert "personne ne recevra" in page


def test_a_report_not_generated_yet_cannot_be_confirmed(staff_client, convention, members):
    report = report_in(convention, "running")

    page = publish(staff_client, report).content.decode()

    assert "ne peuvent pas être publiés" in page
    assert 'type="submit"' not in page.split('name="confirm"')[1].split("</form>")[0]
    publish(staff_client, report, confirm="yes")
    report.refresh_from_db()
    assert report.status == "running"


def test_without_the_change_permission_nothing_is_published(
    client, settings, convention, members, fast_pdf, django_capture_on_commit_callbacks
):
    report = report_in(convention, "done", file="reports/c.pdf")
    login_staff(client, settings, perms=["view_quarterlyreport", "add_quarterlyreport"])

    with django_capture_on_commit_callbacks(execute=True):
        first = publish(client, report)
        publish(client, report, confirm="yes")

    assert "camille@example.org" not in first.content.decode()
    report.refresh_from_db()
    assert report.status == "done"
    assert mail.outbox == []
