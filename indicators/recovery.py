"""Reports whose task died: found by their last sign of life, queued again or failed.

A compile records when it started and when it last finished a step
(`QuarterlyReport.heartbeat_at`). A live task ends, or is killed by its hard time
limit, within REPORT_TIME_LIMIT seconds; a report still "running" with no step done
for REPORT_STALE_AFTER seconds (longer than that) therefore has no task left: its
worker was killed (out of memory, a container restart) before it could record
anything. Celery beat runs `recover_stale_reports` every few minutes.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import QuarterlyReport

logger = logging.getLogger(__name__)


def stale_cutoff(now=None):
    """Reports whose last sign of life is older than this have no live task."""
    now = now or timezone.now()
    return now - datetime.timedelta(seconds=settings.REPORT_STALE_AFTER)


def _stale(now):
    cutoff = stale_cutoff(now)
    # A report marked running before heartbeats were recorded has only its request time.
    return Q(status=QuarterlyReport.Status.RUNNING) & (
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )


def is_stale(report, now=None):
    """True for a report "running" with no live task (see the module docstring)."""
    if report.status != QuarterlyReport.Status.RUNNING:
        return False
    cutoff = stale_cutoff(now)
    return (report.heartbeat_at or report.created_at) < cutoff


def stale_reports(now=None):
    """The reports "running" with no live task."""
    return QuarterlyReport.objects.filter(_stale(now or timezone.now()))


def stopped_message(attempts):
    """Why a report that kept stopping was given up, for staff (active language)."""
    return _(
        "The generation stopped %(attempts)d times without finishing (the worker was "
        "stopped, for example out of memory). Generate the report again; if it stops "
        "again, tell the technical team."
    ) % {"attempts": attempts}


@dataclass
class Recovery:
    requeued: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def recover_stale_reports(now=None):
    """Queue again every report "running" with no live task, or mark it failed with
    the reason once it has started REPORT_MAX_ATTEMPTS times. Returns what was done."""
    from .tasks import compile_report

    now = now or timezone.now()
    done = Recovery()
    with transaction.atomic():
        # Rows another recovery holds are its own: skip them rather than wait.
        for report in stale_reports(now).select_for_update(skip_locked=True).order_by("pk"):
            if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
                report.status = QuarterlyReport.Status.FAILED
                report.error = stopped_message(report.attempts)
                report.save(update_fields=["status", "error"])
                logger.error("Report %s stopped %s times: failed.", report.pk, report.attempts)
                done.failed.append(report)
            else:
                report.status = QuarterlyReport.Status.QUEUED
                report.save(update_fields=["status"])
                logger.warning(
                    "Report %s was running with no live task since %s: queued again.",
                    report.pk,
                    report.heartbeat_at or report.created_at,
                )
                transaction.on_commit(lambda pk=report.pk: compile_report.delay(pk))
                done.requeued.append(report)
    return done
