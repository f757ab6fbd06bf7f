"""Celery tasks of the indicators: thin wrappers around `services`."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import recovery, services
from .models import QuarterlyReport

logger = logging.getLogger(__name__)

# Worth another try: the database or the disk may be back in a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)


@shared_task(
    bind=True,
    name="indicators.compile_report",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    # A hung render must not hold a worker forever: asked to stop, then killed. The
    # report of a killed task is picked up by `recover_stale_reports`.
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
)
def compile_report(self, report_id):
    """Generate the PDF of a queued report; a report already done or published is
    left as it is, so a second delivery does nothing."""
    report = QuarterlyReport.objects.filter(pk=report_id).first()
    if report is None:
        logger.warning("Report %s no longer exists: nothing to compile.", report_id)
        return None
    try:
        report = services.generate_report(report)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries < self.max_retries:
            logger.warning("Report %s: transient error, retrying: %s", report_id, exc)
            services.mark_report_queued(report)
            if self.request.is_eager:
                # No worker to come back later (embedded mode, tests): try again now.
                return self.apply(args=[report_id], retries=self.request.retries + 1).get()
            raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
        logger.exception("Report %s failed after %s retries.", report_id, self.max_retries)
        services.mark_report_failed(report, exc)
        return None
    except SoftTimeLimitExceeded:
        logger.error("Report %s: stopped after its time limit.", report_id)
        services.mark_report_failed(
            report,
            services.ReportError(
                _(
                    "The generation took longer than %(minutes)d minutes and was stopped. "
                    "Generate the report again; if it stops again, tell the technical team."
                )
                % {"minutes": max(1, round(settings.REPORT_SOFT_TIME_LIMIT / 60))}
            ),
        )
        return None
    except Exception as exc:
        # Not transient: record it for staff instead of retrying.
        logger.exception("Report %s failed.", report_id)
        services.mark_report_failed(report, exc)
        return None
    return report.pk


@shared_task(name="indicators.draft_quarterly_reports")
def draft_quarterly_reports():
    """Draft every programme's report of the quarter that just ended (Celery beat, on
    the first day of each quarter)."""
    today = timezone.localdate()
    return [report.pk for report in services.draft_reports_after(today)]


@shared_task(name="indicators.recover_stale_reports")
def recover_stale_reports():
    """Queue again the reports whose task died, or fail them after their attempts
    (Celery beat, every five minutes)."""
    done = recovery.recover_stale_reports()
    return {"requeued": [r.pk for r in done.requeued], "failed": [r.pk for r in done.failed]}
