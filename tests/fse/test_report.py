"""The FSE+ programme's comité de suivi report compiles in French and German with
its common indicators."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import storages
from pypdf import PdfReader

from indicators import services
from indicators.models import QuarterlyReport
from indicators.quarters import Quarter
from indicators.snapshots import indicator_rows

AFTER_Q1_2024 = datetime.datetime(2024, 4, 20, 9, tzinfo=ZoneInfo("Europe/Paris"))
NAMES = {
    "fr": ("Nombre total de participants", "Chômeurs de longue durée"),
    "de": ("Gesamtzahl der Teilnehmenden", "Langzeitarbeitslose"),
}


def pdf_text(report):
    with storages["private"].open(report.file.name, "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_fse_report_compiles_with_its_indicators(fse_world, language):
    report, _queued = services.request_report(
        fse_world.programme, Quarter(2024, 1), language, enqueue=False
    )
    report = services.generate_report(report, now=AFTER_Q1_2024)

    assert report.status == QuarterlyReport.Status.DONE, report.error
    values = {row["code"]: row["value"] for row in indicator_rows(report.snapshot)}
    # The figures of test_indicators.py: 4 participants (2 women, 1 man, 1 non-binary).
    assert (values["EECO11"], values["EECO11-F"], values["EECO11-M"]) == ("4", "2", "1")
    assert values["EECR04"] == "1" and values["EECR02"] == "0"
    text = pdf_text(report)
    for name in NAMES[language]:
        assert name in text
    assert "EECO11" in text and "EECR06" in text
