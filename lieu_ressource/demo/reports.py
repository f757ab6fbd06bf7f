"""The demo's published comité de suivi reports.

In production Celery beat drafts each programme's report once a quarter closes and
staff publish it; a fresh demo has had no quarter close, so its committee page and
its open impact page (built from published reports only) would be empty. Here the
last closed quarters are drafted and published at once, through the same task (real
PDF) and the same publishing service (values frozen, the committee emailed) as in
production. Two quarters give the impact page its trend.

Only a demo database is touched: one with seed_demo's events and its comité de suivi
account, whose address (example.org, reserved for examples) no real account has.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from events.models import Event
from indicators import services, tasks
from indicators.models import QuarterlyReport
from indicators.quarters import Quarter
from lieu_ressource.mail import MAIL_SERVER_ERRORS

# The demo's comité de suivi account (lieu_ressource.demo.accounts).
COMMITTEE_EMAIL = "comite@example.org"
QUARTERS = 2


@dataclass
class DemoReports:
    """What `publish_demo_reports` found and did, for the command to print."""

    quarters: list  # oldest first
    published: list = field(default_factory=list)  # by this run
    already_published: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # their generation failed
    busy: list = field(default_factory=list)  # another process is generating them
    email_error: Exception | None = None  # the reports are published all the same


def is_demo_database():
    """Whether the database holds seed_demo's data: events and the demo's comité de
    suivi account."""
    return (
        Event.objects.exists()
        and get_user_model().objects.filter(email__iexact=COMMITTEE_EMAIL).exists()
    )


def closed_quarters(today, count=QUARTERS):
    """The `count` quarters closed before `today`, oldest first."""
    quarters = [Quarter.containing(today).previous()]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    return quarters


def publish_demo_reports(today, *, quarters=QUARTERS):
    """Generate and publish, in every language, the reports of the `quarters` last
    quarters closed before `today`, for every programme running in them (those beat
    drafts). Reports already published stay as they are: a second run writes nothing."""
    result = DemoReports(quarters=closed_quarters(today, quarters))
    generated = []
    for quarter in result.quarters:
        for programme in services.programmes_running_in(quarter):
            for language, _name in settings.LANGUAGES:
                published = (
                    QuarterlyReport.objects.filter(
                        programme=programme,
                        year=quarter.year,
                        quarter=quarter.number,
                        language=language,
                        status=QuarterlyReport.Status.PUBLISHED,
                    )
                    .order_by("-version")
                    .first()
                )
                if published is not None:
                    result.already_published.append(published)
                    continue
                report, queued = services.request_report(
                    programme, quarter, language, enqueue=False
                )
                if queued:
                    # The task beat and the admin start, run here and now.
                    tasks.compile_report.apply(args=[report.pk])
                    report.refresh_from_db()
                if report.status == QuarterlyReport.Status.DONE:
                    generated.append(report)
                elif report.status == QuarterlyReport.Status.FAILED:
                    result.failed.append(report)
                else:
                    result.busy.append(report)
    if generated:
        result.published, result.email_error = _publish(generated)
    return result


def _publish(reports):
    """Publish `reports` as staff do; returns (published, mail server error). The
    committee's email is sent once the publication is committed: a mail server that
    fails then leaves the reports published, and is returned instead of raised."""
    published = []
    try:
        with transaction.atomic():
            published = services.publish_reports(reports)
    except MAIL_SERVER_ERRORS as exc:
        if not published:
            raise  # it failed before the commit: nothing is published
        return published, exc
    return published, None
