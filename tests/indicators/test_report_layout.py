"""The report's PDF as a reader gets it: headers that never overlap, codes on one
line, tagged for screen readers with its language and title."""

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from indicators import reports, snapshots, values
from indicators.models import Programme
from indicators.quarters import Quarter
from tests.factories import QuarterlyReportFactory

Q3 = Quarter(2025, 3)
PROGRAMMES = ["convention-2020", "interreg-lieu-ressource"]


def snapshot_of(programme, now):
    period = values.quarter_period(programme, Q3, now=now)
    quarters = values.trend_quarters(programme, Q3, now=now)
    values.refresh_values(programme, quarters, now=now)
    return snapshots.build_snapshot(
        programme, Q3, period=period, trend_quarters=quarters, as_of=now
    )


def walk(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from walk(child)


def indicator_cells(document):
    """Every cell of the indicator tables, with the text boxes laid out in it."""
    for page in document.pages:
        for box in walk(page._page_box):
            if type(box).__name__ != "TableBox" or "indicators" not in (
                box.element.get("class") or ""
            ):
                continue
            for cell in walk(box):
                if type(cell).__name__ == "TableCellBox":
                    texts = [b for b in walk(cell) if type(b).__name__ == "TextBox"]
                    yield cell, texts


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("code", PROGRAMMES)
def test_no_text_of_an_indicator_table_runs_out_of_its_cell(world, after_q3, language, code):
    from weasyprint import HTML

    snapshot = snapshot_of(Programme.objects.get(code=code), after_q3)
    document = HTML(string=reports.render_html(snapshot, language=language)).render()

    headers = codes = 0
    for cell, texts in indicator_cells(document):
        left = cell.content_box_x()
        right = left + cell.width
        for text in texts:
            # Half a point of tolerance for rounding; a header printed over its
            # neighbour ran several millimetres past its cell.
            assert left - 0.7 <= text.position_x, (text.text, language)
            assert text.position_x + text.width <= right + 0.7, (text.text, language)
        if cell.element_tag == "th" and cell.element.get("scope") == "col":
            headers += 1
        if "code" in (cell.element.get("class") or ""):
            codes += 1
            # A code ("RCO 81") stays on one line.
            assert len({round(t.position_y) for t in texts}) == 1, [t.text for t in texts]
    assert headers >= 8 and codes >= 10


def pdf_of(code, language, now):
    snapshot = snapshot_of(Programme.objects.get(code=code), now)
    return PdfReader(io.BytesIO(reports.render_pdf(snapshot, language=language)))


@pytest.mark.parametrize("language", ["fr", "de"])
def test_pdf_is_tagged_with_its_language_and_title(world, after_q3, language):
    reader = pdf_of("convention-2020", language, after_q3)
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/K"]
    assert str(root["/Lang"]).lower().startswith(language)
    assert "/Metadata" in root  # XMP
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert reader.metadata.title


def structure_types(node, found):
    node = node.get_object()
    if isinstance(node, dict) or hasattr(node, "keys"):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object"):
                    structure_types(kid, found)
    return found


def test_pdf_structure_has_tables_with_header_cells(world, after_q3):
    reader = pdf_of("interreg-lieu-ressource", "de", after_q3)
    found = structure_types(reader.trailer["/Root"]["/StructTreeRoot"], set())

    assert {"/Table", "/TH", "/TD", "/H2"} <= found


@pytest.mark.parametrize(
    ("funder", "expected"),
    [
        ("Interreg Rhin supérieur / Oberrhein (FEDER / EFRE)", True),
        ("FSE+ – Fonds social européen plus", True),
        ("Département du Bas-Rhin", False),
    ],
)
def test_eu_funded_programmes_are_recognised_by_their_funder(funder, expected):
    assert reports.is_eu_funded(funder) is expected


@pytest.mark.parametrize(
    ("language", "statement"),
    [("fr", "Cofinancé par l'Union européenne"), ("de", "Kofinanziert von der Europäischen Union")],
)
def test_cover_of_an_interreg_report_shows_the_eu_emblem(world, after_q3, language, statement):
    interreg = snapshot_of(Programme.objects.get(code="interreg-lieu-ressource"), after_q3)
    convention = snapshot_of(Programme.objects.get(code="convention-2020"), after_q3)

    html = reports.render_html(interreg, language=language).replace("&#x27;", "'")
    assert statement in html and 'fill="#003399"' in html
    assert statement not in reports.render_html(convention, language=language)


@pytest.mark.parametrize(("language", "part"), [("fr", "2025-T3-fr"), ("de", "2025-Q3-de")])
def test_file_name_is_in_the_report_language(db, language, part):
    report = QuarterlyReportFactory(year=2025, quarter=3, language=language)
    assert part in reports.download_name(report)
