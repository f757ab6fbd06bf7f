"""The FSE+ participants' entry, exit and six-month data of a programme, as a CSV
file laid out for the mass import of participants into Ma Démarche FSE+ (the French
FSE+ management system): one row per participant and operation, under a
pseudonymous reference, never a name, email, phone or address.

The columns, their values and the layout version are documented beside this module
in PARTICIPANT_EXPORT.md. The headers are French and not translated: the target
system is French and matches them as written.

Quarter: the file is cumulative to the quarter's end. It holds every participant of
the programme's operations who entered on or before the quarter's last day, with
what was known of them on that day (an exit, a situation on leaving or a follow-up
dated later is left empty). The mass import updates a participant it already holds,
so the same file sent each quarter carries the exits and six-month follow-ups of
people who entered in earlier quarters; a file of the quarter's entries only would
never carry them.
"""

import csv
import io

from django.utils.translation import gettext as _

from indicators.errors import ReportError

from . import lifecycle
from .models import Operation

# The format's name in `manage.py export_indicators --format`.
FORMAT = "participants-csv"
# The layout followed (see PARTICIPANT_EXPORT.md): kept in the file name.
LAYOUT_VERSION = "mdfse-plus-2021-2027-v1"

YES, NO = "Oui", "Non"
SEX = {"F": "Femme", "M": "Homme", "X": "Non binaire"}
ISCED = {"0-2": "CITE 0-2", "3-4": "CITE 3-4", "5-8": "CITE 5-8"}

# (header, function of (participation, quarter's last day) -> cell), in the order of
# the participant questionnaire: identification, entry, residence, situation at
# entry, education, disadvantaged groups, leaving, six months after.
COLUMNS = (
    ("Code de l'opération", lambda p, end: p.operation.code),
    ("Référence du participant", lambda p, end: p.beneficiary.reference),
    ("Sexe", lambda p, end: SEX.get(p.beneficiary.sex, "")),
    ("Année de naissance", lambda p, end: p.beneficiary.birth_year or ""),
    ("Âge à l'entrée", lambda p, end: "" if _age(p) is None else _age(p)),
    ("Tranche d'âge à l'entrée", lambda p, end: _age_group(_age(p))),
    ("Date d'entrée dans l'opération", lambda p, end: _date(p.entry_date)),
    ("Résident d'un QPV", lambda p, end: _yes_no(p.beneficiary.neighbourhood_id)),
    ("Code du QPV", lambda p, end: _qpv_code(p)),
    ("Résident d'une zone rurale", lambda p, end: _yes_no(p.beneficiary.rural_area)),
    ("Demandeur d'emploi inscrit", lambda p, end: _yes_no(p.beneficiary.registered_job_seeker)),
    (
        "Chômeur de longue durée (12 mois ou plus)",
        lambda p, end: _yes_no(p.beneficiary.long_term_unemployed),
    ),
    ("Inactif", lambda p, end: _yes_no(p.beneficiary.inactive)),
    ("En emploi, y compris indépendant", lambda p, end: _yes_no(p.beneficiary.employed)),
    ("Élève ou étudiant", lambda p, end: _yes_no(p.beneficiary.student)),
    ("Bénéficiaire du RSA", lambda p, end: _yes_no(p.beneficiary.rsa_recipient)),
    (
        "Bénéficiaire d'un autre minimum social",
        lambda p, end: _yes_no(p.beneficiary.other_minimum_benefit),
    ),
    ("Niveau d'éducation (CITE)", lambda p, end: ISCED.get(p.beneficiary.isced or "", "")),
    ("Personne en situation de handicap", lambda p, end: _disability(p.beneficiary)),
    ("Ressortissant de pays tiers", lambda p, end: _yes_no(p.beneficiary.third_country_national)),
    ("Participant d'origine étrangère", lambda p, end: _yes_no(p.beneficiary.foreign_background)),
    (
        "Sans domicile ou exclu du logement",
        lambda p, end: _yes_no(p.beneficiary.homeless),
    ),
    ("Données d'entrée vérifiées le", lambda p, end: _date_by(p.entry_data_confirmed_on, end)),
    ("Date de sortie de l'opération", lambda p, end: _date(_exit(p, end))),
    ("Situation à la sortie relevée le", lambda p, end: _date(_exit_recorded(p, end))),
    (
        "À la sortie : en recherche d'emploi",
        lambda p, end: _on_leaving(p, end, "exit_job_searching"),
    ),
    (
        "À la sortie : suit des études ou une formation",
        lambda p, end: _on_leaving(p, end, "exit_in_education_or_training"),
    ),
    (
        "À la sortie : a obtenu une qualification",
        lambda p, end: _on_leaving(p, end, "exit_qualification_gained"),
    ),
    (
        "À la sortie : en emploi, y compris indépendant",
        lambda p, end: _on_leaving(p, end, "exit_employed"),
    ),
    ("Suivi à 6 mois relevé le", lambda p, end: _date(_followed_up(p, end))),
    (
        "À 6 mois : en emploi, y compris indépendant",
        lambda p, end: _at_six_months(p, end, "follow_up_employed"),
    ),
    (
        "À 6 mois : situation améliorée sur le marché du travail",
        lambda p, end: _at_six_months(p, end, "follow_up_improved_situation"),
    ),
)
HEADERS = tuple(header for header, _cell in COLUMNS)


class NotAnFseProgramme(ReportError):
    """The programme has no FSE+ operation: it has no participants to export."""


def _yes_no(value):
    return YES if value else NO


def _date(day):
    # The French way, as the import reads dates (JJ/MM/AAAA).
    return day.strftime("%d/%m/%Y") if day else ""


def _date_by(day, end):
    return _date(day) if day and day <= end else ""


def _age(participation):
    return participation.beneficiary.age_in(participation.entry_date.year)


def _age_group(age):
    """The EU age groups at entry (EECO05-07), with 30-54 in between."""
    if age is None:
        return ""
    if age < 18:
        return "Moins de 18 ans"
    if age <= 29:
        return "18 à 29 ans"
    if age <= 54:
        return "30 à 54 ans"
    return "55 ans et plus"


def _qpv_code(participation):
    neighbourhood = participation.beneficiary.neighbourhood
    return neighbourhood.code if neighbourhood else ""


def _disability(person):
    """Special-category data: "Oui"/"Non" only once the person gave their explicit
    consent to the record; empty (not asked, or no answer) otherwise."""
    if person.disability_consent_at is None:
        return ""
    return _yes_no(person.disability)


def _exit(participation, end):
    day = participation.exit_date
    return day if day and day <= end else None


def _exit_recorded(participation, end):
    day = participation.exit_recorded_on
    return day if _exit(participation, end) and day and day <= end else None


def _on_leaving(participation, end, field):
    if _exit_recorded(participation, end) is None:
        return ""
    return _yes_no(getattr(participation, field))


def _followed_up(participation, end):
    day = participation.follow_up_recorded_on
    return day if _exit(participation, end) and day and day <= end else None


def _at_six_months(participation, end, field):
    if _followed_up(participation, end) is None:
        return ""
    return _yes_no(getattr(participation, field))


def is_fse_programme(programme):
    """True when the programme has FSE+ operations (whose participants are exported)."""
    return Operation.objects.filter(programme=programme).exists()


def participations_to(programme, quarter):
    """The programme's FSE+ participants who entered on or before the quarter's last
    day (one participation per person and operation), with what a row reads."""
    return (
        lifecycle.participants(programme)
        .filter(entry_date__lte=quarter.last_day)
        .select_related("beneficiary", "beneficiary__neighbourhood", "operation")
        .order_by("operation__code", "entry_date", "beneficiary__reference")
    )


def participant_rows(programme, quarter):
    """The rows of the file, each a list of cells in the order of HEADERS."""
    if not is_fse_programme(programme):
        raise NotAnFseProgramme(
            _(
                "%(programme)s is not an FSE+ programme (it has no FSE+ operation): it has "
                "no participants to export."
            )
            % {"programme": programme.code}
        )
    end = quarter.last_day
    return [
        [cell(participation, end) for _header, cell in COLUMNS]
        for participation in participations_to(programme, quarter)
    ]


def as_csv(rows):
    """The rows as the import reads them: UTF-8 with a byte-order mark (so that a
    spreadsheet opens the accents right), semicolon-separated, a header row."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return out.getvalue()


def export(programme, quarter):
    """The FSE+ participants' file of the programme to the quarter's end, as (text,
    content type, file name); refused for a programme without FSE+ operations."""
    text = as_csv(participant_rows(programme, quarter))
    name = f"{programme.code}-{quarter}-participants-{LAYOUT_VERSION}.csv"
    return text, "text/csv; charset=utf-8", name
