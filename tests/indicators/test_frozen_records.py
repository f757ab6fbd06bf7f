"""The drill-down of a published figure lists the records it counted when it was
published, not today's query."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from beneficiaries.models import Beneficiary
from indicators import services
from indicators.models import Indicator, Programme
from lieu_ressource.roles import STAFF
from tests.factories import BeneficiaryFactory, OutcomeFactory, UserFactory
from tests.indicators.test_reports import Q3, fast_pdf, generate  # noqa: F401 (fixture)


@pytest.fixture
def staff(db, settings):
    settings.REQUIRE_STAFF_MFA = False
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    return user


@pytest.fixture
def published(world, after_q3, fast_pdf):  # noqa: F811
    programme = Programme.objects.get(code="convention-2020")
    reports = [generate(programme, language, after_q3) for language in ("fr", "de")]
    services.publish_reports(reports, now=after_q3)
    return programme


def records_url(indicator, scope=""):
    url = reverse("indicators_staff:indicator_records", args=[indicator.pk, str(Q3)])
    return url + ("?scope=cumulative" if scope else "")


def test_publishing_keeps_the_ids_of_the_records_behind_each_figure(world, published):
    indicator = published.indicators.get(code="C4.1")  # RSA recipients employed in Germany
    for report in published.reports.all():
        entry = report.snapshot["records"][str(indicator.pk)]
        assert entry["quarter"] == [world.rsa_b.pk]
    manual = published.indicators.get(code="C1.1")
    assert str(manual.pk) not in report.snapshot["records"]


def test_published_drill_down_is_unchanged_after_the_data_is_edited(
    client, staff, world, published
):
    indicator = published.indicators.get(code="C4.1", kind=Indicator.Kind.COMPUTED)
    newcomer = BeneficiaryFactory(rsa=True)
    OutcomeFactory(beneficiary=newcomer, job_in_germany=True, date=datetime.date(2025, 8, 3))
    Beneficiary.objects.filter(pk=world.rsa_b.pk).update(rsa_recipient=False, student=True)
    client.force_login(staff)

    content = client.get(records_url(indicator)).content.decode()

    assert world.rsa_b.reference in content
    assert newcomer.reference not in content
    assert "Valeur du trimestre, du 1er juillet au 30 septembre 2025" in content
    assert "<strong>BRSA en emploi dans des entreprises allemandes</strong>" in content
    assert "1 ne serait plus compté aujourd'hui" in content  # rsa_b, now a student
    assert "1 autre enregistrement serait compté aujourd'hui" in content


def test_unpublished_quarter_drill_down_is_today_s_query(client, staff, world, after_q3):
    programme = Programme.objects.get(code="convention-2020")
    indicator = programme.indicators.get(code="C4.1")
    newcomer = BeneficiaryFactory(rsa=True)
    OutcomeFactory(beneficiary=newcomer, job_in_germany=True, date=datetime.date(2025, 8, 3))
    client.force_login(staff)

    content = client.get(records_url(indicator)).content.decode()

    assert world.rsa_b.reference in content and newcomer.reference in content


def test_publishing_refuses_figures_that_no_longer_match_their_records(
    world,
    after_q3,
    fast_pdf,  # noqa: F811
):
    programme = Programme.objects.get(code="convention-2020")
    report = generate(programme, "fr", after_q3)
    OutcomeFactory(
        beneficiary=BeneficiaryFactory(rsa=True),
        job_in_germany=True,
        date=datetime.date(2025, 8, 3),
    )

    with pytest.raises(services.ReportOutdated):
        services.publish_reports([report], now=after_q3)
