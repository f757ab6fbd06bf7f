"""The report's PDF read as a person reads it: every indicator's code, name and
figures in reading order, and every page of a French and a German report as a
picture in test-artifacts/ for a person to look at."""

import io
import re
from pathlib import Path

import pypdfium2
import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from indicators import reports
from indicators.models import Programme
from tests.indicators.test_report_layout import snapshot_of

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PROGRAMMES = ["convention-2020", "interreg-lieu-ressource"]
# A4 in points, as WeasyPrint sets it.
A4 = (595.28, 841.89)


def flat(text):
    # Lines break after the hyphen of "RSA-Beziehende": join them back.
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def indicator_rows(snapshot):
    for axis in snapshot["axes"]:
        for group in axis["groups"]:
            yield from group["indicators"]


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("code", PROGRAMMES)
def test_every_indicator_reads_code_name_then_figures_in_order(world, after_q3, language, code):
    snapshot = snapshot_of(Programme.objects.get(code=code), after_q3)
    pdf = PdfReader(io.BytesIO(reports.render_pdf(snapshot, language=language)))
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    with translation.override(language):
        # The indicator tables come after the summary, which names indicators too.
        position = text.index(gettext("Key figures of the quarter"))
        rows = list(indicator_rows(snapshot))
        assert len(rows) >= 10
        for row in rows:
            people = row["describes_people"]
            name = flat(row["name"][language])
            # What a reader meets, in this order: the code, the name, then baseline,
            # target, the quarter's value and the cumulative value.
            expected = [
                f"{row['code']} ",
                name,
                flat(
                    " ".join(
                        [
                            reports.show_number(row["baseline"]),
                            reports.show_number(row["target"]),
                            reports.show_count(row["value"], people),
                            reports.show_count(row["cumulative"], people),
                        ]
                    )
                ),
            ]
            for part in expected:
                found = text.find(part, position)
                assert found >= 0, (row["code"], part, text[position : position + 300])
                position = found + len(part)


def test_every_page_of_a_french_and_a_german_report_goes_to_the_artifacts(world, after_q3):
    ARTIFACTS.mkdir(exist_ok=True)
    for code, language in [("convention-2020", "fr"), ("interreg-lieu-ressource", "de")]:
        snapshot = snapshot_of(Programme.objects.get(code=code), after_q3)
        document = pypdfium2.PdfDocument(reports.render_pdf(snapshot, language=language))
        try:
            assert len(document) >= 4
            for number, page in enumerate(document, start=1):
                assert page.get_size() == pytest.approx(A4, abs=0.5)
                # 150 dpi: small print stays legible on screen.
                image = page.render(scale=150 / 72).to_pil()
                path = ARTIFACTS / f"report-{code}-{language}-page-{number:02d}.png"
                image.save(path)
                # Something is printed on every page: some pixels are dark.
                darkest, _lightest = image.convert("L").getextrema()
                assert darkest < 100, path.name
                page.close()
        finally:
            document.close()
