"""The open impact page: per quarter, only what published reports froze, with small
counts of people suppressed as in the reports, and its CSV."""

import copy
import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from events import page_cache
from indicators import snapshots, values
from indicators.models import Programme, QuarterlyReport
from indicators.quarters import Quarter
from tests.factories import AttendanceFactory, EventFactory, QuarterlyReportFactory

pytestmark = pytest.mark.django_db

Q2, Q3 = Quarter(2025, 2), Quarter(2025, 3)


def page_url(language, query=""):
    with translation.override(language):
        return reverse("impact:page") + query


def csv_url(language):
    with translation.override(language):
        return reverse("impact:csv")


def fresh_get(client, url):
    cache.clear()
    page_cache.clear_local()
    return client.get(url)


def snapshot_of(programme, quarter, now):
    period = values.quarter_period(programme, quarter, now=now)
    quarters = values.trend_quarters(programme, quarter, now=now)
    values.refresh_values(programme, quarters, now=now)
    return snapshots.build_snapshot(
        programme, quarter, period=period, trend_quarters=quarters, as_of=now
    )


def report(programme, quarter, snapshot, **traits):
    return QuarterlyReportFactory(
        programme=programme,
        year=quarter.year,
        quarter=quarter.number,
        snapshot=snapshot,
        **({"published": True} if not traits else traits),
    )


@pytest.fixture
def interreg(world, after_q3):
    programme = Programme.objects.get(code="interreg-lieu-ressource")
    published = report(programme, Q3, snapshot_of(programme, Q3, after_q3))
    # Q2 was generated but never published: nothing of it may show.
    report(programme, Q2, snapshot_of(programme, Q2, after_q3), done=True)
    return programme, published


@pytest.mark.parametrize(("language", "path"), [("fr", "/fr/impact/"), ("de", "/de/wirkung/")])
def test_the_page_shows_the_published_quarter_only_in_both_languages(
    client, interreg, language, path
):
    assert page_url(language) == path
    response = client.get(page_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert [q["code"] for q in response.context["quarters"]] == ["2025-Q3"]
    label = {"fr": "T3 2025", "de": "Q3 2025"}[language]
    assert label in html and {"fr": "T2 2025", "de": "Q2 2025"}[language] not in html
    assert client.get(page_url(language, "?quarter=2025-Q2")).status_code == 404
    assert client.get(page_url(language, "?quarter=nonsense")).status_code == 404


def test_a_published_quarter_is_unchanged_after_the_data_changes(client, interreg, after_q3):
    before = fresh_get(client, page_url("fr")).content
    # A busy new event in the quarter, and its figures recomputed.
    programme, _published = interreg
    event = EventFactory(published=True, start=after_q3.replace(month=8, day=20))
    AttendanceFactory.create_batch(12, event=event)
    values.refresh_values(programme, [Q3], now=after_q3)
    assert fresh_get(client, page_url("fr")).content == before


def test_only_the_latest_published_version_counts(client, interreg):
    programme, first = interreg
    later = copy.deepcopy(first.snapshot)
    later["key_figures"]["events_held"] = 987
    report(programme, Q3, later, published=True, version=2, language="de")
    html = fresh_get(client, page_url("fr")).content.decode()
    assert "987" in html


def test_small_counts_of_people_are_suppressed_as_in_the_reports(client, interreg):
    programme, published = interreg
    snapshot = copy.deepcopy(published.snapshot)
    snapshot["key_figures"]["unique_participants"] = 3
    snapshot["key_figures"]["events_held"] = 2  # events are not people: shown as is
    snapshot["outcomes"]["totals"]["training"] = 4
    snapshot["outcomes"]["totals"]["qualification"] = 0
    snapshot["outcomes"]["totals"]["business_creation"] = 7
    QuarterlyReport.objects.filter(pk=published.pk).update(snapshot=snapshot)
    shown = fresh_get(client, page_url("fr")).context["programmes"][0]
    figures = dict(shown["figures"])
    assert figures["Participants"] == "< 5"
    assert figures["Événements organisés"] == "2"
    outcomes = {o["label"]: o["shown"] for o in shown["outcomes"]}
    assert outcomes["Formations"] == "< 5"
    assert outcomes["Qualifications"] == "0"
    # The chart draws the shown counts only, and says the others as the table does.
    chart = str(shown["outcomes_chart"])
    assert "Formations: &lt; 5" in chart and ">7<" in chart
    assert ">4<" not in chart and chart.count("<rect") == 1
    csv_text = fresh_get(client, csv_url("fr")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert [r[4:] for r in rows if r[4] == "Participants"] == [["Participants", "< 5"]]


def test_the_csv_holds_the_published_quarters_only(client, interreg):
    response = client.get(csv_url("de"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="wirkung-de.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Programm", "Quartal", "Zeitraum", "Bereich", "Kennzahl", "Wert"]
    assert {r[1] for r in rows[1:]} == {"2025-Q3"}


def test_no_published_report_says_so(client, world):
    response = client.get(page_url("de"))
    assert response.status_code == 200
    assert response.context["quarters"] == []


def test_publishing_a_report_shows_at_once(client, world, after_q3):
    programme = Programme.objects.get(code="interreg-lieu-ressource")
    generated = report(programme, Q3, snapshot_of(programme, Q3, after_q3), done=True)
    assert client.get(page_url("fr")).context["quarters"] == []
    generated.status = QuarterlyReport.Status.PUBLISHED
    generated.save()
    assert [q["code"] for q in client.get(page_url("fr")).context["quarters"]] == ["2025-Q3"]


def test_queries_do_not_grow_with_published_reports(
    client, interreg, after_q3, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3) as few:
        fresh_get(client, page_url("fr"))
    programme, published = interreg
    convention = Programme.objects.get(code="convention-2020")
    for quarter in (Quarter(2024, 3), Quarter(2024, 4), Quarter(2025, 1)):
        report(programme, quarter, copy.deepcopy(published.snapshot))
        report(convention, quarter, copy.deepcopy(published.snapshot))
    with django_assert_max_num_queries(len(few)):
        response = fresh_get(client, page_url("fr"))
    assert len(response.context["quarters"]) == 4


def test_a_report_being_generated_leaves_the_cached_pages_alone(world, after_q3):
    programme = Programme.objects.get(code="interreg-lieu-ressource")
    version = page_cache.current_version()
    generated = report(programme, Q3, snapshot_of(programme, Q3, after_q3), done=True)
    generated.status = QuarterlyReport.Status.RUNNING
    generated.save()
    assert page_cache.current_version() == version
