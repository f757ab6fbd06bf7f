"""The FSE+ participants' file for the Ma Démarche FSE+ import (fse.participant_export),
read back from the hand-built world of conftest.py: one row per participant and
operation, cumulative to the quarter's end with what was known on that day, no name,
email or phone; the command and the admin download, refused to partner referents
and committee members."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from fse import participant_export, services
from fse.models import Operation
from indicators.quarters import Quarter
from tests.accounts import committee_member, partner_referent, staff_member
from tests.factories import BeneficiaryFactory, PriorityNeighbourhoodFactory, ProgrammeFactory

D = datetime.date
Q1, Q2, Q4 = Quarter(2024, 1), Quarter(2024, 2), Quarter(2024, 4)
PROGRAMME = "fse-activ-action"


def read(text):
    """The file's rows as dicts keyed by header, checking its shape on the way."""
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert tuple(rows[0]) == participant_export.HEADERS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def exported(world, quarter):
    text, content_type, name = participant_export.export(world.programme, quarter)
    assert content_type == "text/csv; charset=utf-8"
    assert name == f"{PROGRAMME}-{quarter}-participants-mdfse-plus-2021-2027-v1.csv"
    return read(text)


def by_key(rows):
    return {(r["Référence du participant"], r["Code de l'opération"]): r for r in rows}


def test_one_row_per_participant_and_operation(fse_world):
    w = fse_world
    rows = by_key(exported(w, Q1))
    # anna in A and B: two rows; ben re-entered A: one row; chris: one; dora's
    # one-day morning and her same-day stay in A: none.
    assert set(rows) == {
        (w.anna.reference, "ateliers-entraide"),
        (w.anna.reference, "engagement-citoyen"),
        (w.ben.reference, "ateliers-entraide"),
        (w.chris.reference, "ateliers-entraide"),
    }
    assert w.dora.reference not in {reference for reference, _code in rows}


def test_a_reentry_keeps_the_first_entry_date(fse_world):
    w = fse_world
    ben = by_key(exported(w, Q1))[(w.ben.reference, "ateliers-entraide")]
    assert ben["Date d'entrée dans l'opération"] == "10/01/2024"
    assert ben["Date de sortie de l'opération"] == "25/03/2024"


def test_the_entry_data_of_a_row(fse_world):
    w = fse_world
    rows = by_key(exported(w, Q1))
    anna = rows[(w.anna.reference, "engagement-citoyen")]
    assert anna["Sexe"] == "Femme"
    assert anna["Année de naissance"] == "2000"
    assert anna["Âge à l'entrée"] == "24"
    assert anna["Tranche d'âge à l'entrée"] == "18 à 29 ans"
    assert anna["Date d'entrée dans l'opération"] == "15/02/2024"
    assert anna["Demandeur d'emploi inscrit"] == "Oui"
    assert anna["Chômeur de longue durée (12 mois ou plus)"] == "Non"
    assert anna["Niveau d'éducation (CITE)"] == "CITE 0-2"
    assert anna["Personne en situation de handicap"] == "Oui"
    ben = rows[(w.ben.reference, "ateliers-entraide")]
    assert (ben["Sexe"], ben["Âge à l'entrée"], ben["Tranche d'âge à l'entrée"]) == (
        "Homme",
        "59",
        "55 ans et plus",
    )
    assert ben["Chômeur de longue durée (12 mois ou plus)"] == "Oui"
    assert ben["Niveau d'éducation (CITE)"] == "CITE 3-4"
    # No consent to a disability record: the cell stays empty, neither yes nor no.
    assert ben["Personne en situation de handicap"] == ""
    chris = rows[(w.chris.reference, "ateliers-entraide")]
    assert (chris["Sexe"], chris["Tranche d'âge à l'entrée"]) == ("Non binaire", "Moins de 18 ans")
    assert (chris["Élève ou étudiant"], chris["Demandeur d'emploi inscrit"]) == ("Oui", "Non")


def test_qpv_residence(fse_world):
    w = fse_world
    hautepierre = PriorityNeighbourhoodFactory(code="QN06701M")
    w.anna.neighbourhood = hautepierre
    w.anna.save()
    rows = by_key(exported(w, Q1))
    anna = rows[(w.anna.reference, "ateliers-entraide")]
    assert (anna["Résident d'un QPV"], anna["Code du QPV"]) == ("Oui", "QN06701M")
    ben = rows[(w.ben.reference, "ateliers-entraide")]
    assert (ben["Résident d'un QPV"], ben["Code du QPV"]) == ("Non", "")


def test_what_was_not_known_at_the_quarter_end_stays_empty(fse_world):
    """Q1: the exits of March are there, the situations on leaving recorded in April
    and ben's October follow-up are not; Q2 adds the situations, Q4 the follow-up."""
    w = fse_world
    key = (w.ben.reference, "ateliers-entraide")
    ben = by_key(exported(w, Q1))[key]
    assert ben["Date de sortie de l'opération"] == "25/03/2024"
    assert ben["Situation à la sortie relevée le"] == ""
    assert ben["À la sortie : en emploi, y compris indépendant"] == ""
    assert ben["Suivi à 6 mois relevé le"] == ""

    ben = by_key(exported(w, Q2))[key]
    assert ben["Situation à la sortie relevée le"] == "05/04/2024"
    assert ben["À la sortie : en emploi, y compris indépendant"] == "Oui"
    assert ben["À la sortie : en recherche d'emploi"] == "Non"
    assert ben["À 6 mois : en emploi, y compris indépendant"] == ""

    ben = by_key(exported(w, Q4))[key]
    assert ben["Suivi à 6 mois relevé le"] == "01/10/2024"
    assert ben["À 6 mois : en emploi, y compris indépendant"] == "Oui"
    assert ben["À 6 mois : situation améliorée sur le marché du travail"] == "Oui"


def test_the_file_is_cumulative_to_the_quarter_end(fse_world):
    """Someone who entered after the quarter's end is not in it; people who entered
    in an earlier quarter stay in later files."""
    w = fse_world
    late = BeneficiaryFactory()
    services.enter(late, w.a, D(2024, 4, 1))
    assert late.reference not in {r["Référence du participant"] for r in exported(w, Q1)}
    q2 = {r["Référence du participant"] for r in exported(w, Q2)}
    assert {late.reference, w.anna.reference, w.ben.reference, w.chris.reference} <= q2
    assert len(exported(w, Q2)) == 5


def test_no_name_email_or_phone_anywhere(fse_world):
    w = fse_world
    # Names no header or value could hold by chance (factory names might).
    for number, person in enumerate((w.anna, w.ben, w.chris, w.dora)):
        person.first_name = f"Prenomtest{number}"
        person.last_name = f"Nomdefamille{number}"
        person.phone = f"+33 6 12 34 56 7{number}"
        person.save()
    text, _content_type, _name = participant_export.export(w.programme, Q4)
    for person in (w.anna, w.ben, w.chris, w.dora):
        for value in (person.first_name, person.last_name, person.email, person.phone):
            assert value and value not in text
    assert "@" not in text
    headers = " ".join(participant_export.HEADERS).lower()
    for word in ("nom", "prénom", "courriel", "mail", "téléphone", "adresse"):
        assert word not in headers.split()


def test_the_file_reads_in_one_query_whatever_its_size(fse_world, django_assert_max_num_queries):
    w = fse_world
    for _ in range(5):
        services.enter(
            BeneficiaryFactory(neighbourhood=PriorityNeighbourhoodFactory()), w.b, D(2024, 3, 1)
        )
    with django_assert_max_num_queries(2):
        rows = participant_export.participant_rows(w.programme, Q1)
    assert len(rows) == 9


def test_a_programme_without_operations_is_refused(db):
    convention = ProgrammeFactory()
    with pytest.raises(participant_export.NotAnFseProgramme):
        participant_export.export(convention, Q1)


# The command ------------------------------------------------------------------------


def test_the_command_writes_the_participants_file(fse_world, tmp_path):
    output = tmp_path / "participants.csv"
    call_command(
        "export_indicators",
        PROGRAMME,
        "2024-Q1",
        "--format",
        "participants-csv",
        "--output",
        str(output),
    )
    rows = read(output.read_text(encoding="utf-8"))
    assert len(rows) == 4


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_command_refuses_a_programme_that_is_not_fse(db, language):
    convention = ProgrammeFactory()
    expected = {"fr": "n'est pas un programme FSE+", "de": "ist kein ESF+-Programm"}[language]
    with translation.override(language), pytest.raises(CommandError, match=re.escape(expected)):
        call_command(
            "export_indicators", convention.code, "2024-Q1", "--format", "participants-csv"
        )


# The admin download ---------------------------------------------------------------------


def export_url():
    return reverse("admin:fse_participation_export")


def test_staff_download_the_file_from_the_participation_admin(client, fse_world):
    client.force_login(staff_member())
    page = client.get(reverse("admin:fse_participation_changelist"))
    assert export_url() in page.content.decode()
    response = client.post(
        export_url(), {"programme": fse_world.programme.pk, "quarter": "2024-Q1"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert len(read(response.content.decode("utf-8"))) == 4


def test_a_bad_quarter_is_refused_with_a_message(client, fse_world):
    client.force_login(staff_member())
    with translation.override("fr"):
        response = client.post(
            export_url(),
            {"programme": fse_world.programme.pk, "quarter": "2024-T5"},
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    assert response.status_code == 200
    assert "n'est pas un trimestre" in response.context["form"].errors["quarter"][0]
    assert "text/csv" not in response["Content-Type"]


def test_only_fse_programmes_are_offered(client, fse_world):
    convention = ProgrammeFactory()
    client.force_login(staff_member())
    response = client.post(export_url(), {"programme": convention.pk, "quarter": "2024-Q1"})
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert not Operation.objects.filter(programme=convention).exists()


def test_partner_referents_may_not_download_the_file(client, fse_world):
    client.force_login(partner_referent())
    page = client.get(reverse("admin:fse_participation_changelist"))
    assert page.status_code == 200
    assert export_url() not in page.content.decode()
    assert client.get(export_url()).status_code == 403
    response = client.post(
        export_url(), {"programme": fse_world.programme.pk, "quarter": "2024-Q1"}
    )
    assert response.status_code == 403


def test_committee_members_may_not_download_the_file(client, fse_world):
    client.force_login(committee_member())
    response = client.post(
        export_url(), {"programme": fse_world.programme.pk, "quarter": "2024-Q1"}
    )
    # Not an admin account: the admin sends them to its login, with no file.
    assert response.status_code == 302
    assert "text/csv" not in response.get("Content-Type", "")
