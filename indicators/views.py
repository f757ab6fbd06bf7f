"""Pages of the comité de suivi (published reports) and the staff drill-down.

Report files live in the private storage: they are only served here, to logged-in
accounts that may read reports (comité de suivi members and staff); drafts only to
staff.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from events.models import Attendance, Event
from lieu_ressource.roles import is_staff_member
from partners.models import Organisation
from referrals.models import Referral

from . import database, metrics, periods, reports, selectors, snapshots, values
from .models import Indicator, QuarterlyReport, private_storage
from .quarters import Quarter

READ_REPORTS = "indicators.view_quarterlyreport"


def can_read_reports(user):
    return user.is_active and user.has_perm(READ_REPORTS)


def can_read_drafts(user):
    """Drafts are for the team only: the admin flag alone (a committee member given
    admin access) does not make an account a member of the team."""
    return can_read_reports(user) and is_staff_member(user)


@login_required
def committee_reports(request):
    """Published reports by programme and quarter, each in every language."""
    if not can_read_reports(request.user):
        raise PermissionDenied
    languages = [code for code, _name in settings.LANGUAGES]
    programmes = {}
    for report in selectors.published_reports():
        programme = programmes.setdefault(
            report.programme_id, {"programme": report.programme, "quarters": {}}
        )
        quarter = programme["quarters"].setdefault(
            (report.year, report.quarter),
            {
                "label": reports.quarter_label(f"{report.year}-Q{report.quarter}"),
                "latest": {},
                "older": [],
            },
        )
        # Newest version first: the first seen in a language is the current one.
        if report.language not in quarter["latest"]:
            quarter["latest"][report.language] = report
        else:
            quarter["older"].append(report)
    rows = []
    for entry in programmes.values():
        quarters = []
        for quarter in entry["quarters"].values():
            quarter["files"] = [(code, quarter["latest"].get(code)) for code in languages]
            quarters.append(quarter)
        rows.append({"programme": entry["programme"], "quarters": quarters})
    return render(
        request,
        "indicators/committee_reports.html",
        {"programmes": rows, "language_names": dict(settings.LANGUAGES), "private": True},
    )


@login_required
def download_report(request, pk):
    """The PDF of a report: published ones to readers of reports, drafts to staff."""
    if not can_read_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(QuarterlyReport.objects.select_related("programme"), pk=pk)
    published = report.status == QuarterlyReport.Status.PUBLISHED
    if not published and not can_read_drafts(request.user):
        raise Http404
    if not report.file.name:
        raise Http404
    storage = private_storage()
    try:
        handle = storage.open(report.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = reports.download_name(report)
    response = FileResponse(handle, content_type="application/pdf", filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


# Staff drill-down -------------------------------------------------------------------

RECORD_PERMISSIONS = {
    Beneficiary: "beneficiaries.view_beneficiary",
    Attendance: "events.view_attendance",
    Event: "events.view_event",
    Organisation: "partners.view_organisation",
    Referral: "referrals.view_referral",
}
# Metrics count people across every organisation: only the team (not a partner
# referent, who may see their own people only) reads the people behind a figure.
PEOPLE_RECORDS = (Beneficiary, Attendance, Referral)


def _describe(record):
    """The columns shown for a record behind a figure (a model of another app may
    give its own: `drilldown_row()`)."""
    if hasattr(record, "drilldown_row"):
        return record.drilldown_row()
    if isinstance(record, Beneficiary):
        return [
            record.reference,
            f"{record.first_name} {record.last_name}",
            record.get_situation_display(),
            record.neighbourhood.name if record.neighbourhood_id else "",
        ]
    if isinstance(record, Event):
        return [record.start, record.title, record.get_format_display(), str(record.venue)]
    if isinstance(record, Organisation):
        return [record.name, record.get_country_display(), record.get_kind_display(), ""]
    if isinstance(record, Attendance):
        person = ""
        if record.beneficiary_id:
            person = record.beneficiary.reference
        elif record.registration_id:
            person = record.registration.email
        return [record.event.start, record.event.title, person, record.walk_in_name]
    if isinstance(record, Referral):
        return [
            record.sent_at,
            record.beneficiary.reference,
            record.receiving_organisation.name,
            record.get_state_display(),
        ]
    return [str(record), "", "", ""]


def _headers(model):
    if hasattr(model, "drilldown_headers"):
        return model.drilldown_headers()
    return {
        Beneficiary: [_("Reference"), _("Name"), _("Situation at entry"), _("QPV")],
        Event: [_("Start"), _("Event"), _("Format"), _("Venue")],
        Organisation: [_("Organisation"), _("Country"), _("Kind"), ""],
        Attendance: [_("Start"), _("Event"), _("Person"), _("Walk-in name")],
        Referral: [_("Sent"), _("Reference"), _("Receiving organisation"), _("State")],
    }.get(model, [_("Record"), "", "", ""])


@login_required
def indicator_records(request, pk, quarter):
    """The records behind a computed indicator's value for a quarter (or its
    cumulative value with ?scope=cumulative), for staff."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("indicators.view_indicator")):
        raise PermissionDenied
    indicator = get_object_or_404(
        Indicator.objects.select_related("programme"), pk=pk, kind=Indicator.Kind.COMPUTED
    )
    try:
        quarter = Quarter.parse(quarter)
        metric = metrics.get_metric(indicator.metric)
    except (ValueError, metrics.UnknownMetric):
        raise Http404 from None
    period = values.quarter_period(
        indicator.programme, quarter, follow_up=indicator.measured_after_end
    )
    if period is None:
        raise Http404
    cumulative = request.GET.get("scope") == "cumulative"
    if cumulative:
        period = values.cumulative_period(indicator.programme, period)
    result = metric(period, indicator.programme)
    records = result.records()
    permission = RECORD_PERMISSIONS.get(records.model) or getattr(
        records.model, "drilldown_permission", None
    )
    if permission and not user.has_perm(permission):
        raise PermissionDenied
    describes_people = issubclass(records.model, PEOPLE_RECORDS) or getattr(
        records.model, "describes_people", False
    )
    if describes_people and not is_staff_member(user):
        raise PermissionDenied
    with database.aggregate_queries():
        # A published figure lists the records it counted when it was published.
        published = snapshots.published_drilldown(
            indicator, quarter, records, cumulative=cumulative
        )
        if published is not None:
            records = published["records"]
        value = published["value"] if published else result.value
        paginator = Paginator(records, 100)
        if published is None and metric.aggregate is None:
            # The value is the count of these records: no second count for the pages.
            paginator.count = value
        page = paginator.get_page(request.GET.get("page"))
        rows = [_describe(record) for record in page.object_list]
    context = {
        **admin.site.each_context(request),
        "title": f"{indicator.code} {indicator.name}",
        "indicator": indicator,
        # A Metric is callable: a template would call it instead of reading it.
        "metric": {
            "name": metric.name,
            "label": metric.label,
            "unit": metric.unit,
            "description": metric.description,
        },
        "quarter": quarter,
        "period": period,
        "cumulative": cumulative,
        "published": published,
        "period_phrase": periods.range_phrase(
            period.first_day, period.last_day, translation.get_language()
        ),
        "value": value,
        "page": page,
        "headers": _headers(records.model),
        "rows": rows,
        "records_model": records.model._meta,
    }
    return render(request, "indicators/indicator_records.html", context)
