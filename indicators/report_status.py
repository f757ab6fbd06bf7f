"""The report admin's two intermediate pages: the status of the reports just
requested (queued, running, then done or failed), and the confirmation asked before
publishing, which says who will be emailed."""

from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .emails import committee_members
from .models import QuarterlyReport

# Seconds between two loads of the status page while a report is queued or running.
REFRESH_SECONDS = 3
# Reports one status page follows at most (a compile asks for one per language).
MAX_REPORTS = 50
IN_PROGRESS = (QuarterlyReport.Status.QUEUED, QuarterlyReport.Status.RUNNING)
PUBLISHABLE = (QuarterlyReport.Status.DONE, QuarterlyReport.Status.PUBLISHED)


def status_url(reports):
    """The status page of `reports`."""
    ids = ",".join(str(report.pk) for report in reports)
    return f"{reverse('admin:indicators_quarterlyreport_status')}?{urlencode({'ids': ids})}"


def _report_ids(text):
    ids = []
    for part in (text or "").split(","):
        if part.strip().isdigit():
            ids.append(int(part))
    return ids[:MAX_REPORTS]


def status_page(model_admin, request):
    """Each requested report's state, start, last step, error or download link; the
    page reloads itself (no JavaScript needed) while one is queued or running."""
    reports = list(
        QuarterlyReport.objects.filter(pk__in=_report_ids(request.GET.get("ids")))
        .select_related("programme")
        .order_by("programme__code", "-year", "-quarter", "language", "-version")
    )
    in_progress = any(report.status in IN_PROGRESS for report in reports)
    rows = [
        {
            "report": report,
            "in_progress": report.status in IN_PROGRESS,
            "download_url": (
                reverse("indicators:download", args=[report.pk])
                if report.status in PUBLISHABLE and report.file.name
                else ""
            ),
        }
        for report in reports
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Report generation"),
        "rows": rows,
        "refresh_seconds": REFRESH_SECONDS if in_progress else None,
    }
    return TemplateResponse(request, "admin/indicators/quarterlyreport/status.html", context)


def recipients():
    """(name, email) of the comité de suivi members a publication emails, as
    `emails.notify_committee` picks them."""
    return [
        (member.get_full_name() or member.get_username(), member.email)
        for member in committee_members().order_by("last_name", "first_name", "email")
    ]


def publish_confirmation(model_admin, request, queryset):
    """The page between the "publish" action and its effect: the reports, who will
    be emailed, and confirm or cancel."""
    reports = list(queryset.select_related("programme"))
    not_ready = [report for report in reports if report.status not in PUBLISHABLE]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Publish reports"),
        "reports": reports,
        "not_ready": not_ready,
        "recipients": recipients(),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(
        request, "admin/indicators/quarterlyreport/publish_confirmation.html", context
    )
