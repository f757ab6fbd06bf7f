"""The comité de suivi report: its PDF in French and German, publication and versions."""

import datetime
import hashlib
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from indicators import reports, services, values
from indicators.models import Indicator, IndicatorValue, Programme, QuarterlyReport
from indicators.quarters import Quarter
from lieu_ressource.roles import COMMITTEE
from tests.factories import (
    BeneficiaryFactory,
    OutcomeFactory,
    QualitativeNoteFactory,
    UserFactory,
)

Q3 = Quarter(2025, 3)
DASH = "–"

# Hand-counted from the world of conftest.py, plus the six RSA recipients in German
# courses and five RSA recipients with a job in Germany that `more_people` adds; the
# manual figures are those entered in `manual_values`. (quarter, cumulative) as the
# PDF prints them: counts of people from 1 to 4 show as "< 5".
CONVENTION = {
    "C1.1": ("6", "6"),
    "C1.2": ("2", "3"),  # companies A and B; C in June
    "C1.3": ("< 5", "< 5"),  # rsa_a and rsa_c
    "C1.4": ("2", "2"),
    "C1.5": ("< 5", "< 5"),  # three hires, entered by hand: a count of people
    "C1.6": ("41", "41"),
    "C2.1": ("12", "12"),
    "C2.2": ("2", "2"),  # e1 and e8
    "C2.3": ("< 5", "< 5"),  # rsa_c; with rsa_b since 2020
    "C3.1": ("< 5", "< 5"),  # rsa_a, the resident, rsa_c
    "C3.2": ("< 5", "< 5"),  # rsa_a
    "C4.1": ("6", "6"),  # rsa_b and five more
    "C4.2": ("< 5", "< 5"),  # rsa_a; with rsa_b since 2020
    "C4.3": ("7", "7"),  # rsa_a and six more
}
INTERREG = {
    "RCO 81": ("< 5", "< 5"),  # p1 at the closed working circle e3
    "RCO 81-P": ("< 5", "< 5"),
    "RCO 87": ("0", "21"),  # the shipped partnership, all counted in 2023-Q1
    "RCO 115": ("1", "1"),  # the public workshop e1
    "RCR 84": ("7", "7"),
    "RCR 85": ("9", "9"),
    "EV": ("4", "6"),  # e1, e2, e3, e8; e6 and e9 in Q2
    "EV.01": ("1", "1"),
    "EV.02": ("0", "0"),
    "EV.03": ("0", "1"),  # the company visit e6 in May
    "EV.04": ("0", "0"),
    "EV.05": ("1", "1"),
    "EV.06": ("0", "0"),  # the pitch evening e7 ends in Q4
    "EV.07": ("1", "1"),
    "EV.08": ("0", "0"),
    "EV.09": ("0", "0"),
    "EV.10": ("1", "2"),
}
MANUAL = {"C1.1": 6, "C1.4": 2, "C1.5": 3, "C1.6": 41, "C2.1": 12, "RCR 84": 7, "RCR 85": 9}


@pytest.fixture
def more_people(world):
    for _ in range(6):
        OutcomeFactory(
            beneficiary=BeneficiaryFactory(rsa=True),
            german_course=True,
            date=datetime.date(2025, 8, 4),
        )
    for _ in range(5):
        OutcomeFactory(
            beneficiary=BeneficiaryFactory(rsa=True),
            job_in_germany=True,
            date=datetime.date(2025, 9, 2),
        )


@pytest.fixture
def manual_values(world, after_q3):
    for indicator in Indicator.objects.filter(code__in=MANUAL, kind=Indicator.Kind.MANUAL):
        values.record_manual_value(
            indicator, Q3, value=Decimal(MANUAL[indicator.code]), now=after_q3
        )


@pytest.fixture
def fast_pdf(monkeypatch):
    """Skip the layout where a test is about figures, not about the PDF itself."""

    def render(snapshot, *, language, version=1, generated_at=None):
        html = reports.render_html(snapshot, language=language, version=version)
        return b"%PDF-1.7 stub " + hashlib.sha256(html.encode()).hexdigest().encode()

    monkeypatch.setattr(reports, "render_pdf", render)


def read_private(name):
    with storages["private"].open(name, "rb") as file:
        return file.read()


def pdf_text(report):
    reader = PdfReader(io.BytesIO(read_private(report.file.name)))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def flat(text):
    # Lines break after the hyphen of "RSA-Beziehende": join them back.
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def shown(number):
    return DASH if number is None else str(int(number))


def generate(programme, language, now, quarter=Q3):
    report, _queued = services.request_report(programme, quarter, language, enqueue=False)
    return services.generate_report(report, now=now)


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize(
    ("code", "expected"), [("convention-2020", CONVENTION), ("interreg-lieu-ressource", INTERREG)]
)
def test_pdf_shows_every_indicator_with_its_figures(
    world, more_people, manual_values, after_q3, language, code, expected
):
    programme = Programme.objects.get(code=code)
    report = generate(programme, language, after_q3)

    assert report.status == QuarterlyReport.Status.DONE
    text = pdf_text(report)
    with translation.override(language):
        tables = text.index(gettext("Key figures of the quarter"))
    indicators = list(programme.indicators.order_by("position"))
    assert {i.code for i in indicators} == set(expected)
    for indicator in indicators:
        name = flat(getattr(indicator, f"name_{language}"))
        assert name in text, indicator.code
        # In the indicator tables, after the summary (which names them first).
        row = text[text.index(name, tables) :]
        following = [i.code for i in indicators if i.position > indicator.position]
        if following:
            row = row[: row.index(f" {following[0]} ")]
        quarter, cumulative = expected[indicator.code]
        figures = f" {shown(indicator.baseline)} {shown(indicator.target)} {quarter} {cumulative} "
        assert figures in row, (indicator.code, figures, row)


def test_pdf_is_written_in_the_report_language(world, after_q3):
    programme = Programme.objects.get(code="convention-2020")
    french = pdf_text(generate(programme, "fr", after_q3))
    german = pdf_text(generate(programme, "de", after_q3))

    assert "Développer l'emploi transfrontalier" in french
    assert "Grenzüberschreitende Beschäftigung entwickeln" in german
    assert "Développer l'emploi transfrontalier" not in german


def test_pdf_shows_qualitative_notes_and_follow_up(world, after_q3):
    programme = Programme.objects.get(code="convention-2020")
    QualitativeNoteFactory(
        programme=programme,
        strategy=programme.axes.get(number=4).strategies.get(),
        year=2025,
        quarter=3,
        strengths="Binômes franco-allemands très efficaces.",
        areas_for_progress="Relancer les entreprises de l'Ortenau.",
        decisions_follow_up="Le comité avait demandé un atelier à Kehl : tenu le 18/09.",
    )

    text = pdf_text(generate(programme, "fr", after_q3))

    assert "Binômes franco-allemands très efficaces." in text
    assert "Relancer les entreprises de l'Ortenau." in text
    assert "Le comité avait demandé un atelier à Kehl : tenu le 18/09." in text


def test_pdf_lists_the_events_held_in_the_annex(world, after_q3):
    programme = Programme.objects.get(code="convention-2020")
    text = pdf_text(generate(programme, "de", after_q3))

    for held in (world.e1, world.e2, world.e3, world.e8):
        assert flat(held.title_de) in text
    for not_held in (world.e4, world.e5, world.e6, world.e7):
        assert flat(not_held.title_de) not in text


def test_small_counts_of_people_are_suppressed_but_not_zero():
    assert reports.show_count(0) == "0"
    assert reports.show_count(3) == "< 5"
    assert reports.show_count(5) == "5"
    assert reports.show_count(3, describes_people=False) == "3"


def test_snapshot_activity_and_outcomes(world, after_q3, fast_pdf):
    programme = Programme.objects.get(code="convention-2020")
    snapshot = generate(programme, "fr", after_q3).snapshot

    registrations = snapshot["activity"]["registrations"]
    # Confirmed sign-ups to e1, e2, e3, e8: 5 + 6 + 1 + 3; present among them: 4 + 4 + 1 + 2.
    assert (registrations["confirmed"], registrations["present"]) == (15, 11)
    assert registrations["participations"] == 12
    assert registrations["walk_ins"] == 1
    # Followed people present: rsa_a, rsa_b, rsa_c (RSA), seeker, resident (job seekers).
    assert snapshot["activity"]["by_situation"]["rsa_recipient"] == 3
    assert snapshot["activity"]["by_situation"]["registered_job_seeker"] == 2
    assert snapshot["activity"]["neighbourhoods"] == [
        {"code": "port-du-rhin", "name": "Port du Rhin", "count": 2}
    ]
    jobs = {row["contract"]: row["countries"] for row in snapshot["outcomes"]["jobs"]}
    # Germany: rsa_b (CDI, Minijob), the seeker (CDI); France: rsa_c (CDD ≥ 6 months).
    assert jobs["cdi"] == {"FR": 0, "DE": 2, "CH": 0}
    assert jobs["minijob"]["DE"] == 1
    assert jobs["cdd_long"]["FR"] == 1
    assert snapshot["outcomes"]["totals"]["placement_referral"] == 1
    assert snapshot["outcomes"]["language_trainings"] == 1


# Requests, publication and versions


def test_requesting_the_same_quarter_twice_makes_one_report(world):
    programme = Programme.objects.get(code="convention-2020")
    first, _queued = services.request_report(programme, Q3, "fr", enqueue=False)
    second, _queued = services.request_report(programme, Q3, "fr", enqueue=False)

    assert first.pk == second.pk
    assert QuarterlyReport.objects.filter(programme=programme).count() == 1


def test_quarter_before_the_programme_is_refused(world):
    programme = Programme.objects.get(code="interreg-lieu-ressource")
    with pytest.raises(services.QuarterOutsideProgramme):
        services.request_report(programme, Quarter(2022, 4), "fr", enqueue=False)


def test_regenerating_a_draft_overwrites_its_file(world, after_q3, fast_pdf):
    programme = Programme.objects.get(code="convention-2020")
    first = generate(programme, "fr", after_q3)
    OutcomeFactory(beneficiary=world.rsa_c, job_in_germany=True, date=datetime.date(2025, 8, 1))

    second = generate(programme, "fr", after_q3)

    assert second.pk == first.pk
    assert second.file.name == first.file.name
    assert second.checksum != first.checksum
    stored = read_private(second.file.name)
    assert hashlib.sha256(stored).hexdigest() == second.checksum


def test_published_report_keeps_its_figures_after_data_edits(world, after_q3, fast_pdf):
    programme = Programme.objects.get(code="convention-2020")
    published = generate(programme, "fr", after_q3)
    services.publish_reports([published], now=after_q3)
    c41 = programme.indicators.get(code="C4.1")
    frozen = IndicatorValue.objects.get(indicator=c41, year=2025, quarter=3)
    assert (frozen.value, frozen.frozen) == (Decimal(1), True)

    # Later edits: another RSA recipient hired in Germany, an event cancelled.
    OutcomeFactory(beneficiary=world.rsa_c, job_in_germany=True, date=datetime.date(2025, 8, 1))
    world.e1.status = "cancelled"
    world.e1.save()
    values.refresh_values(programme, [Q3], now=after_q3)
    again, queued = services.request_report(programme, Q3, "fr", enqueue=False)
    german = generate(programme, "de", after_q3)

    published.refresh_from_db()
    frozen.refresh_from_db()
    assert not queued and again.pk == published.pk
    assert published.status == QuarterlyReport.Status.PUBLISHED
    assert frozen.value == 1
    stored = read_private(published.file.name)
    assert hashlib.sha256(stored).hexdigest() == published.checksum
    # The German version of the same quarter shows the frozen figures too.
    row = next(r for r in _rows(german.snapshot) if r["code"] == "C4.1")
    assert row["value"] == "1"


def _rows(snapshot):
    for axis in snapshot["axes"]:
        for group in axis["groups"]:
            yield from group["indicators"]


def test_new_version_says_what_changed(world, after_q3):
    programme = Programme.objects.get(code="convention-2020")
    first = generate(programme, "fr", after_q3)
    services.publish_reports([first], now=after_q3)
    OutcomeFactory(beneficiary=world.rsa_c, job_in_germany=True, date=datetime.date(2025, 8, 1))

    (second,) = services.issue_new_version(programme, Q3, languages=["fr"], enqueue=False)
    second = services.generate_report(second, now=after_q3)

    assert second.version == 2
    changed = {(c["code"], c["field"], c["before"], c["after"]) for c in second.snapshot["changes"]}
    assert ("C4.1", "value", "1", "2") in changed
    assert "C4.1" in second.changes
    assert "C4.1" in pdf_text(second).split("Key figures")[0]
    # The published first version is untouched.
    first.refresh_from_db()
    assert next(r for r in _rows(first.snapshot) if r["code"] == "C4.1")["value"] == "1"


def test_publishing_a_new_version_freezes_its_figures(world, after_q3, fast_pdf):
    programme = Programme.objects.get(code="convention-2020")
    services.publish_reports([generate(programme, "fr", after_q3)], now=after_q3)
    OutcomeFactory(beneficiary=world.rsa_c, job_in_germany=True, date=datetime.date(2025, 8, 1))
    (second,) = services.issue_new_version(programme, Q3, languages=["fr"], enqueue=False)
    services.publish_reports([services.generate_report(second, now=after_q3)], now=after_q3)

    value = IndicatorValue.objects.get(
        indicator__code="C4.1", indicator__programme=programme, year=2025, quarter=3
    )
    assert (value.value, value.frozen) == (Decimal(2), True)


def test_a_draft_cannot_be_published_before_it_is_generated(world):
    programme = Programme.objects.get(code="convention-2020")
    report, _queued = services.request_report(programme, Q3, "fr", enqueue=False)
    with pytest.raises(services.ReportNotReady):
        services.publish_reports([report])


def test_publication_emails_committee_members(
    world, after_q3, fast_pdf, django_capture_on_commit_callbacks
):
    member = UserFactory(email="comite@example.org")
    member.groups.add(*_group(COMMITTEE))
    UserFactory(email="someone@example.org")  # not a member
    programme = Programme.objects.get(code="convention-2020")
    reports_ = [generate(programme, "fr", after_q3), generate(programme, "de", after_q3)]

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_reports(reports_, now=after_q3)

    assert [message.to for message in mail.outbox] == [["comite@example.org"]]
    body = mail.outbox[0].body
    for report in reports_:
        assert re.search(rf"/(fr|de)/[^ ]+/{report.pk}/report\.pdf", body)


def _group(name):
    from django.contrib.auth.models import Group

    return [Group.objects.get(name=name)]


def test_publishing_refuses_a_report_older_than_a_manual_entry(world, after_q3, fast_pdf):
    programme = Programme.objects.get(code="convention-2020")
    report = generate(programme, "fr", after_q3)
    jobconnexion = programme.indicators.get(code="C1.6")
    values.record_manual_value(jobconnexion, Q3, value=Decimal(41), now=after_q3)

    with pytest.raises(services.ReportOutdated):
        services.publish_reports([report], now=after_q3)

    report.refresh_from_db()
    assert report.status == QuarterlyReport.Status.DONE
    assert not IndicatorValue.objects.filter(frozen=True).exists()


def test_publishing_a_language_with_other_figures_is_refused(world, after_q3, fast_pdf):
    programme = Programme.objects.get(code="convention-2020")
    french = generate(programme, "fr", after_q3)
    OutcomeFactory(beneficiary=world.rsa_c, job_in_germany=True, date=datetime.date(2025, 8, 1))
    german = generate(programme, "de", after_q3)

    # The French figures no longer match the records they would be traced to.
    with pytest.raises(services.ReportOutdated):
        services.publish_reports([french], now=after_q3)
    french = generate(programme, "fr", after_q3)
    services.publish_reports([french], now=after_q3)
    # Generated from the same records, the German report joins it.
    assert services.publish_reports([german], now=after_q3) == [german]
