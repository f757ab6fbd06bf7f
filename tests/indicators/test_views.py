"""Who may see the comité de suivi pages, download reports and drill down."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from indicators import services
from indicators.models import Indicator, QuarterlyReport
from lieu_ressource.roles import COMMITTEE, STAFF
from tests.accounts import partner_referent
from tests.factories import IndicatorFactory, ProgrammeFactory, QuarterlyReportFactory, UserFactory

PDF = b"%PDF-1.7 a report"


def report_with_file(status, language="fr", **kwargs):
    report = QuarterlyReportFactory(status=status, language=language, **kwargs)
    report.file.name = services.write_private_file(services.report_file_name(report), PDF)
    report.save()
    return report


@pytest.fixture
def published(db):
    return report_with_file(QuarterlyReport.Status.PUBLISHED)


@pytest.fixture
def draft(db):
    return report_with_file(QuarterlyReport.Status.DONE, year=2025, quarter=2)


@pytest.fixture
def member(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COMMITTEE))
    return user


@pytest.fixture
def staff(db):
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    return user


def download_url(report, language="fr"):
    with translation.override(language):
        return reverse("indicators:download", args=[report.pk])


def committee_url(language="fr"):
    with translation.override(language):
        return reverse("indicators:committee")


# Downloads


def test_anonymous_visitor_is_sent_to_login(client, published):
    response = client.get(download_url(published))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_plain_user_is_refused(client, published):
    client.force_login(UserFactory())
    assert client.get(download_url(published)).status_code == 403


def test_committee_member_downloads_a_published_report(client, member, published):
    client.force_login(member)
    response = client.get(download_url(published))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]


def test_committee_member_cannot_see_a_draft(client, member, draft):
    client.force_login(member)
    assert client.get(download_url(draft)).status_code == 404


def test_committee_member_with_the_admin_flag_cannot_see_a_draft(client, member, draft):
    member.is_staff = True
    member.save()
    client.force_login(member)
    assert client.get(download_url(draft)).status_code == 404


def test_staff_downloads_a_draft(client, staff, draft):
    client.force_login(staff)
    response = client.get(download_url(draft, "de"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_missing_file_is_not_found(client, staff, db):
    report = QuarterlyReportFactory(status=QuarterlyReport.Status.PUBLISHED)
    client.force_login(staff)
    assert client.get(download_url(report)).status_code == 404


def test_report_files_are_outside_public_media(settings, published):
    from django.core.files.storage import storages

    path = storages["private"].path(published.file.name)
    assert not path.startswith(str(settings.MEDIA_ROOT))


# The committee page


def test_committee_page_needs_login(client, db):
    response = client.get(committee_url())
    assert response.status_code == 302


def test_committee_page_is_refused_to_plain_users(client, db):
    client.force_login(UserFactory())
    assert client.get(committee_url()).status_code == 403


@pytest.mark.parametrize("language", ["fr", "de"])
def test_committee_page_lists_published_reports_in_both_languages(
    client, member, language, django_assert_max_num_queries
):
    programme = ProgrammeFactory()
    french = report_with_file("published", "fr", programme=programme, year=2025, quarter=3)
    german = report_with_file("published", "de", programme=programme, year=2025, quarter=3)
    old = report_with_file("published", "fr", programme=programme, year=2025, quarter=2)
    hidden = report_with_file("done", "fr", programme=programme, year=2025, quarter=4)
    client.force_login(member)

    with django_assert_max_num_queries(6):
        response = client.get(committee_url(language))

    assert response.status_code == 200
    content = response.content.decode()
    assert getattr(programme, f"name_{language}") in content
    for report in (french, german, old):
        assert download_url(report, language) in content
    assert download_url(hidden, language) not in content


def test_committee_page_shows_the_latest_version_first(client, member):
    programme = ProgrammeFactory()
    first = report_with_file("published", "fr", programme=programme, year=2025, quarter=3)
    second = report_with_file(
        "published", "fr", programme=programme, year=2025, quarter=3, version=2
    )
    client.force_login(member)

    content = client.get(committee_url()).content.decode()

    assert content.index(download_url(second)) < content.index(download_url(first))


def test_committee_page_query_count_does_not_grow(client, member, django_assert_max_num_queries):
    programme = ProgrammeFactory()
    for quarter in (1, 2, 3, 4):
        for language in ("fr", "de"):
            report_with_file("published", language, programme=programme, quarter=quarter)
    client.force_login(member)
    with django_assert_max_num_queries(6):
        assert client.get(committee_url()).status_code == 200


# Staff drill-down


@pytest.fixture
def computed(world):
    return IndicatorFactory(
        programme=world.programme,
        kind=Indicator.Kind.COMPUTED,
        metric="rsa_recipients_employed_in_germany",
    )


def records_url(indicator, quarter="2025-Q3"):
    return reverse("indicators_staff:indicator_records", args=[indicator.pk, quarter])


def test_staff_sees_the_people_behind_a_figure(client, settings, staff, computed, world):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(staff)

    response = client.get(records_url(computed))

    assert response.status_code == 200
    assert world.rsa_b.reference in response.content.decode()
    assert world.seeker.reference not in response.content.decode()


def test_staff_sees_the_cumulative_records(client, settings, staff, world):
    settings.REQUIRE_STAFF_MFA = False
    indicator = IndicatorFactory(
        programme=world.programme,
        kind=Indicator.Kind.COMPUTED,
        metric="rsa_recipients_in_tailored_pathways",
    )
    client.force_login(staff)

    content = client.get(records_url(indicator) + "?scope=cumulative").content.decode()

    assert world.rsa_a.reference in content and world.rsa_b.reference in content


def test_drill_down_counts_its_records_once(client, settings, staff, computed, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.REQUIRE_STAFF_MFA = False
    client.force_login(staff)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(records_url(computed))
    # The figure is the number of records: the pages reuse it instead of counting again.
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert response.context["value"] == response.context["page"].paginator.count == 1


def test_drill_down_is_refused_to_committee_members(client, settings, member, computed):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(member)
    assert client.get(records_url(computed)).status_code == 403


def test_drill_down_to_people_is_refused_to_partner_referents(client, computed, world):
    # Even with the right to read indicators, a referent may not list every
    # organisation's people behind a figure.
    referent = partner_referent()
    referent.user_permissions.add(Permission.objects.get(codename="view_indicator"))
    client.force_login(referent)
    assert client.get(records_url(computed)).status_code == 403


def test_drill_down_needs_a_second_factor(client, settings, staff, computed):
    settings.REQUIRE_STAFF_MFA = True
    client.force_login(staff)
    response = client.get(records_url(computed))
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def test_drill_down_of_a_bad_quarter_is_not_found(client, settings, staff, computed):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(staff)
    assert client.get(records_url(computed, "2025-Q9")).status_code == 404
    assert client.get(records_url(computed, "2019-Q1")).status_code == 404
