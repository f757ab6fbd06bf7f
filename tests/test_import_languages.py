"""Imports and exports in the staff's language, for every resource: headers and
values in French or German (codes accepted too), a template per resource with the
columns the import accepts, one line per error, and exports named for what they
hold."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from lieu_ressource import import_columns
from partners.models import Organisation
from tests.accounts import staff_member
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
IMPORTING_ADMINS = [
    model_admin
    for model_admin in admin.site._registry.values()
    if hasattr(model_admin, "import_template_file")
]


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


def _csv(*lines):
    return ("\n".join(lines) + "\n").encode()


def _url(model_admin, view, *args):
    opts = model_admin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def upload(
    client, content, language="fr", name="file.csv", model=Organisation, file_format=CSV_FORMAT
):
    opts = model._meta
    return client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_import"),
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def confirm(client, preview, model=Organisation):
    opts = model._meta
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_process_import"), data)


def _imported(client, content, language):
    preview = upload(client, content, language)
    assert preview.context["confirm_form"] is not None, preview.context["result"].error_lines
    assert confirm(client, preview).status_code == 302
    row = Organisation.objects.values(
        "name", "acronym", "country", "kind", "role", "city", "is_public"
    ).get(name="Rheinwerk Kehl GmbH")
    Organisation.objects.filter(name="Rheinwerk Kehl GmbH").delete()
    return row


FRENCH = _csv(
    "Nom,Sigle,Pays,Type,Rôle dans le projet,Ville,Affichée publiquement",
    "Rheinwerk Kehl GmbH,RWK,Allemagne,Entreprise,Employeur,Kehl,oui",
)
GERMAN = _csv(
    "Name,Abkürzung,Land,Art,Rolle im Projekt,Ort,Öffentlich angezeigt",
    "Rheinwerk Kehl GmbH,RWK,Deutschland,Unternehmen,Arbeitgeber,Kehl,ja",
)
CODES = _csv(
    "name,acronym,country,kind,role,city,is_public",
    "Rheinwerk Kehl GmbH,RWK,DE,company,employer,Kehl,1",
)


def test_french_german_and_code_files_produce_the_same_rows(staff_client):
    expected = {
        "name": "Rheinwerk Kehl GmbH",
        "acronym": "RWK",
        "country": "DE",
        "kind": "company",
        "role": "employer",
        "city": "Kehl",
        "is_public": True,
    }
    assert _imported(staff_client, FRENCH, "fr") == expected
    assert _imported(staff_client, GERMAN, "de") == expected
    assert _imported(staff_client, CODES, "fr") == expected


def test_a_german_file_is_read_by_a_french_speaking_user_too(staff_client):
    assert _imported(staff_client, GERMAN, "fr")["kind"] == "company"


def test_headers_and_labels_ignore_case_and_spaces(staff_client):
    content = _csv(
        " NOM , pays,TYPE,rôle dans le projet",
        "Rheinwerk Kehl GmbH,allemagne,ENTREPRISE,employeur",
    )
    assert _imported(staff_client, content, "fr")["country"] == "DE"


def test_export_is_headed_and_filled_in_the_staff_language(staff_client):
    OrganisationFactory(name="Rheinwerk Kehl GmbH", country="DE", kind="company", role="employer")
    url = reverse("admin:partners_organisation_export")
    page = staff_client.get(url)
    fields = [n for n in page.context["form"].fields if n.startswith("organisationresource_")]
    for language, kind, country, header in [
        ("fr", "Entreprise", "Allemagne", "Type"),
        ("de", "Unternehmen", "Deutschland", "Art"),
    ]:
        response = staff_client.post(
            url,
            {"format": CSV_FORMAT, "resource": "0", **{n: "on" for n in fields}},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        [row] = [r for r in rows if "Rheinwerk" in str(r.values())]
        assert row[header] == kind
        assert country in row.values()
        today = timezone.localdate().isoformat()
        what = "organisations" if language == "fr" else "organisationen"
        assert response["Content-Disposition"] == f'attachment; filename="{what}-{today}.csv"'


def test_an_export_imports_back_with_its_localised_headers_and_labels(staff_client):
    OrganisationFactory(name="Rheinwerk Kehl GmbH", country="DE", kind="company", role="employer")
    url = reverse("admin:partners_organisation_export")
    page = staff_client.get(url)
    fields = [n for n in page.context["form"].fields if n.startswith("organisationresource_")]
    exported = staff_client.post(
        url,
        {"format": CSV_FORMAT, "resource": "0", **{n: "on" for n in fields}},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    preview = upload(staff_client, exported.content, "fr")
    assert preview.context["confirm_form"] is not None, preview.context["result"].error_lines
    assert preview.context["result"].totals["update"] == 0


@pytest.mark.parametrize("model_admin", IMPORTING_ADMINS, ids=lambda a: a.model._meta.label_lower)
@pytest.mark.parametrize("language", ["fr", "de"])
def test_template_columns_are_what_the_import_accepts(staff_client, model_admin, language):
    response = staff_client.get(
        _url(model_admin, "import_template", "xlsx"), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    resource = model_admin.get_import_resource_classes(None)[0]()
    accepted = [field.column_name for field in resource.get_import_fields()]
    assert import_columns.to_code_names(resource, headers) == accepted
    with translation.override(language):
        assert headers == [import_columns.header(resource, f) for f in resource.get_import_fields()]
    # The import page lists the same columns with what they allow.
    page = staff_client.get(_url(model_admin, "import"), HTTP_ACCEPT_LANGUAGE=language)
    assert [header for header, _allowed, _required in page.context["column_guide"]] == headers


def test_import_page_lists_the_allowed_values(staff_client):
    page = staff_client.get(
        reverse("admin:partners_organisation_import"), HTTP_ACCEPT_LANGUAGE="fr"
    )
    guide = {header: allowed for header, allowed, _required in page.context["column_guide"]}
    assert "Entreprise" in guide["Type"] and "Mission locale" in guide["Type"]
    assert guide["Affichée publiquement"] == "oui / non"
    assert "12/06/2025" in guide["Active depuis"]
    assert reverse("admin:partners_organisation_import_template", args=["csv"]) in page.text


def test_template_is_for_the_team_only(client):
    from tests.accounts import partner_referent

    client.force_login(partner_referent())
    response = client.get(reverse("admin:partners_organisation_import_template", args=["csv"]))
    assert response.status_code in (302, 403)


def test_an_unknown_template_format_is_not_found(staff_client):
    url = reverse("admin:partners_organisation_import_template", args=["pdf"])
    assert staff_client.get(url).status_code == 404


def test_errors_are_one_line_each_with_row_column_value_and_what_is_allowed(staff_client):
    content = _csv(
        "Nom,Pays,Type,Rôle dans le projet,Affichée publiquement",
        "Rheinwerk Kehl GmbH,Allemagne,chômeur,Employeur,oui",
        "Weinhaus,Autriche,Entreprise,Employeur,peut-être",
    )
    response = upload(staff_client, content, "fr")
    assert response.context.get("confirm_form") is None
    lines = response.context["result"].error_lines
    by_cell = {(line["row"], line["column"]): line for line in lines}
    kind = by_cell[(1, "Type")]
    assert kind["value"] == "chômeur"
    assert "Entreprise" in kind["message"] and "Association" in kind["message"]
    assert by_cell[(2, "Pays")]["value"] == "Autriche"
    assert "France, Allemagne, Suisse" in by_cell[(2, "Pays")]["message"]
    assert by_cell[(2, "Affichée publiquement")]["value"] == "peut-être"
    assert len(lines) == 3
    html = response.text
    report = html[html.index('class="import-error-report"') :]
    report = report[: report.index("</table>")]
    assert report.count("<tr><td>") == 3  # one line per error, nothing hidden in a badge
    assert "validation-error-count" not in html
    assert not Organisation.objects.filter(name="Rheinwerk Kehl GmbH").exists()


def test_a_failed_file_can_be_tried_again_as_it_is(staff_client):
    content = _csv(
        "Nom,Pays,Type,Rôle dans le projet", "Rheinwerk Kehl GmbH,Allemagne,Entreprise,Employeur"
    )
    content = content.replace(b"Allemagne", b"Germanie")
    failed = upload(staff_client, content, "fr")
    retry = failed.context["retry"]
    assert retry["original"] == "file.csv"
    again = staff_client.post(
        reverse("admin:partners_organisation_import"),
        {
            "retry_file_name": retry["name"],
            "retry_original_name": retry["original"],
            "format": retry["format"],
            "resource": "0",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    # The same file is read again: the same error, the choice of file not lost.
    assert [line["value"] for line in again.context["result"].error_lines] == ["Germanie"]


def test_a_forged_retry_name_is_ignored(staff_client):
    response = staff_client.post(
        reverse("admin:partners_organisation_import"),
        {"retry_file_name": "../../etc/passwd", "format": CSV_FORMAT, "resource": "0"},
    )
    assert response.status_code == 200
    assert "import_file" in response.context["form"].errors


def test_export_checkboxes_are_labelled_as_the_file_headers(staff_client):
    page = staff_client.get(
        reverse("admin:partners_organisation_export"), HTTP_ACCEPT_LANGUAGE="de"
    )
    labels = {
        str(field.label)
        for name, field in page.context["form"].fields.items()
        if name.startswith("organisationresource_")
    }
    assert {"Name", "Rolle im Projekt", "Öffentlich angezeigt"} <= labels
    assert "Is Public" not in labels
