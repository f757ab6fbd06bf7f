"""The report task on a real Celery worker, over Redis and PostgreSQL (run in CI)."""

import datetime
import hashlib
import os
import signal
import time
import uuid

import pytest
from django.utils import timezone

from indicators import recovery, services, tasks
from indicators.models import QuarterlyReport
from indicators.quarters import Quarter
from lieu_ressource.celery import app as celery_app
from tests.conftest import ROOT, running_worker
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    IndicatorFactory,
    OutcomeFactory,
    ProgrammeFactory,
)

from .conftest import paris

WORKER_PRIVATE_ROOT = os.path.join(ROOT, "var", "test-worker", "private")


def wait_for(report, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in (QuarterlyReport.Status.DONE, QuarterlyReport.Status.FAILED):
            return report
        time.sleep(0.5)
    pytest.fail(f"the worker did not finish the report in {timeout} s (status {report.status})")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_compiles_a_report(celery_worker):
    event = EventFactory(
        published=True, start=paris(2025, 9, 2), end=paris(2025, 9, 2, 12), outside_centre=True
    )
    AttendanceFactory(followed=True, registration__event=event, event=event)
    OutcomeFactory(job_in_germany=True, date=datetime.date(2025, 9, 30))
    # A programme of its own: shipped rows may have been flushed by an earlier
    # transactional test.
    programme = ProgrammeFactory(start_date=datetime.date(2025, 1, 1))
    IndicatorFactory(programme=programme, computed=True)
    IndicatorFactory(programme=programme, code="M1")

    report, queued = services.request_report(programme, Quarter(2025, 3), "de")
    assert queued

    report = wait_for(report)
    assert report.status == QuarterlyReport.Status.DONE, report.error
    assert report.file.name and report.checksum and report.snapshot
    # The worker wrote into its own private storage (VAR_DIR=var/test-worker).
    path = os.path.join(WORKER_PRIVATE_ROOT, report.file.name)
    with open(path, "rb") as file:
        content = file.read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == report.checksum


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_whose_worker_is_killed_mid_compile_ends_done(tmp_path, settings):
    """The whole worker killed (SIGKILL: out of memory, a container restart) during a
    compile leaves the report "running"; the recovery job queues it again and another
    worker finishes it, without waiting for Redis to hand the message back."""
    programme = ProgrammeFactory(start_date=datetime.date(2025, 1, 1))
    IndicatorFactory(programme=programme, computed=True)
    report, _queued = services.request_report(programme, Quarter(2025, 3), "fr", enqueue=False)
    marker = tmp_path / "pdf-step-reached"
    slow_queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-slow-{uuid.uuid4().hex[:8]}"

    celery_app.conf.task_always_eager = False
    try:
        with running_worker(
            slow_queue,
            app="tests.slow_worker",
            log_name="slow-worker.log",
            env={"SLOW_REPORT_MARKER": str(marker)},
        ) as (process, _name):
            tasks.compile_report.apply_async(args=[report.pk], queue=slow_queue)
            deadline = time.monotonic() + 120
            while not marker.exists():
                assert time.monotonic() < deadline, "the compile never reached its PDF step"
                assert process.poll() is None, "the slow worker died on its own"
                time.sleep(0.2)
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

        report.refresh_from_db()
        assert (report.status, report.attempts) == (QuarterlyReport.Status.RUNNING, 1)

        with running_worker(settings.CELERY_TASK_DEFAULT_QUEUE, log_name="second-worker.log"):
            # As the beat job would once REPORT_STALE_AFTER has passed.
            later = timezone.now() + datetime.timedelta(seconds=settings.REPORT_STALE_AFTER + 1)
            assert recovery.recover_stale_reports(now=later).requeued == [report]
            report = wait_for(report)
    finally:
        celery_app.conf.task_always_eager = True

    assert report.status == QuarterlyReport.Status.DONE, report.error
    assert report.attempts == 2
    with open(os.path.join(WORKER_PRIVATE_ROOT, report.file.name), "rb") as file:
        assert file.read().startswith(b"%PDF")
