"""Referral figures on a hand-built quarter (Q1 2026), each worked out by hand below
from the seven referrals, not from the code under test.

    R1 SPT (DE)      sent 05/01 accepted 07/01 (2 days)  result job 10/02
    R2 SPT (DE)      sent 10/01 refused 14/01 (4 days, no capacity)
    R3 ML (FR)       sent 01/02 refused 02/02 (1 day, outside our area)
    R4 ML (FR)       sent 15/02 accepted 25/02 (10 days) result training 03/04 (Q2)
    R5 Agentur (DE)  sent 20/12/2025, expired 19/01
    R6 Agentur (DE)  sent 30/03, unanswered
    R7 SPT (DE)      sent 01/11/2025 accepted 03/11/2025, result no follow-up 20/01

In Q1: sent R1 R2 R3 R4 R6 = 5 (DE 3, FR 2); accepted R1 R4 = 2; refused R2 R3 = 2
(one each reason); expired R5 = 1; results R1 R7 = 2 (job 1, no follow-up 1);
answers in days 2, 4, 1, 10: median (2 + 4) / 2 = 3.
"""

import datetime

import pytest

from indicators.metrics import Period, get_metric
from indicators.quarters import PARIS, Quarter
from referrals import metrics
from referrals.models import Referral
from tests.factories import BeneficiaryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

Q1 = Period.of_quarter(Quarter(2026, 1))


def at(day, month, year=2026, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=PARIS)


@pytest.fixture
def quarter():
    spt = OrganisationFactory(name="SPT Kehl", german=True)
    ml = OrganisationFactory(name="Mission locale")
    agentur = OrganisationFactory(name="Agentur für Arbeit", german=True)

    def referral(org, sent, *, state="sent", answered=None, **kwargs):
        return Referral.objects.create(
            beneficiary=BeneficiaryFactory(),
            receiving_organisation=org,
            reason="r",
            looking_for="l",
            consent_at=sent - datetime.timedelta(hours=1),
            sent_at=sent,
            expires_at=sent + datetime.timedelta(days=30),
            state=state,
            answered_at=answered,
            **kwargs,
        )

    rows = {
        "R1": referral(
            spt,
            at(5, 1),
            state="accepted",
            answered=at(7, 1),
            result="job",
            result_date=datetime.date(2026, 2, 10),
        ),
        "R2": referral(
            spt, at(10, 1), state="refused", answered=at(14, 1), refusal_reason="no_capacity"
        ),
        "R3": referral(
            ml, at(1, 2), state="refused", answered=at(2, 2), refusal_reason="out_of_area"
        ),
        "R4": referral(
            ml,
            at(15, 2),
            state="accepted",
            answered=at(25, 2),
            result="training",
            result_date=datetime.date(2026, 4, 3),
        ),
        "R5": referral(agentur, at(20, 12, 2025), state="expired", answered=at(19, 1)),
        "R6": referral(agentur, at(30, 3)),
        "R7": referral(
            spt,
            at(1, 11, 2025),
            state="accepted",
            answered=at(3, 11, 2025),
            result="no_follow_up",
            result_date=datetime.date(2026, 1, 20),
        ),
    }
    return rows


def value(name):
    return get_metric(name)(Q1).value


def names(name):
    return {r.pk for r in get_metric(name)(Q1).records()}


def test_registry_metrics_on_the_quarter(quarter):
    assert value("referrals_sent") == 5
    assert value("referrals_accepted") == 2
    assert value("referrals_refused") == 2
    assert value("referrals_refused_no_capacity") == 1
    assert value("referrals_refused_out_of_area") == 1
    assert value("referrals_refused_not_eligible") == 0
    assert value("referrals_expired") == 1
    assert value("referrals_with_result") == 2
    assert value("referrals_result_job") == 1
    assert value("referrals_result_no_follow_up") == 1
    assert value("referrals_result_training") == 0  # dated in Q2
    assert value("referrals_sent_to_de") == 3
    assert value("referrals_sent_to_fr") == 2
    assert value("referrals_sent_to_ch") == 0


def test_the_records_behind_the_figures(quarter):
    assert names("referrals_accepted") == {quarter["R1"].pk, quarter["R4"].pk}
    assert names("referrals_expired") == {quarter["R5"].pk}
    assert names("referrals_with_result") == {quarter["R1"].pk, quarter["R7"].pk}


def test_median_time_to_an_answer(quarter):
    assert metrics.median_days_to_answer(Q1) == 3.0


def test_no_answer_no_median():
    assert metrics.median_days_to_answer(Q1) is None


def test_figures_by_organisation_and_country(quarter, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        by_organisation = metrics.figures_by_organisation(Q1)
        by_country = metrics.figures_by_country(Q1)
    table = {
        row["receiving_organisation__name"]: (
            row["sent"],
            row["accepted"],
            row["refused"],
            row["expired"],
            row["results"],
        )
        for row in by_organisation
    }
    assert table == {
        "SPT Kehl": (2, 1, 1, 0, 2),
        "Mission locale": (2, 1, 1, 0, 0),
        "Agentur für Arbeit": (1, 0, 0, 1, 0),
    }
    countries = {
        row["receiving_organisation__country"]: (
            row["sent"],
            row["accepted"],
            row["refused"],
            row["expired"],
            row["results"],
        )
        for row in by_country
    }
    assert countries == {"DE": (3, 1, 1, 1, 2), "FR": (2, 1, 1, 0, 0)}
    assert {str(row["country"]) for row in by_country} == {"Allemagne", "France"}
    countries = {
        row["receiving_organisation__country"]: (
            row["sent"],
            row["accepted"],
            row["refused"],
            row["expired"],
            row["results"],
        )
        for row in by_country
    }
    assert countries == {"DE": (3, 1, 1, 1, 2), "FR": (2, 1, 1, 0, 0)}


def test_quarter_figures_for_the_dashboard(quarter, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        figures = metrics.quarter_figures(Q1)
    assert [n for _label, n in figures["refusals"]] == [1, 1]
    assert dict((str(k), v) for k, v in figures["results"]) == {"Emploi": 1, "Pas de suite": 1}
    assert figures["median_days"] == 3.0


def test_the_quarterly_report_keeps_and_shows_the_referral_lines(quarter):
    from indicators import reports, snapshots

    totals = snapshots._outcomes(Q1)["referrals"]
    assert totals == {
        "sent": 5,
        "accepted": 2,
        "refused": 2,
        "expired": 1,
        "results": 2,
        "median_days": 3.0,
    }
    lines = dict(reports._referral_totals(totals))
    # Counts of 1 to 4 are suppressed as counts of people; five is shown.
    assert lines["Orientations envoyées aux partenaires"] == "5"
    assert lines["Orientations acceptées par les partenaires"] == "< 5"
    assert lines["Délai médian de réponse des partenaires (jours)"] == "3,0"
    # A report frozen before referrals existed shows no such line.
    assert reports._referral_totals(None) == []


def test_staff_drill_down_to_the_referrals_behind_a_figure(client, settings, quarter):
    from django.urls import reverse

    from indicators.models import Indicator
    from tests.accounts import staff_member
    from tests.factories import IndicatorFactory

    settings.REQUIRE_STAFF_MFA = False
    indicator = IndicatorFactory(kind=Indicator.Kind.COMPUTED, metric="referrals_refused")
    client.force_login(staff_member())
    url = reverse("indicators_staff:indicator_records", args=[indicator.pk, "2026-Q1"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["value"] == 2
    references = {row[1] for row in response.context["rows"]}
    assert references == {quarter["R2"].beneficiary.reference, quarter["R3"].beneficiary.reference}
    assert quarter["R2"].beneficiary.last_name not in response.content.decode()
