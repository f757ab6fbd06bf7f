"""Imports and exports in the admin: a file is previewed, then written only if every
row is valid; any invalid row leaves the database as it was, with a message per row
and field. Exports are safe to open in a spreadsheet."""

import csv
import datetime
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beneficiaries.models import Beneficiary
from beneficiaries.resources import BeneficiaryResource
from events.models import Attendance
from events.resources import AttendanceResource
from lieu_ressource import import_columns
from partners.models import Organisation
from partners.resources import OrganisationResource, neutralise_formula, restore_neutralised
from tests.accounts import staff_member
from tests.factories import (
    AttendanceFactory,
    BeneficiaryFactory,
    EventFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADER = "reference,first_name,last_name,email,rsa_recipient,entry_date,referring_organisation"


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


@pytest.fixture
def partner():
    return OrganisationFactory(name="Mission locale du Neuhof (test)")


def _csv(*lines):
    return ("\n".join(lines) + "\n").encode()


def upload(client, content, name="people.csv", file_format=CSV_FORMAT, model="beneficiary"):
    app = {"beneficiary": "beneficiaries", "organisation": "partners", "attendance": "events"}
    return client.post(
        reverse(f"admin:{app[model]}_{model}_import"),
        {
            "resource": "0",
            "format": file_format,
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, preview, model="beneficiary"):
    app = {"beneficiary": "beneficiaries", "organisation": "partners", "attendance": "events"}
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:{app[model]}_{model}_process_import"), data)


def row_errors(response):
    """{line: {field: [messages]}} of the preview's invalid rows."""
    result = response.context["result"]
    return {row.number: row.field_specific_errors for row in result.invalid_rows}


def assert_rejected(response):
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None


# A good file ------------------------------------------------------------------------


def test_a_valid_file_is_previewed_then_written_on_confirmation(staff_client, partner):
    content = _csv(
        HEADER,
        "LR-100001,Léa,Müller,lea@example.org,1,2025-03-01,Mission locale du Neuhof (test)",
        "LR-100002,Jonas,Keller,,0,12/03/2025,",
    )
    preview = upload(staff_client, content)
    assert preview.context["confirm_form"] is not None
    assert not Beneficiary.objects.filter(reference__startswith="LR-1000").exists()
    response = confirm(staff_client, preview)
    assert response.status_code == 302
    lea = Beneficiary.objects.get(reference="LR-100001")
    assert (lea.last_name, lea.rsa_recipient, lea.referring_organisation) == (
        "Müller",
        True,
        partner,
    )
    assert str(Beneficiary.objects.get(reference="LR-100002").entry_date) == "2025-03-12"


def test_an_excel_workbook_is_imported(staff_client, partner):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["LR-200001", "Anna", "Weiß", "", "non", "2025-02-03", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = upload(staff_client, buffer.getvalue(), name="people.xlsx", file_format=XLSX_FORMAT)
    confirm(staff_client, preview)
    assert Beneficiary.objects.get(reference="LR-200001").last_name == "Weiß"


def test_an_import_updates_the_person_with_the_same_reference(staff_client):
    BeneficiaryFactory(reference="LR-300001", last_name="Avant")
    preview = upload(staff_client, _csv(HEADER, "LR-300001,Léa,Après,,1,2025-03-01,"))
    confirm(staff_client, preview)
    assert Beneficiary.objects.get(reference="LR-300001").last_name == "Après"


# Rejections: nothing is written, and each problem is named ------------------------------


def test_a_file_with_the_wrong_columns_is_refused_before_any_row(staff_client):
    before = Beneficiary.objects.count()
    response = upload(staff_client, _csv("ref;prénom;nom", "LR-1;Léa;Müller"))
    assert_rejected(response)
    [error] = response.context["result"].base_errors
    # The message names the missing and the unknown columns, as headed in French.
    assert "colonnes manquantes : Référence, Prénom, Nom" in str(error.error)
    assert "ref;prénom;nom" in str(error.error)
    assert Beneficiary.objects.count() == before


def test_a_file_with_too_many_rows_is_refused_before_any_row(staff_client, settings):
    settings.IMPORT_MAX_ROWS = 2
    lines = [f"LR-50000{n},Léa,Müller,,1,2025-03-01," for n in range(3)]
    response = upload(staff_client, _csv(HEADER, *lines))
    assert_rejected(response)
    # Refused with the upload form, before the importer reads the file.
    assert response.context["form"].errors["import_file"] == [
        "Le fichier a plus de 2 lignes ; au plus 2 sont importées à la fois. "
        "Découpez-le en fichiers plus petits."
    ]
    assert not Beneficiary.objects.filter(reference__startswith="LR-5000").exists()


def test_a_bad_date_is_reported_on_its_row_and_field(staff_client):
    before = Beneficiary.objects.count()
    response = upload(
        staff_client,
        _csv(
            HEADER,
            "LR-400001,Léa,Müller,,1,2025-03-01,",
            "LR-400002,Jonas,Keller,,1,31/02/2025,",
        ),
    )
    assert_rejected(response)
    assert row_errors(response) == {
        2: {
            "entry_date": [
                "« 31/02/2025 » n'est pas une date : écrivez-la sous la forme 2025-06-12 ou "
                "12/06/2025."
            ]
        }
    }
    assert Beneficiary.objects.count() == before


def test_an_unknown_referring_organisation_is_reported(staff_client):
    before = Beneficiary.objects.count()
    response = upload(staff_client, _csv(HEADER, "LR-500001,Léa,Müller,,1,2025-03-01,Nowhere Ltd"))
    assert_rejected(response)
    errors = row_errors(response)
    assert list(errors[1]) == ["referring_organisation"]
    assert "« Nowhere Ltd »" in errors[1]["referring_organisation"][0]
    assert Beneficiary.objects.count() == before


def test_a_person_twice_in_the_file_is_refused(staff_client):
    before = Beneficiary.objects.count()
    response = upload(
        staff_client,
        _csv(
            HEADER,
            "LR-600001,Léa,Müller,,1,2025-03-01,",
            "lr-600001,Léa,Muller,,1,2025-03-01,",
        ),
    )
    assert_rejected(response)
    errors = row_errors(response)
    assert list(errors) == [2]
    assert list(errors[2]) == ["reference"]
    assert Beneficiary.objects.count() == before


def test_a_file_in_the_wrong_encoding_is_refused(staff_client):
    before = Beneficiary.objects.count()
    content = _csv(HEADER, "LR-700001,Léa,Müller,,1,2025-03-01,").decode().encode("latin-1")
    response = upload(staff_client, content)
    assert_rejected(response)
    assert response.context["form"].errors["import_file"]
    assert Beneficiary.objects.count() == before


@pytest.mark.parametrize("content", [b"", _csv(HEADER)], ids=["empty", "header-only"])
def test_an_empty_file_is_refused(staff_client, content):
    before = Beneficiary.objects.count()
    response = upload(staff_client, content)
    assert_rejected(response)
    assert response.context["form"].errors["import_file"]
    assert Beneficiary.objects.count() == before


def test_a_fact_neither_yes_nor_no_is_reported(staff_client):
    response = upload(staff_client, _csv(HEADER, "LR-800001,Léa,Müller,,retired,2025-03-01,"))
    assert_rejected(response)
    assert "rsa_recipient" in row_errors(response)[1]


def test_an_anonymised_person_cannot_be_filled_in_again(staff_client):
    BeneficiaryFactory(reference="ANON-1", anonymised_at="2025-01-01T00:00Z")
    response = upload(staff_client, _csv(HEADER, "ANON-1,Léa,Müller,,1,2025-03-01,"))
    assert_rejected(response)
    assert "reference" in row_errors(response)[1]


def test_one_invalid_row_rolls_back_the_whole_file_even_without_preview(partner):
    # The resource refuses partial imports whatever its caller asks.
    before = Beneficiary.objects.count()
    dataset = tablib.Dataset(headers=HEADER.split(","))
    dataset.append(["LR-900001", "Léa", "Müller", "", "1", "2025-03-01", partner.name])
    dataset.append(["LR-900002", "Jonas", "Keller", "", "1", "not a date", ""])
    result = BeneficiaryResource().import_data(
        dataset, dry_run=False, use_transactions=False, rollback_on_validation_errors=False
    )
    assert result.has_validation_errors()
    assert Beneficiary.objects.count() == before


def test_partner_referents_and_staff_without_the_group_cannot_import(client, partner):
    from tests.accounts import partner_referent

    client.force_login(partner_referent(partner))
    assert client.get(reverse("admin:beneficiaries_beneficiary_import")).status_code == 403
    before = Beneficiary.objects.count()
    response = upload(client, _csv(HEADER, "LR-990001,Léa,Müller,,1,2025-03-01,"))
    assert response.status_code == 403
    assert Beneficiary.objects.count() == before


# Organisations and attendance lists ---------------------------------------------------


ORGANISATION_HEADER = "name,acronym,country,kind,role,city,is_public,active_since"


def test_organisations_are_imported_and_a_bad_country_refused(staff_client):
    before = Organisation.objects.count()
    bad = upload(
        staff_client,
        _csv(ORGANISATION_HEADER, "Rheinwerk Kehl GmbH,,XX,company,employer,Kehl,oui,"),
        model="organisation",
    )
    assert_rejected(bad)
    assert "country" in row_errors(bad)[1]
    assert Organisation.objects.count() == before
    good = upload(
        staff_client,
        _csv(ORGANISATION_HEADER, "Rheinwerk Kehl GmbH,RWK,DE,company,employer,Kehl,ja,01.02.2024"),
        model="organisation",
    )
    confirm(staff_client, good, model="organisation")
    created = Organisation.objects.get(name="Rheinwerk Kehl GmbH")
    assert (created.country, created.is_public, str(created.active_since)) == (
        "DE",
        True,
        "2024-02-01",
    )


def test_a_yes_no_column_refuses_anything_else(staff_client):
    response = upload(
        staff_client,
        _csv(ORGANISATION_HEADER, "Rheinwerk Kehl GmbH,,DE,company,employer,Kehl,maybe,"),
        model="organisation",
    )
    assert_rejected(response)
    errors = row_errors(response)[1]
    assert list(errors) == ["is_public"]
    assert "« maybe »" in errors["is_public"][0]


ATTENDANCE_HEADER = "id,event,registration_email,beneficiary_reference,walk_in_name,present"


def test_an_attendance_list_is_imported(staff_client):
    event = EventFactory(published=True)
    registration = RegistrationFactory(event=event, email="lea@example.org")
    person = BeneficiaryFactory(reference="LR-123123")
    preview = upload(
        staff_client,
        _csv(
            ATTENDANCE_HEADER,
            f",{event.pk},LEA@example.org,,,1",
            f",{event.pk},,LR-123123,Jonas,1",
            f",{event.pk},,,,0",
        ),
        model="attendance",
    )
    confirm(staff_client, preview, model="attendance")
    rows = Attendance.objects.filter(event=event)
    assert rows.count() == 3
    assert rows.get(registration=registration).present
    assert rows.get(beneficiary=person).walk_in_name == "Jonas"


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("{event},nobody@example.org,,,1", "registration"),
        ("{other},lea@example.org,,,1", "registration"),
        ("{event},,LR-000000,,1", "beneficiary"),
        ("999999,,,,1", "event"),
        ("{event},,,,perhaps", "present"),
    ],
    ids=["unknown-email", "registered-elsewhere", "unknown-person", "unknown-event", "present"],
)
def test_attendance_rows_that_match_nothing_are_refused(staff_client, line, field):
    event = EventFactory(published=True)
    RegistrationFactory(event=event, email="lea@example.org")
    other = EventFactory(published=True)
    response = upload(
        staff_client,
        _csv(ATTENDANCE_HEADER, "," + line.format(event=event.pk, other=other.pk)),
        model="attendance",
    )
    assert_rejected(response)
    assert field in row_errors(response)[1]
    assert not Attendance.objects.exists()


def test_the_same_attendee_twice_in_a_list_is_refused(staff_client):
    event = EventFactory(published=True)
    BeneficiaryFactory(reference="LR-321321")
    response = upload(
        staff_client,
        _csv(ATTENDANCE_HEADER, f",{event.pk},,LR-321321,,1", f",{event.pk},,lr-321321,,1"),
        model="attendance",
    )
    assert_rejected(response)
    assert list(row_errors(response)) == [2]
    assert not Attendance.objects.exists()


# Exports ------------------------------------------------------------------------------


def export(client, model, file_format=CSV_FORMAT, query=""):
    app = {"beneficiary": "beneficiaries", "organisation": "partners", "attendance": "events"}
    resource = {
        "beneficiary": "beneficiaryresource",
        "organisation": "organisationresource",
        "attendance": "attendanceresource",
    }[model]
    url = reverse(f"admin:{app[model]}_{model}_export") + query
    response = client.get(url)
    fields = [name for name in response.context["form"].fields if name.startswith(resource + "_")]
    data = {"format": file_format, "resource": "0", **{name: "on" for name in fields}}
    return client.post(url, data)


RESOURCES = {
    "beneficiary": BeneficiaryResource,
    "organisation": OrganisationResource,
    "attendance": AttendanceResource,
}


def read_csv(response, model="beneficiary"):
    """The exported rows, keyed by column code names (the file is headed in French)."""
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    headers = import_columns.to_code_names(RESOURCES[model](), rows[0])
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Müller", "Müller"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_neutralised(value, exported):
    assert neutralise_formula(value) == exported
    assert restore_neutralised(exported) == value


def test_csv_export_neutralises_formulas_and_keeps_accents(staff_client):
    BeneficiaryFactory(
        reference="LR-111111", first_name='=HYPERLINK("http://evil")', last_name="Müller"
    )
    response = export(staff_client, "beneficiary")
    assert response["Content-Type"].startswith("text/csv")
    [row] = [r for r in read_csv(response) if r["reference"] == "LR-111111"]
    assert row["first_name"] == '\'=HYPERLINK("http://evil")'
    assert row["last_name"] == "Müller"


def test_xlsx_export_holds_no_formula(staff_client):
    BeneficiaryFactory(
        reference="LR-222222", first_name="=1+1", phone="+4917612345", exit_date=None
    )
    response = export(staff_client, "beneficiary", file_format=XLSX_FORMAT)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = import_columns.to_code_names(BeneficiaryResource(), [cell.value for cell in sheet[1]])
    [row] = [
        [cell for cell in line]
        for line in sheet.iter_rows(min_row=2)
        if line[header.index("reference")].value == "LR-222222"
    ]
    first_name = row[header.index("first_name")]
    assert (first_name.value, first_name.data_type) == ("'=1+1", "s")
    assert row[header.index("phone")].value == "'+4917612345"
    assert row[header.index("exit_date")].value in (None, "")
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_an_exported_file_imports_back_unchanged(staff_client, partner):
    referent = UserFactory(email="anna@example.org")
    BeneficiaryFactory(
        reference="LR-333333",
        referring_organisation=partner,
        referent=referent,
        qpv=True,
        phone="+49 7851 1234",
        # Files keep whole seconds.
        consent_at=datetime.datetime(2025, 3, 1, 9, 30, 15, tzinfo=datetime.UTC),
        entry_date=datetime.date(2025, 1, 6),
        exit_date=datetime.date(2025, 9, 30),
    )
    exported = export(staff_client, "beneficiary")
    before = Beneficiary.objects.count()
    preview = upload(staff_client, exported.content)
    assert preview.context["confirm_form"] is not None, row_errors(preview)
    result = preview.context["result"]
    assert result.totals["new"] == 0 and result.totals["update"] == 0
    assert Beneficiary.objects.count() == before


def test_an_attendance_list_is_exported_for_one_event(staff_client):
    event = EventFactory(published=True)
    AttendanceFactory(registration=RegistrationFactory(event=event, email="lea@example.org"))
    AttendanceFactory(walk_in=True, walk_in_name="Jonas")
    response = export(staff_client, "attendance", query=f"?event__id__exact={event.pk}")
    rows = read_csv(response, "attendance")
    assert [(r["event"], r["registration_email"]) for r in rows] == [
        (str(event.pk), "lea@example.org")
    ]
