"""Reports whose task died are queued again, or failed with the reason; the task's
time limits and the broker's visibility timeout fit together."""

import datetime

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from indicators import recovery, reports, services, tasks
from indicators.models import Programme, QuarterlyReport
from indicators.quarters import Quarter
from lieu_ressource.roles import STAFF
from tests.factories import QuarterlyReportFactory, UserFactory

Q3 = Quarter(2025, 3)
NOW = datetime.datetime(2025, 10, 2, 9, 0, tzinfo=datetime.UTC)


def running(last_step_seconds_ago, attempts=1, **kwargs):
    """A report marked running whose last step was that long before NOW."""
    last_step = NOW - datetime.timedelta(seconds=last_step_seconds_ago)
    return QuarterlyReportFactory(
        status=QuarterlyReport.Status.RUNNING,
        started_at=last_step,
        heartbeat_at=last_step,
        attempts=attempts,
        **kwargs,
    )


STALE = settings.REPORT_STALE_AFTER + 1
FRESH = settings.REPORT_STALE_AFTER - 60


# The recovery service


def test_a_stale_running_report_is_queued_again(db, django_capture_on_commit_callbacks):
    report = running(STALE)

    with django_capture_on_commit_callbacks() as callbacks:
        done = recovery.recover_stale_reports(now=NOW)

    report.refresh_from_db()
    assert done.requeued == [report] and done.failed == []
    assert report.status == QuarterlyReport.Status.QUEUED
    assert len(callbacks) == 1  # the compile task, sent once the transaction commits


def test_a_fresh_running_report_is_left_alone(db, django_capture_on_commit_callbacks):
    report = running(FRESH)

    with django_capture_on_commit_callbacks() as callbacks:
        done = recovery.recover_stale_reports(now=NOW)

    report.refresh_from_db()
    assert done.requeued == done.failed == []
    assert report.status == QuarterlyReport.Status.RUNNING
    assert callbacks == []


def test_a_running_report_from_before_heartbeats_goes_by_its_request_time(db):
    report = running(STALE)
    QuarterlyReport.objects.filter(pk=report.pk).update(
        heartbeat_at=None, created_at=NOW - datetime.timedelta(seconds=STALE)
    )

    assert recovery.recover_stale_reports(now=NOW).requeued == [report]


@pytest.mark.parametrize("status", ["queued", "done", "failed", "published"])
def test_reports_not_running_are_left_alone(db, status):
    report = running(STALE * 10)
    QuarterlyReport.objects.filter(pk=report.pk).update(status=status)

    assert recovery.recover_stale_reports(now=NOW).requeued == []
    report.refresh_from_db()
    assert report.status == status


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", "La génération s’est arrêtée 3 fois sans aboutir"),
        ("de", "Die Erstellung wurde 3 Mal abgebrochen"),
    ],
)
def test_a_report_that_keeps_stopping_fails_with_the_reason(
    db, django_capture_on_commit_callbacks, language, expected
):
    report = running(STALE, attempts=settings.REPORT_MAX_ATTEMPTS)

    with translation.override(language), django_capture_on_commit_callbacks() as callbacks:
        done = recovery.recover_stale_reports(now=NOW)

    report.refresh_from_db()
    assert done.failed == [report] and done.requeued == []
    assert report.status == QuarterlyReport.Status.FAILED
    assert report.error.startswith(expected)
    assert callbacks == []


def test_requeued_report_is_compiled_and_done(world, fast_pdf, django_capture_on_commit_callbacks):
    convention = Programme.objects.get(code="convention-2020")
    report, _queued = services.request_report(convention, Q3, "fr", enqueue=False)
    QuarterlyReport.objects.filter(pk=report.pk).update(
        status=QuarterlyReport.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=STALE),
        attempts=1,
    )

    with django_capture_on_commit_callbacks(execute=True):
        recovery.recover_stale_reports()

    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.DONE, report.error
    assert report.attempts == 2
    assert fast_pdf == ["fr"]


def test_the_beat_task_recovers_and_says_what_it_did(db, django_capture_on_commit_callbacks):
    report = QuarterlyReportFactory(
        status=QuarterlyReport.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=STALE),
        attempts=settings.REPORT_MAX_ATTEMPTS,
    )

    result = tasks.recover_stale_reports.apply().get()

    assert result == {"requeued": [], "failed": [report.pk]}
    entry = settings.CELERY_BEAT_SCHEDULE["recover-stale-reports"]
    assert entry["task"] == "indicators.recover_stale_reports"


# The compile task and a report that another task holds


def test_a_second_delivery_while_a_live_task_runs_does_nothing(db, fast_pdf):
    report = QuarterlyReportFactory(
        status=QuarterlyReport.Status.RUNNING, heartbeat_at=timezone.now(), attempts=1
    )

    tasks.compile_report.apply(args=[report.pk])

    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.RUNNING and report.attempts == 1
    assert fast_pdf == []


def test_a_compile_records_its_start_and_its_steps(world, fast_pdf):
    convention = Programme.objects.get(code="convention-2020")
    report, _queued = services.request_report(convention, Q3, "de", enqueue=False)
    before = timezone.now()

    tasks.compile_report.apply(args=[report.pk])

    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.DONE
    assert report.attempts == 1
    assert before <= report.started_at <= report.heartbeat_at <= timezone.now()


def test_a_render_past_its_soft_time_limit_fails_with_a_message(world, monkeypatch):
    def hung(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(reports, "render_pdf", hung)
    convention = Programme.objects.get(code="convention-2020")
    report, _queued = services.request_report(convention, Q3, "fr", enqueue=False)

    with translation.override("de"):
        tasks.compile_report.apply(args=[report.pk])

    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.FAILED
    minutes = round(settings.REPORT_SOFT_TIME_LIMIT / 60)
    assert report.error.startswith(f"Die Erstellung dauerte länger als {minutes} Minuten")


def test_time_limits_and_visibility_timeout_fit_together():
    task = tasks.compile_report
    assert task.soft_time_limit == settings.REPORT_SOFT_TIME_LIMIT < settings.REPORT_TIME_LIMIT
    assert task.time_limit == settings.REPORT_TIME_LIMIT
    # No live compile is taken for dead, nor handed to a second worker by Redis.
    assert settings.REPORT_STALE_AFTER > settings.REPORT_TIME_LIMIT
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility >= 2 * settings.REPORT_TIME_LIMIT
    assert visibility < 3600  # kombu's default, which left killed reports for an hour


# Generate again


def test_generate_again_is_refused_while_a_live_task_runs(db):
    report = running(0, attempts=1)
    QuarterlyReport.objects.filter(pk=report.pk).update(heartbeat_at=timezone.now())

    again, queued = services.request_report(
        report.programme, Quarter(report.year, report.quarter), report.language, enqueue=False
    )

    assert not queued and again.status == QuarterlyReport.Status.RUNNING


def test_generate_again_is_allowed_on_a_report_with_no_live_task(db):
    report = running(0, attempts=2)
    QuarterlyReport.objects.filter(pk=report.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=STALE)
    )

    again, queued = services.request_report(
        report.programme, Quarter(report.year, report.quarter), report.language, enqueue=False
    )

    assert queued and again.pk == report.pk
    assert (again.status, again.attempts) == (QuarterlyReport.Status.QUEUED, 0)


def test_admin_generate_again_queues_a_report_with_no_live_task(client, settings, world, fast_pdf):
    settings.REQUIRE_STAFF_MFA = False
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    client.force_login(user)
    convention = Programme.objects.get(code="convention-2020")
    report, _queued = services.request_report(convention, Q3, "fr", enqueue=False)
    QuarterlyReport.objects.filter(pk=report.pk).update(
        status=QuarterlyReport.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=STALE),
    )

    response = client.post(
        reverse("admin:indicators_quarterlyreport_changelist"),
        {"action": "generate_again", "_selected_action": [report.pk]},
        follow=True,
    )

    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.QUEUED
    (message,) = response.context["messages"]
    assert str(message).startswith(f"{report} est en file d'attente")
