"""The report task on a real Celery worker, over Redis and PostgreSQL (run in CI)."""

import datetime
import hashlib
import os
import time

import pytest

from indicators import services
from indicators.models import QuarterlyReport
from indicators.quarters import Quarter
from tests.conftest import ROOT
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
