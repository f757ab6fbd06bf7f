"""The `demo_reports` command: after seed_demo, the demo's comité de suivi reports of
the last two closed quarters, generated and published by the real task and service,
so that the committee's page and the open impact page have something to show."""

import io
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader

from events.models import Attendance, Event
from indicators import reports
from indicators.models import IndicatorValue, Programme, QuarterlyReport
from indicators.quarters import Quarter
from lieu_ressource.demo import DEMO_PASSWORD
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

TODAY = "2025-03-12"
TINY = 0.05
Q3, Q4 = Quarter(2024, 3), Quarter(2024, 4)
# The shipped programmes all run in both quarters: the 2020 convention (open-ended),
# the Interreg project (March 2023 – June 2026), the FSE+ action (2024 – 2025).
PROGRAMMES = ["convention-2020", "fse-activ-action", "interreg-lieu-ressource"]
EXPECTED = {
    (code, str(quarter), language)
    for code in PROGRAMMES
    for quarter in (Q3, Q4)
    for language in ("fr", "de")
}
COMMITTEE_EMAIL = "comite@example.org"


def seed(today=TODAY):
    call_command("seed_demo", stdout=StringIO(), scale=TINY, today=today)


def demo_reports(**options):
    out, err = StringIO(), StringIO()
    call_command("demo_reports", stdout=out, stderr=err, **{"today": TODAY, **options})
    return out.getvalue(), err.getvalue()


def published_keys():
    return {
        (code, f"{year}-Q{quarter}", language)
        for code, year, quarter, language in QuarterlyReport.objects.filter(
            status=QuarterlyReport.Status.PUBLISHED
        ).values_list("programme__code", "year", "quarter", "language")
    }


@pytest.fixture
def demo(db):
    seed()


@pytest.fixture
def published(demo, fast_pdf):
    return demo_reports()


@pytest.fixture
def last_quarter_published(demo, fast_pdf):
    """Where the quarter before adds nothing to what a test checks (each costs seconds)."""
    return demo_reports(quarters=1)


def log_in_as_committee(client):
    response = client.post(
        "/accounts/login/", {"login": COMMITTEE_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    return response


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


# What is published ------------------------------------------------------------------


def test_every_running_programme_gets_both_languages_of_the_last_two_quarters(published):
    out, err = published
    assert published_keys() == EXPECTED
    assert not QuarterlyReport.objects.exclude(status=QuarterlyReport.Status.PUBLISHED).exists()
    assert "12 rapports du comité de suivi publiés" in out
    assert "T3 2024, T4 2024" in out
    assert err == ""
    # Published as staff publish: the values the reports show are frozen.
    values = IndicatorValue.objects.filter(
        Q(year=2024, quarter=3) | Q(year=2024, quarter=4),
        indicator__programme__code__in=PROGRAMMES,
    )
    assert values.exists()
    assert not values.filter(frozen=False).exists()


def test_publishing_emails_the_committee_member_once(
    demo, fast_pdf, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo_reports(quarters=1)
    (email,) = mailoutbox
    assert email.to == [COMMITTEE_EMAIL]
    for report in QuarterlyReport.objects.all():
        assert url("indicators:download", "fr", report.pk) in email.body


def test_the_committee_member_logs_in_to_the_reports_in_both_languages(
    client, last_quarter_published
):
    response = log_in_as_committee(client)
    assert response.url == url("indicators:committee", "fr")
    for language in ("fr", "de"):
        page = client.get(url("indicators:committee", language)).content.decode()
        for programme in Programme.objects.filter(code__in=PROGRAMMES):
            assert escape(getattr(programme, f"name_{language}")) in page
        with translation.override(language):
            assert reports.quarter_label("2024-Q4") in page
        for report in QuarterlyReport.objects.all():
            assert f'href="{url("indicators:download", language, report.pk)}"' in page


def test_the_committee_member_downloads_each_report(client, last_quarter_published):
    log_in_as_committee(client)
    for report in QuarterlyReport.objects.all():
        response = client.get(url("indicators:download", "fr", report.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_reports_are_real_pdfs_in_french_and_german(client, db):
    # A demo of 2021: only the convention ran then, two reports of real layout.
    seed(today="2021-05-10")
    demo_reports(today="2021-05-10", quarters=1)
    log_in_as_committee(client)
    labels = {"fr": "T1 2021", "de": "Q1 2021"}
    reports_ = QuarterlyReport.objects.select_related("programme")
    assert sorted(reports_.values_list("programme__code", "language")) == [
        ("convention-2020", "de"),
        ("convention-2020", "fr"),
    ]
    for report in reports_:
        response = client.get(url("indicators:download", report.language, report.pk))
        pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
        text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
        assert labels[report.language] in text
        assert getattr(report.programme, f"name_{report.language}")[:30] in text


def test_the_impact_page_shows_the_figures_of_the_last_quarter_and_a_trend(client, published):
    # The convention's activity of the quarter, counted here from the demo's records.
    convention = Programme.objects.get(code="convention-2020")
    held = (
        Event.objects.filter(status=Event.Status.PUBLISHED, end__gte=Q4.start, end__lt=Q4.end)
        .filter(
            Q(axes__programme=convention)
            | Q(programmes=convention)
            | Q(axes__isnull=True, programmes__isnull=True)
        )
        .distinct()
    )
    present = Attendance.objects.filter(event__in=held, present=True).count()
    assert held.count() >= 1 and present >= reports.SMALL_COUNT  # shown as themselves
    labels = {
        "fr": ("Événements organisés", "Participations"),
        "de": ("Durchgeführte Veranstaltungen", "Teilnahmen"),
    }
    for language, (events_label, participations_label) in labels.items():
        response = client.get(url("impact:page", language))
        assert response.status_code == 200
        with translation.override(language):
            assert response.context["selected"] == reports.quarter_label("2024-Q4")
        shown = {programme["code"]: programme for programme in response.context["programmes"]}
        assert sorted(shown) == PROGRAMMES
        assert all(programme["trend"] is not None for programme in shown.values())
        figures = dict(shown["convention-2020"]["figures"])
        assert figures[events_label] == str(held.count())
        assert figures[participations_label] == str(present)
        assert escape(convention.name_fr if language == "fr" else convention.name_de) in (
            response.content.decode()
        )


# Running again, and where it does nothing --------------------------------------------


def test_a_second_run_writes_nothing(
    last_quarter_published, mailoutbox, django_capture_on_commit_callbacks, settings
):
    def state():
        return (
            list(
                QuarterlyReport.objects.order_by("pk").values_list(
                    "pk", "status", "version", "checksum", "generated_at", "published_at"
                )
            ),
            list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "computed_at")),
            sorted(p.name for p in (settings.PRIVATE_ROOT / "reports").rglob("*")),
        )

    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        out, err = demo_reports(quarters=1)
    assert state() == before
    assert mailoutbox == []
    assert "Les rapports de démonstration de T4 2024 sont déjà publiés" in out
    assert err == ""


def test_without_demo_data_it_says_so_and_writes_nothing(db):
    out, err = demo_reports()
    assert "Pas de données de démonstration dans cette base" in out
    assert "lancez d’abord seed_demo" in out
    assert not QuarterlyReport.objects.exists()
    assert err == ""


def test_a_database_without_the_demo_committee_account_is_left_alone(db, fast_pdf):
    # Events, but not seed_demo's: a real database, whose committee must not be
    # emailed reports nobody asked for.
    EventFactory()
    out, _err = demo_reports()
    assert "Pas de données de démonstration" in out
    assert not QuarterlyReport.objects.exists()


def test_a_report_that_cannot_be_generated_stops_the_command_with_its_error(demo, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("no fonts")

    monkeypatch.setattr(reports, "render_pdf", broken)
    with pytest.raises(CommandError) as stopped:
        demo_reports(quarters=1)
    assert "n’a pas pu être généré : ValueError: no fonts" in str(stopped.value)
    assert not QuarterlyReport.objects.filter(status=QuarterlyReport.Status.PUBLISHED).exists()


def test_a_quarter_count_below_one_is_refused(db):
    with pytest.raises(CommandError, match="nombre entier à partir de 1 attendu"):
        demo_reports(quarters=0)


# The email is sent once the publication commits: a real commit is needed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_mail_server_down_leaves_the_reports_published_without_a_traceback(
    mail_server_down, fast_pdf, caplog
):
    seed()
    with caplog.at_level(logging.INFO):
        out, err = demo_reports(quarters=1)
    assert published_keys() == {key for key in EXPECTED if key[1] == str(Q4)}
    assert "L’e-mail au comité de suivi n’a pas pu être envoyé" in err
    assert "6 rapports du comité de suivi publiés" in out
    assert not [record for record in caplog.records if record.exc_info]
