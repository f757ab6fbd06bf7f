"""The team's dashboard at /staff/: the coming week's events with their check-in link
and places taken, drop-out risks by referent, the reports of this quarter and the
last, this quarter's indicators against target, the latest imports; a constant
number of queries; refused to the other roles."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary, ContactNote
from indicators.models import QuarterlyReport
from indicators.quarters import Quarter
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PathwayFactory,
    ProgrammeFactory,
    QuarterlyReportFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = "/staff/"


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_rows(n, team, today):
    """n of everything the dashboard lists: events this week with registrations,
    quiet pathways of n referents, reports, indicators with values, imports."""
    quarter = Quarter.containing(today)
    programme = ProgrammeFactory(
        start_date=today - datetime.timedelta(days=400),
        end_date=today + datetime.timedelta(days=400),
    )
    beneficiary_type = ContentType.objects.get_for_model(Beneficiary)
    for i in range(n):
        event = EventFactory(
            published=True,
            start=at(today + datetime.timedelta(days=i % 7), 23) - datetime.timedelta(hours=1),
        )
        RegistrationFactory.create_batch(2, event=event)
        referent = staff_member(second_factor=False)
        PathwayFactory(
            beneficiary=BeneficiaryFactory(referent=referent),
            start_date=today - datetime.timedelta(weeks=20),
        )
        # Each programme's report is one row (older versions are not listed).
        QuarterlyReportFactory(
            programme=ProgrammeFactory(), year=quarter.year, quarter=quarter.number
        )
        indicator = IndicatorFactory(programme=programme)
        IndicatorValueFactory(indicator=indicator, year=quarter.year, quarter=quarter.number)
        LogEntry.objects.create(
            user=team,
            content_type=beneficiary_type,
            object_id=str(i),
            object_repr="x",
            action_flag=ADDITION,
            change_message="new through import_export",
            action_time=timezone.now() - datetime.timedelta(minutes=i),
        )


def test_the_team_lands_on_the_dashboard(client):
    team = staff_member()
    client.force_login(team)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "staff/dashboard.html" in [t.name for t in response.templates]


def test_the_dashboard_lists_this_weeks_events_with_check_in_and_places(client):
    team = staff_member()
    today = timezone.localdate()
    now_event = EventFactory(
        published=True, title_fr="Permanence du jour", start=at(today, 0), end=at(today, 23)
    )
    RegistrationFactory.create_batch(3, event=now_event)
    RegistrationFactory(event=now_event, cancelled=True)
    later = EventFactory(
        published=True,
        title_fr="Job dating dans trois jours",
        start=at(today + datetime.timedelta(days=3), 10),
        capacity=None,
    )
    EventFactory(
        published=True, title_fr="Dans dix jours", start=at(today + datetime.timedelta(days=10), 10)
    )
    EventFactory(
        cancelled=True, title_fr="Annulé demain", start=at(today + datetime.timedelta(days=1), 10)
    )
    client.force_login(team)
    response = client.get(DASHBOARD)
    assert [e.pk for e in response.context["today_events"]] == [now_event.pk]
    assert [e.pk for e in response.context["week_events"]] == [later.pk]
    page = response.content.decode()
    assert "3 places prises sur 20" in page
    assert reverse("staff_events:check_in", args=[now_event.pk]) in page
    assert reverse("staff_events:check_in", args=[later.pk]) in page
    assert "Dans dix jours" not in page
    assert "Annulé demain" not in page


def test_the_dashboard_counts_quiet_pathways_by_referent(client):
    team = staff_member()
    anna = staff_member(second_factor=False, first_name="Anna", last_name="Schmitt")
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(weeks=12)
    for _ in range(2):
        PathwayFactory(beneficiary=BeneficiaryFactory(referent=anna), start_date=long_ago)
    # A recent pathway is no risk.
    PathwayFactory(beneficiary=BeneficiaryFactory(referent=anna))
    PathwayFactory(beneficiary=BeneficiaryFactory(referent=None), start_date=long_ago)
    client.force_login(team)
    response = client.get(DASHBOARD)
    rows = [(r["beneficiary__referent"], r["risks"]) for r in response.context["dropout_risks"]]
    assert rows == [(anna.pk, 2), (None, 1)]
    page = response.content.decode()
    assert "Anna Schmitt" in page
    assert "Sans référent" in page


def test_the_dashboard_shows_the_latest_report_versions_of_this_quarter_and_the_last(client):
    team = staff_member()
    today = timezone.localdate()
    current = Quarter.containing(today)
    previous = current.previous()
    programme = ProgrammeFactory(code="interreg-test")
    QuarterlyReportFactory(programme=programme, year=current.year, quarter=current.number)
    QuarterlyReportFactory(
        programme=programme, year=previous.year, quarter=previous.number, version=1, done=True
    )
    newest = QuarterlyReportFactory(
        programme=programme,
        year=previous.year,
        quarter=previous.number,
        version=2,
        status=QuarterlyReport.Status.PUBLISHED,
    )
    old = previous.previous()
    QuarterlyReportFactory(programme=programme, year=old.year, quarter=old.number)
    client.force_login(team)
    response = client.get(DASHBOARD)
    shown = [(r.year, r.quarter, r.version, r.status) for r in response.context["reports"]]
    assert shown == [
        (current.year, current.number, 1, "queued"),
        (previous.year, previous.number, 2, "published"),
    ]
    page = response.content.decode()
    assert reverse("admin:indicators_quarterlyreport_change", args=[newest.pk]) in page
    assert "Publié" in page


def test_the_dashboard_shows_this_quarters_indicators_against_target(client):
    team = staff_member()
    today = timezone.localdate()
    quarter = Quarter.containing(today)
    programme = ProgrammeFactory(
        code="lieu-ressource",
        start_date=today - datetime.timedelta(days=100),
        end_date=today + datetime.timedelta(days=100),
    )
    companies = IndicatorFactory(programme=programme, code="A1", target=Decimal("200"))
    IndicatorValueFactory(
        indicator=companies,
        year=quarter.year,
        quarter=quarter.number,
        value=Decimal("12"),
        cumulative=Decimal("150"),
    )
    IndicatorFactory(programme=programme, code="A2", target=Decimal("8"))
    ended = ProgrammeFactory(end_date=today - datetime.timedelta(days=1))
    IndicatorFactory(programme=ended, code="OLD")
    client.force_login(team)
    response = client.get(DASHBOARD)
    rows = {
        row.indicator.code: (row.reached, row.percent_of_target)
        for row in response.context["indicators"]
        if row.indicator.programme_id in (programme.pk, ended.pk)
    }
    assert rows == {"A1": (Decimal("150"), 75), "A2": (None, None)}
    page = response.content.decode()
    assert "75 %" in page
    assert "pas encore calculé" in page


def test_the_dashboard_groups_the_latest_imports(client):
    team = staff_member(first_name="Anna", last_name="Schmitt")
    people = ContentType.objects.get_for_model(Beneficiary)
    when = timezone.now().replace(second=10)
    for i, (flag, message) in enumerate(
        [(ADDITION, "new through import_export")] * 3 + [(CHANGE, "update through import_export")]
    ):
        LogEntry.objects.create(
            user=team,
            content_type=people,
            object_id=str(i),
            object_repr="x",
            action_flag=flag,
            change_message=message,
            action_time=when,
        )
    LogEntry.objects.create(
        user=team,
        content_type=people,
        object_id="9",
        object_repr="x",
        action_flag=CHANGE,
        change_message="Changed the name",
        action_time=when,
    )
    client.force_login(team)
    response = client.get(DASHBOARD)
    (imported,) = response.context["imports"]
    assert (imported.user, imported.new, imported.updated) == ("Anna Schmitt", 3, 1)
    page = response.content.decode()
    assert "3 nouvelles lignes" in page
    assert "1 mise à jour" in page


@pytest.mark.parametrize("n", [1, 8])
def test_the_dashboard_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, n
):
    team = staff_member()
    add_rows(n, team, timezone.localdate())
    client.force_login(team)
    # 12, three for the quarter's referrals (tests/referrals/test_dashboard.py), one
    # for the FSE+ steps due by referent and one for the inactivity warnings.
    with django_assert_max_num_queries(17):
        response = client.get(DASHBOARD)
    assert len(response.context["today_events"]) + len(response.context["week_events"]) >= n
    assert len(response.context["reports"]) == n


def test_a_partner_referent_is_sent_to_the_caseload(client):
    client.force_login(partner_referent())
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url == reverse("beneficiaries:caseload")


def test_a_committee_member_is_refused_with_a_link_to_the_reports(client):
    client.force_login(committee_member())
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    assert reverse("indicators:committee") in response.content.decode()
    assert "Tableau de bord" not in response.content.decode()


def test_a_visitor_is_asked_to_log_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_crowded_week_lists_the_first_events_and_links_to_the_check_in_list(client, monkeypatch):
    monkeypatch.setattr("lieu_ressource.dashboard.EVENTS_SHOWN", 3)
    team = staff_member()
    today = timezone.localdate()
    for day in range(5):
        EventFactory(published=True, start=at(today + datetime.timedelta(days=day), 12))
    client.force_login(team)
    response = client.get(DASHBOARD)
    shown = len(response.context["today_events"]) + len(response.context["week_events"])
    assert shown == 3
    assert response.context["more_events"] == 2
    page = response.content.decode()
    assert "2 autres évènements : voir la liste d’émargement" in page
    assert reverse("staff_events:events") in page


def test_a_pathway_begun_recently_is_no_risk_whatever_came_before(client):
    """Quiet weeks count from the pathway's start: a person's attendance and notes
    from before a new pathway do not make it a drop-out risk."""
    team = staff_member()
    today = timezone.localdate()
    person = BeneficiaryFactory(referent=team)
    PathwayFactory(beneficiary=person, start_date=today - datetime.timedelta(days=3))
    long_ago = today - datetime.timedelta(weeks=20)
    AttendanceFactory(
        beneficiary=person, present=True, event=EventFactory(published=True, start=at(long_ago, 10))
    )
    ContactNote.objects.create(
        beneficiary=person, date=long_ago, channel="phone", text="Relance", author=team
    )
    client.force_login(team)
    assert client.get(DASHBOARD).context["dropout_risks"] == []
    assert list(client.get(reverse("beneficiaries:dropout_risks")).context["risks"]) == []
