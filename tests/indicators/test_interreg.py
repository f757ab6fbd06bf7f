"""The Interreg indicators by the programme's rules, on small hand-built datasets:
RCO 115 counts public events, RCO 81 the participations in closed joint actions,
internal meetings count in neither; RCO 87 counts each partner once; RCR 84/85 are
recorded and reported after the programme's end."""

import datetime
from decimal import Decimal

import pytest

from events.models import Event, EventOrganisation
from indicators import reports, services, values
from indicators.errors import QuarterOutsideProgramme
from indicators.models import Indicator, IndicatorValue, Programme
from indicators.quarters import Quarter
from partners.models import ProjectPartnership
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    EventOrganisationFactory,
    IndicatorFactory,
    OrganisationFactory,
    ProgrammeFactory,
    VenueFactory,
)

from .conftest import paris

INTERREG = "interreg-lieu-ressource"
Q3 = Quarter(2025, 3)
AFTER_Q3 = paris(2025, 10, 2, 9)
HOST = EventOrganisation.Role.HOST
CO = EventOrganisation.Role.CO_ORGANISER


@pytest.fixture
def interreg(db):
    return Programme.objects.get(code=INTERREG)


def indicator(programme, code):
    return Indicator.objects.select_related("programme").get(programme=programme, code=code)


def joint_event(day, openness, *, present=0, absent=0, followed=()):
    """A published event of 2025 organised from France and Germany, with `present`
    anonymous walk-ins, `absent` no-shows and the `followed` people present."""
    event = EventFactory(
        venue=VenueFactory(centre=True),
        start=paris(2025, *day),
        end=paris(2025, *day) + datetime.timedelta(hours=2),
        status=Event.Status.PUBLISHED,
        openness=openness,
    )
    EventOrganisationFactory(event=event, organisation=OrganisationFactory(), role=HOST)
    EventOrganisationFactory(event=event, organisation=OrganisationFactory(german=True), role=CO)
    for _ in range(present):
        AttendanceFactory(walk_in=True, event=event, walk_in_name="")
    for _ in range(absent):
        AttendanceFactory(walk_in=True, event=event, walk_in_name="", present=False)
    for person in followed:
        AttendanceFactory(registration=None, event=event, beneficiary=person)
    return event


def figures(programme, code, quarter=Q3, now=AFTER_Q3):
    return values.compute_indicator(indicator(programme, code), quarter, now=now)


# RCO 115 / RCO 81: exclusive ----------------------------------------------------------


def test_a_public_event_counts_in_rco_115_and_a_closed_workshop_in_rco_81(interreg):
    person = BeneficiaryFactory()
    # The public afterwork: 7 people there, counted once as an event in RCO 115.
    joint_event((7, 10), Event.Openness.PUBLIC, present=6, followed=[person])
    # The closed workshop for a cohort: 4 present (the same followed person among
    # them), 2 no-shows; its 4 participations are RCO 81's, and it is no RCO 115 event.
    joint_event((8, 20), Event.Openness.CLOSED, present=3, absent=2, followed=[person])

    assert figures(interreg, "RCO 115") == (1, 1)
    assert figures(interreg, "RCO 81") == (4, 4)
    # Distinct people of the workshop: 3 walk-ins and the followed person.
    assert figures(interreg, "RCO 81-P") == (4, 4)


def test_an_internal_meeting_counts_in_neither(interreg):
    joint_event((9, 3), Event.Openness.INTERNAL, present=9)

    assert figures(interreg, "RCO 115") == (0, 0)
    assert figures(interreg, "RCO 81") == (0, 0)
    assert figures(interreg, "RCO 81-P") == (0, 0)


def test_an_event_organised_from_one_country_counts_in_neither(interreg):
    event = joint_event((9, 4), Event.Openness.CLOSED, present=5)
    event.participations.filter(role=CO).delete()

    assert figures(interreg, "RCO 81") == (0, 0)


def test_rco_81_p_is_named_the_project_s_own_figure(interreg):
    own = indicator(interreg, "RCO 81-P")
    assert "propre au projet" in own.name_fr and "pas un indicateur commun de l'UE" in own.name_fr
    assert "eigene Kennzahl des Projekts" in own.name_de


# RCO 87: the partnership, each organisation once ----------------------------------------


@pytest.fixture
def partnership(db):
    """A programme of 2025 with its partners: `steady` for the whole year, `late` from
    August to mid-September, `returning` in Q1 and again from October, `former` only
    before the programme, and a German organiser of one event who is no partner."""
    programme = ProgrammeFactory(
        start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31)
    )
    rco_87 = IndicatorFactory(
        programme=programme,
        code="RCO 87",
        kind=Indicator.Kind.COMPUTED,
        metric="project_partners",
        baseline=Decimal(0),
        target=Decimal(4),
    )
    steady, late, returning, former = (OrganisationFactory() for _ in range(4))
    for organisation, start, end in [
        (steady, datetime.date(2025, 1, 1), None),
        (late, datetime.date(2025, 8, 1), datetime.date(2025, 9, 15)),
        (returning, datetime.date(2024, 11, 1), datetime.date(2025, 3, 31)),
        (returning, datetime.date(2025, 10, 1), None),
        (former, datetime.date(2024, 6, 1), datetime.date(2024, 12, 31)),
    ]:
        ProjectPartnership.objects.create(
            programme=programme, organisation=organisation, start_date=start, end_date=end
        )
    outsider = joint_event((6, 5), Event.Openness.PUBLIC)
    outsider.programmes.add(programme)
    return programme, rco_87, {"steady": steady, "late": late, "returning": returning}


def test_a_partner_counts_once_over_four_quarters(partnership):
    programme, rco_87, partners = partnership
    quarters = [Quarter(2025, n) for n in range(1, 5)]
    now = paris(2026, 1, 5)
    values.refresh_values(programme, quarters, now=now)

    stored = {
        row.quarter: (row.value, row.cumulative)
        for row in IndicatorValue.objects.filter(indicator=rco_87, year=2025)
    }
    # Q1: steady and returning (whose cooperation began before the programme);
    # Q3: late; returning's second stint in Q4 is no new organisation; former ended
    # before the programme, the event's German organiser is no partner.
    assert stored == {
        1: (Decimal(2), Decimal(2)),
        2: (Decimal(0), Decimal(2)),
        3: (Decimal(1), Decimal(3)),
        4: (Decimal(0), Decimal(3)),
    }
    assert sum(value for value, _cumulative in stored.values()) == stored[4][1]


def test_the_partners_behind_rco_87_are_the_partnership(partnership):
    programme, rco_87, partners = partnership
    metric = values._metric_of(rco_87)
    period = values.quarter_period(programme, Quarter(2025, 4), now=paris(2026, 1, 5))
    total = values.cumulative_period(programme, period)

    assert set(metric(total, programme).records().values_list("pk", flat=True)) == {
        p.pk for p in partners.values()
    }


def test_the_seed_partnership_ships_with_the_interreg_project(interreg):
    partnership = ProjectPartnership.objects.filter(programme=interreg)
    assert partnership.count() == 21
    lead = partnership.get(role=ProjectPartnership.Role.LEAD)
    assert lead.organisation.name == "Maison de l'emploi de Strasbourg"
    assert set(partnership.values_list("start_date", flat=True)) == {datetime.date(2023, 3, 1)}
    # Counted in the project's first quarter, once.
    assert figures(interreg, "RCO 87", Quarter(2023, 1), paris(2023, 4, 2)) == (21, 21)
    assert figures(interreg, "RCO 87") == (0, 21)


# RCR 84 / RCR 85: after the programme's end ---------------------------------------------


AFTER_END = Quarter(2026, 3)  # the Interreg project ends on 30 June 2026
LATER = paris(2026, 10, 5)


def test_rcr_85_is_recorded_for_the_quarter_after_the_programme_s_end(interreg):
    rcr_85 = indicator(interreg, "RCR 85")
    assert rcr_85.measured_after_end

    row = values.record_manual_value(rcr_85, AFTER_END, value=Decimal(14), now=LATER)

    assert (row.year, row.quarter, row.value) == (2026, 3, Decimal(14))


def test_only_results_measured_after_the_end_are_recorded_after_it(interreg):
    during = IndicatorFactory(programme=interreg, code="X1", kind=Indicator.Kind.MANUAL)
    with pytest.raises(QuarterOutsideProgramme):
        values.record_manual_value(during, AFTER_END, value=Decimal(1), now=LATER)


@pytest.mark.parametrize(("months", "refused"), [(12, Quarter(2027, 3)), (3, Quarter(2026, 4))])
def test_the_follow_up_period_is_a_setting(interreg, settings, months, refused):
    settings.INDICATORS_FOLLOW_UP_MONTHS = months
    rcr_84 = indicator(interreg, "RCR 84")
    last_allowed = refused.previous()
    values.record_manual_value(rcr_84, last_allowed, value=Decimal(3), now=paris(2028, 1, 1))
    with pytest.raises(QuarterOutsideProgramme):
        values.record_manual_value(rcr_84, refused, value=Decimal(3), now=paris(2028, 1, 1))


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_report_after_the_end_shows_the_follow_up_results_and_says_so(
    interreg, fast_pdf, language
):
    values.record_manual_value(
        indicator(interreg, "RCR 85"), AFTER_END, value=Decimal(14), now=LATER
    )
    report, _queued = services.request_report(interreg, AFTER_END, language, enqueue=False)
    report = services.generate_report(report, now=LATER)

    snapshot = report.snapshot
    rows = {
        row["code"]: row
        for axis in snapshot["axes"]
        for group in axis["groups"]
        for row in group["indicators"]
    }
    assert snapshot["follow_up"] is True
    assert snapshot["programme"]["follow_up_until"] == "2027-06-30"
    assert rows["RCR 85"]["value"] == "14"
    assert rows["RCO 81"]["value"] is None  # measured during the project only
    html = reports.render_html(snapshot, language=language)
    expected = {
        "fr": "Période de suivi après la fin du programme (jusqu’au 30 juin 2027)",
        "de": "Nachbeobachtungszeitraum nach dem Programmende (bis 30. Juni 2027)",
    }
    assert expected[language] in html


def test_a_programme_without_follow_up_results_is_not_reported_after_its_end(db):
    programme = ProgrammeFactory(
        start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 6, 30)
    )
    IndicatorFactory(programme=programme)
    with pytest.raises(QuarterOutsideProgramme):
        services.request_report(programme, Quarter(2025, 3), "fr", enqueue=False)


def test_beat_drafts_the_follow_up_quarter_of_a_programme_with_results_after_its_end(interreg):
    drafted = services.draft_reports_after(datetime.date(2026, 10, 1))
    assert {(r.programme_id, r.year, r.quarter) for r in drafted} >= {(interreg.pk, 2026, 3)}

    # The follow-up period ends on 30 June 2027.
    assert interreg in services.programmes_running_in(Quarter(2027, 2))
    assert interreg not in services.programmes_running_in(Quarter(2027, 3))
