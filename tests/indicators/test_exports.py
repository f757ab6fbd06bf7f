"""Indicator values exported for the funders' systems (Synergie-CTE, Jems), from the
published report: CSV and JSON read back equal to the snapshot; the admin and the
command; the admin fields of the Interreg rules."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from indicators import exports, services, snapshots, values
from indicators.models import Indicator, Programme, QuarterlyReport
from indicators.quarters import Quarter
from lieu_ressource.roles import STAFF
from tests.factories import UserFactory

INTERREG = "interreg-lieu-ressource"
Q2, Q3 = Quarter(2025, 2), Quarter(2025, 3)


@pytest.fixture
def staff_client(client, settings, db):
    settings.REQUIRE_STAFF_MFA = False
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    client.force_login(user)
    return client


def publish(programme, quarter, now):
    published = []
    for language in ("fr", "de"):
        report, _queued = services.request_report(programme, quarter, language, enqueue=False)
        published.append(services.generate_report(report, now=now))
    services.publish_reports(published, now=now)
    return QuarterlyReport.objects.get(pk=published[-1].pk)


@pytest.fixture
def published(world, fast_pdf, after_q3):
    """The Interreg project's Q2 and Q3 2025 published, with a target on RCO 115, a
    manual RCR 84 value and a comment on it."""
    programme = Programme.objects.get(code=INTERREG)
    Indicator.objects.filter(programme=programme, code="RCO 115").update(target=Decimal(8))
    rcr_84 = Indicator.objects.select_related("programme").get(programme=programme, code="RCR 84")
    values.record_manual_value(
        rcr_84, Q3, value=Decimal(3), comment="Trois partenaires ; drei Partner", now=after_q3
    )
    publish(programme, Q2, after_q3)
    report = publish(programme, Q3, after_q3)
    return programme, report


def rows_by_code(report):
    return {row["code"]: row for row in snapshots.indicator_rows(report.snapshot)}


def expected_line(row, previous):
    return {
        "code": row["code"],
        "name_fr": row["name"]["fr"],
        "name_de": row["name"]["de"],
        "unit_fr": row["unit"]["fr"],
        "unit_de": row["unit"]["de"],
        "baseline": row["baseline"],
        "target": row["target"],
        "value": row["value"],
        "cumulative": row["cumulative"],
        "previously_reported": previous["cumulative"],
        "note": row["comment"],
    }


def test_json_export_reads_back_equal_to_the_published_snapshot(published):
    programme, report = published
    text, content_type, name = exports.export(programme, Q3, "json")
    lines = json.loads(text)

    assert content_type == "application/json"
    assert name == f"{INTERREG}-2025-Q3-indicators-v1.json"
    shown = rows_by_code(report)
    before = rows_by_code(QuarterlyReport.objects.filter(programme=programme, quarter=2).first())
    assert [line["code"] for line in lines] == list(shown)
    for line in lines:
        row = shown[line["code"]]
        assert {key: line[key] for key in expected_line(row, before[row["code"]])} == (
            expected_line(row, before[row["code"]])
        )
        assert line["report_version"] == report.version
        assert line["published_at"] == report.published_at.isoformat()
        assert (line["programme"], line["quarter"]) == (INTERREG, "2025-Q3")
    rco_115 = next(line for line in lines if line["code"] == "RCO 115")
    # One public cross-border event (e1) against a target of 8, from a baseline of 0.
    assert (rco_115["cumulative"], rco_115["target"], rco_115["progress"]) == ("1", "8", "0.125")
    rcr_84 = next(line for line in lines if line["code"] == "RCR 84")
    assert (rcr_84["value"], rcr_84["note"]) == ("3", "Trois partenaires ; drei Partner")


def test_csv_export_reads_back_equal_to_the_json_one(published):
    programme, report = published
    text, content_type, _name = exports.export(programme, Q3, "csv")
    from_csv = list(csv.DictReader(io.StringIO(text)))
    from_json = json.loads(exports.export(programme, Q3, "json")[0])

    assert content_type.startswith("text/csv")
    assert list(from_csv[0]) == list(exports.FIELDS)
    as_text = [
        {key: "" if value is None else str(value) for key, value in line.items()}
        for line in from_json
    ]
    assert from_csv == as_text


def test_nothing_published_is_refused(world, fast_pdf, after_q3):
    programme = Programme.objects.get(code=INTERREG)
    report, _queued = services.request_report(programme, Q3, "fr", enqueue=False)
    services.generate_report(report, now=after_q3)  # done, not published

    with pytest.raises(exports.NothingPublished):
        exports.export(programme, Q3, "csv")


def test_the_command_prints_the_export(published, capsys):
    programme, report = published
    call_command("export_indicators", INTERREG, "2025-Q3", "--format", "json")

    lines = json.loads(capsys.readouterr().out)
    assert len(lines) == len(rows_by_code(report))


@pytest.mark.parametrize(
    "arguments",
    [
        ["no-such-programme", "2025-Q3"],
        [INTERREG, "2025-T3"],
        [INTERREG, "2024-Q1"],  # nothing published
    ],
)
def test_the_command_refuses_bad_input(db, arguments):
    with pytest.raises(CommandError):
        call_command("export_indicators", *arguments)


def test_staff_download_the_export_from_the_report_admin(published, staff_client):
    programme, report = published
    response = staff_client.post(
        reverse("admin:indicators_quarterlyreport_changelist"),
        {"action": "export_csv", "_selected_action": [report.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{INTERREG}-2025-Q3-indicators-v1.csv"'
    )
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {line["code"] for line in lines} == set(rows_by_code(report))


def test_the_admin_export_takes_one_quarter_at_a_time(published, staff_client):
    programme, report = published
    both = QuarterlyReport.objects.filter(programme=programme, language="fr")
    response = staff_client.post(
        reverse("admin:indicators_quarterlyreport_changelist"),
        {"action": "export_json", "_selected_action": list(both.values_list("pk", flat=True))},
        follow=True,
    )

    assert "Content-Disposition" not in response
    refusal = "Select the reports of one programme and quarter."
    said = set()
    for language in ("fr", "de"):
        with translation.override(language):
            said.add(translation.gettext(refusal))
    assert said & {str(m) for m in response.context["messages"]}


# The Interreg rules in the admin --------------------------------------------------------


def test_staff_set_the_target_of_an_interreg_indicator(staff_client, world):
    programme = Programme.objects.get(code=INTERREG)
    rco_87 = Indicator.objects.get(programme=programme, code="RCO 87")

    page = staff_client.get(reverse("admin:indicators_indicator_change", args=[rco_87.pk]))

    form = page.context["adminform"].form
    assert not form.fields["target"].disabled
    assert "measured_after_end" in form.fields


def test_the_programme_admin_lists_its_partnership(staff_client, world):
    programme = Programme.objects.get(code=INTERREG)
    page = staff_client.get(reverse("admin:indicators_programme_change", args=[programme.pk]))

    assert page.status_code == 200
    assert "Maison de l&#x27;emploi de Strasbourg" in page.content.decode()


def test_the_event_admin_says_who_may_take_part_and_which_programmes(staff_client, world):
    page = staff_client.get(reverse("admin:events_event_change", args=[world.e3.pk]))

    form = page.context["adminform"].form
    assert form.initial["openness"] == "closed"
    assert "programmes" in form.fields
