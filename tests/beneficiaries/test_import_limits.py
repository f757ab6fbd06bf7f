"""Bounded imports: a file over the size or row limits is refused with a message to
split it before any importer parses it (an XLSX bomb included), uploads never stay
behind, a forged upload name is refused, and no page shows a traceback."""

import io
import logging
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from beneficiaries.models import Beneficiary
from beneficiaries.resources import BeneficiaryResource
from lieu_ressource import imports
from tests.accounts import staff_member
from tests.factories import EventFactory

from .test_imports import ATTENDANCE_HEADER, CSV_FORMAT, HEADER, XLSX_FORMAT, _csv, confirm, upload

pytestmark = pytest.mark.django_db

TOO_MANY_ROWS_FR = (
    "Le fichier a plus de {limit} lignes ; au plus {limit} sont importées à la fois. "
    "Découpez-le en fichiers plus petits."
)


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


@pytest.fixture(autouse=True)
def uploads_dir(settings, tmp_path):
    settings.IMPORT_TMP_DIR = tmp_path / "imports"
    return settings.IMPORT_TMP_DIR


def left_behind(directory):
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


@pytest.fixture
def parsers_untouched(monkeypatch):
    """Fail the test if an importer parses the file (the limits come first)."""

    def parsed(self, *args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(CSV, "create_dataset", parsed)
    monkeypatch.setattr(XLSX, "create_dataset", parsed)


@pytest.fixture
def rows_parsed(monkeypatch):
    """How many rows openpyxl reads from a workbook's sheet XML."""
    counted = {"rows": 0}
    cells_by_row = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in cells_by_row(self, *args, **kwargs):
            counted["rows"] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return counted


def workbook(rows, columns=7, undeclared=False):
    """An XLSX file of `rows` rows; `undeclared` strips the sheet's dimension, as a
    crafted file would, so that only streaming can count its rows."""
    book = openpyxl.Workbook()  # not write-only: that mode declares no dimension
    sheet = book.active
    sheet.append(HEADER.split(","))
    for number in range(rows):
        sheet.append([f"LR-{number:06d}", "Léa", "Müller", "", "1", "2025-03-01", ""][:columns])
    buffer = io.BytesIO()
    book.save(buffer)
    if not undeclared:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.startswith("xl/worksheets/"):
                start = data.find(b"<dimension")
                if start != -1:
                    data = data[:start] + data[data.find(b"/>", start) + 2 :]
            target.writestr(member, data)
    return out.getvalue()


def expands_to(size):
    """A valid workbook with one more member that expands to `size` bytes of zeros
    (a few kilobytes once compressed)."""
    source = zipfile.ZipFile(io.BytesIO(workbook(1)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member, source.read(member))
        target.writestr("xl/media/padding.bin", b"\0" * size)
    return out.getvalue()


def form_error(response):
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    return response.context["form"].errors["import_file"]


# Size and rows, before parsing


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    staff_client, settings, parsers_untouched, uploads_dir
):
    settings.IMPORT_MAX_BYTES = 1024
    line = "LR-100001,Léa,Müller,,1,2025-03-01,"
    content = _csv(HEADER, *[line] * 40)  # about 1.6 kB

    errors = form_error(upload(staff_client, content))

    assert errors == [
        "Le fichier pèse 1,6\xa0Kio ; au plus 1,0\xa0Kio sont importés à la fois. "
        "Découpez-le en fichiers plus petits."
    ]
    assert left_behind(uploads_dir) == []


def test_a_csv_with_too_many_rows_is_refused_before_parsing(
    staff_client, settings, parsers_untouched, uploads_dir
):
    settings.IMPORT_MAX_ROWS = 2
    lines = [f"LR-50000{n},Léa,Müller,,1,2025-03-01," for n in range(3)]

    errors = form_error(upload(staff_client, _csv(HEADER, *lines)))

    assert errors == [TOO_MANY_ROWS_FR.format(limit=2)]
    assert left_behind(uploads_dir) == []
    assert not Beneficiary.objects.filter(reference__startswith="LR-5000").exists()


def test_counting_csv_rows_stops_after_the_limit():
    pulled = []

    class Lines(io.BytesIO):
        def read1(self, size=-1):
            pulled.append(1)
            return super().read1(min(size, 64) if size and size > 0 else 64)

    content = _csv(HEADER, *["LR-1,Léa,Müller,,1,2025-03-01,"] * 100_000)  # 3.4 MB
    assert imports.count_csv_rows(Lines(content), limit=10) == 11
    # 64-byte reads: the counter stopped within the first kilobytes of 3.4 MB.
    assert len(pulled) * 64 < 10_000


def test_a_workbook_declaring_too_many_rows_is_refused_unread(settings, rows_parsed):
    settings.IMPORT_MAX_ROWS = 20

    with pytest.raises(imports.ImportRefused) as refused:
        imports.check_upload(SimpleUploadedFile("bomb.xlsx", workbook(5000)), XLSX())

    assert str(refused.value) == TOO_MANY_ROWS_FR.format(limit=20)
    assert rows_parsed["rows"] == 0


def test_a_workbook_hiding_its_size_is_read_only_up_to_the_limit(settings, rows_parsed):
    settings.IMPORT_MAX_ROWS = 20

    with pytest.raises(imports.ImportRefused):
        imports.check_upload(
            SimpleUploadedFile("bomb.xlsx", workbook(5000, undeclared=True)), XLSX()
        )

    # The header and the 20 rows allowed, then the row that proves it too long.
    assert rows_parsed["rows"] == 22


def test_a_workbook_that_expands_too_much_is_refused_without_opening_it(settings, monkeypatch):
    settings.IMPORT_MAX_BYTES = 100_000
    content = expands_to(1_000_000)
    assert len(content) < 20_000

    def opened(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", opened)
    with pytest.raises(imports.ImportRefused):
        imports.check_upload(SimpleUploadedFile("bomb.xlsx", content), XLSX())


def test_an_xlsx_bomb_is_refused_in_the_admin_with_the_message(
    staff_client, settings, parsers_untouched, uploads_dir
):
    settings.IMPORT_MAX_ROWS = 20

    response = upload(staff_client, workbook(5000), name="bomb.xlsx", file_format=XLSX_FORMAT)

    assert form_error(response) == [TOO_MANY_ROWS_FR.format(limit=20)]
    assert left_behind(uploads_dir) == []


def test_a_workbook_within_the_limits_passes(settings):
    settings.IMPORT_MAX_ROWS = 20
    assert imports.check_upload(SimpleUploadedFile("ok.xlsx", workbook(20)), XLSX()) == 21


# Uploads kept between preview and confirmation


def test_a_preview_with_errors_keeps_its_upload_for_one_retry(staff_client, uploads_dir):
    response = upload(staff_client, _csv(HEADER, "LR-100001,Léa,Müller,,1,pas une date,"))

    assert response.context.get("confirm_form") is None
    assert response.context["result"].has_validation_errors()
    [kept] = left_behind(uploads_dir)
    assert response.context["retry"]["name"] == kept
    # Tried again: the kept file is read and gone, the new preview keeps its own.
    again = staff_client.post(
        reverse("admin:beneficiaries_beneficiary_import"),
        {
            "retry_file_name": kept,
            "retry_original_name": "people.csv",
            "format": CSV_FORMAT,
            "resource": "0",
        },
    )
    assert again.context["result"].has_validation_errors()
    assert left_behind(uploads_dir) == [again.context["retry"]["name"]]


def test_an_upload_is_kept_for_its_confirmation_then_removed(staff_client, uploads_dir):
    preview = upload(staff_client, _csv(HEADER, "LR-100001,Léa,Müller,,1,2025-03-01,"))
    assert len(left_behind(uploads_dir)) == 1

    confirm(staff_client, preview)

    assert Beneficiary.objects.filter(reference="LR-100001").exists()
    assert left_behind(uploads_dir) == []


@pytest.mark.parametrize("name", ["../../etc/passwd", "passwd", "0" * 31, "", "a" * 32 + "/../x"])
def test_a_forged_upload_name_is_refused_with_a_message(staff_client, name):
    response = staff_client.post(
        reverse("admin:beneficiaries_beneficiary_process_import"),
        {"import_file_name": name, "original_file_name": "people.csv", "format": CSV_FORMAT},
        follow=True,
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Cet import est inconnu ou a expiré : importez à nouveau le fichier."
    ]


def test_an_upload_already_confirmed_cannot_be_confirmed_again(staff_client):
    preview = upload(staff_client, _csv(HEADER, "LR-100002,Léa,Müller,,1,2025-03-01,"))
    confirm(staff_client, preview)

    again = confirm(staff_client, preview)

    assert again.status_code == 302
    assert Beneficiary.objects.filter(reference="LR-100002").count() == 1


# Messages, never tracebacks


def test_an_attendance_file_without_an_id_column_gets_a_translated_message(staff_client):
    event = EventFactory(published=True)
    header = ATTENDANCE_HEADER.removeprefix("id,")

    response = upload(staff_client, _csv(header, f"{event.pk},,,,1"), model="attendance")

    [error] = response.context["result"].base_errors
    assert "colonnes manquantes : Numéro de présence" in str(error.error)
    assert error.traceback == ""
    assert "Traceback" not in response.content.decode()


def test_an_unexpected_error_shows_our_message_and_logs_the_details(
    staff_client, monkeypatch, caplog
):
    def broken(self, dataset, **kwargs):
        raise RuntimeError("/srv/lieu-ressource/secret/path.py exploded")

    monkeypatch.setattr(BeneficiaryResource, "before_import", broken)

    with caplog.at_level(logging.ERROR):
        response = upload(staff_client, _csv(HEADER, "LR-100003,Léa,Müller,,1,2025-03-01,"))

    page = response.content.decode()
    assert "/srv/lieu-ressource" not in page and "Traceback" not in page
    [error] = response.context["result"].base_errors
    assert str(error.error) == (
        "Le fichier n’a pas pu être importé à cause d’une erreur inattendue ; rien n’a été "
        "enregistré. Le détail figure dans le journal du serveur."
    )
    assert "/srv/lieu-ressource/secret/path.py exploded" in caplog.text


# The request itself


def test_a_request_over_the_size_limit_is_refused_unread(staff_client, settings, uploads_dir):
    settings.REQUEST_MAX_BYTES = 10_000
    content = _csv(HEADER, *["LR-100001,Léa,Müller,,oui,2025-03-01,"] * 500)  # 19 kB

    response = upload(staff_client, content, name="big.csv")

    assert response.status_code == 413
    assert response.content.decode() == (
        "Cette requête est trop volumineuse (19,9\xa0Kio ; au plus 9,8\xa0Kio). Pour un "
        "import, découpez le fichier en fichiers plus petits."
    )
    assert left_behind(uploads_dir) == []
    assert not Beneficiary.objects.filter(reference="LR-100001").exists()
