"""The report task, the quarterly beat job and the compile_report command."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import OperationalError

from indicators import reports, services, tasks
from indicators.models import Indicator, Programme, QuarterlyReport
from indicators.quarters import Quarter
from lieu_ressource.celery import app as celery_app

Q3 = Quarter(2025, 3)


@pytest.fixture
def convention(world):
    return Programme.objects.get(code="convention-2020")


@pytest.fixture
def queued(convention):
    report, _queued = services.request_report(convention, Q3, "fr", enqueue=False)
    return report


def test_task_generates_a_queued_report(queued, fast_pdf):
    tasks.compile_report.apply(args=[queued.pk])

    queued.refresh_from_db()
    assert queued.status == QuarterlyReport.Status.DONE
    assert queued.file.name.endswith("convention-2020-2025-Q3-fr-v1.pdf")
    assert queued.generated_at is not None and queued.checksum


def test_requesting_a_report_runs_the_task_after_commit(
    convention, fast_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, queued = services.request_report(convention, Q3, "de")

    report.refresh_from_db()
    assert queued and report.status == QuarterlyReport.Status.DONE
    assert fast_pdf == ["de"]


def test_second_delivery_of_the_task_does_nothing(queued, fast_pdf):
    tasks.compile_report.apply(args=[queued.pk])
    tasks.compile_report.apply(args=[queued.pk])
    assert fast_pdf == ["fr"]


def test_task_records_a_failure_with_its_error(queued, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("the template is broken")

    monkeypatch.setattr(reports, "render_pdf", broken)

    tasks.compile_report.apply(args=[queued.pk])

    queued.refresh_from_db()
    assert queued.status == QuarterlyReport.Status.FAILED
    assert "the template is broken" in queued.error


def test_task_retries_a_transient_error(queued, monkeypatch):
    attempts = []

    def flaky(snapshot, **kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return b"%PDF-1.7 stub"

    monkeypatch.setattr(reports, "render_pdf", flaky)

    tasks.compile_report.apply(args=[queued.pk])

    queued.refresh_from_db()
    assert len(attempts) == 2
    assert queued.status == QuarterlyReport.Status.DONE


def test_task_gives_up_after_its_retries(queued, monkeypatch):
    def down(snapshot, **kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr(reports, "render_pdf", down)

    tasks.compile_report.apply(args=[queued.pk])

    queued.refresh_from_db()
    assert queued.status == QuarterlyReport.Status.FAILED
    assert "the database is gone" in queued.error


def test_task_for_a_deleted_report_does_nothing(db):
    assert tasks.compile_report.apply(args=[123456]).get() is None


def test_failed_report_can_be_requested_again(queued, convention, fast_pdf):
    services.mark_report_failed(queued, RuntimeError("disk full"))

    again, requeued = services.request_report(convention, Q3, "fr", enqueue=False)

    assert again.pk == queued.pk and requeued
    assert (again.status, again.error) == (QuarterlyReport.Status.QUEUED, "")


# Celery beat


def test_beat_drafts_the_quarter_that_just_ended():
    entry = settings.CELERY_BEAT_SCHEDULE["draft-quarterly-reports"]
    assert entry["task"] == "indicators.draft_quarterly_reports"
    assert entry["task"] in celery_app.tasks
    schedule = entry["schedule"]
    assert schedule.day_of_month == {1}
    assert schedule.month_of_year == {1, 4, 7, 10}


def test_drafts_every_running_programme_in_both_languages(world):
    drafted = services.draft_reports_after(datetime.date(2025, 10, 1))
    again = services.draft_reports_after(datetime.date(2025, 10, 1))

    codes = {(r.programme.code, r.language) for r in drafted}
    assert ("convention-2020", "fr") in codes and ("interreg-lieu-ressource", "de") in codes
    assert {(r.year, r.quarter) for r in drafted} == {(2025, 3)}
    # Asked twice: the same rows, queued again, no duplicate.
    assert {r.pk for r in again} == {r.pk for r in drafted}
    assert QuarterlyReport.objects.count() == len(drafted)


def test_programme_ended_before_the_quarter_gets_no_draft(world):
    # Without results measured after its end (RCR 84/85 are: see test_interreg).
    Indicator.objects.filter(programme__code="interreg-lieu-ressource").update(
        measured_after_end=False
    )
    drafted = services.draft_reports_after(datetime.date(2026, 10, 1))  # Q3 2026
    assert "interreg-lieu-ressource" not in {r.programme.code for r in drafted}


# The command


def test_command_prints_the_pdf_path_and_makes_no_duplicate(world, fast_pdf):
    out = io.StringIO()
    call_command("compile_report", "convention-2020", "2025-Q3", "--lang", "de", stdout=out)
    call_command("compile_report", "convention-2020", "2025-Q3", "--lang", "de", stdout=out)

    paths = out.getvalue().split()
    assert len(paths) == 2 and paths[0] == paths[1]
    assert Path(paths[0]).read_bytes() == b"%PDF-1.7 stub"
    assert QuarterlyReport.objects.filter(language="de").count() == 1


def test_command_leaves_a_published_report_alone(world, fast_pdf):
    call_command(
        "compile_report", "convention-2020", "2025-Q3", "--lang", "fr", stdout=io.StringIO()
    )
    services.publish_reports(list(QuarterlyReport.objects.all()))
    err = io.StringIO()

    call_command(
        "compile_report",
        "convention-2020",
        "2025-Q3",
        "--lang",
        "fr",
        stdout=io.StringIO(),
        stderr=err,
    )

    assert "est publié" in err.getvalue()
    assert fast_pdf == ["fr"]


def test_command_refuses_an_unknown_programme(db):
    with pytest.raises(CommandError):
        call_command("compile_report", "nope", "2025-Q3")


def test_command_refuses_a_malformed_quarter(world):
    with pytest.raises(CommandError):
        call_command("compile_report", "convention-2020", "2025-Q5")


def test_command_reports_a_failure(world, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("no fonts")

    monkeypatch.setattr(reports, "render_pdf", broken)
    with pytest.raises(CommandError, match="no fonts"):
        call_command("compile_report", "convention-2020", "2025-Q3", "--lang", "fr")
