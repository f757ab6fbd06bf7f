"""An import reads and writes in bulk: its queries do not grow with its rows, its
history is kept with its author, and the constraints checked in Python say what
the database would."""

import datetime

import pytest
import tablib
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from beneficiaries.models import Beneficiary
from beneficiaries.resources import BeneficiaryResource
from lieu_ressource import import_speed
from tests.accounts import staff_member
from tests.factories import BeneficiaryFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "Référence",
    "Prénom",
    "Nom",
    "E-mail",
    "Allocataire du RSA",
    "Date d'entrée",
    "Partenaire prescripteur",
    "Référent",
    "Pays de résidence",
    "Niveau d'allemand (CECRL)",
]


def _people(rows, start=0):
    dataset = tablib.Dataset(headers=HEADERS)
    for number in range(start, start + rows):
        dataset.append(
            [
                f"LR-{number:06d}",
                "Léa",
                "Müller",
                f"p{number}@example.org",
                "oui",
                "01/03/2025",
                "Mission locale (test)",
                "anna@example.org",
                "France",
                "B1",
            ]
        )
    return dataset


@pytest.fixture
def references():
    OrganisationFactory(name="Mission locale (test)")
    return UserFactory(email="anna@example.org", staff=True)


def _import(dataset, dry_run, user=None):
    result = BeneficiaryResource().import_data(dataset, dry_run=dry_run, user=user)
    assert not result.has_errors() and not result.has_validation_errors(), result.error_lines
    return result


@pytest.mark.usefixtures("references")
def test_import_queries_do_not_grow_with_rows():
    with CaptureQueriesContext(connection) as few:
        _import(_people(5), dry_run=True)
    with CaptureQueriesContext(connection) as many:
        _import(_people(60, start=100), dry_run=True)

    def reads(queries):
        return [q["sql"] for q in queries if not q["sql"].startswith("INSERT")]

    def inserts(queries):
        return [q["sql"] for q in queries if q["sql"].startswith("INSERT")]

    assert len(reads(many)) == len(reads(few))
    # Rows and their history go in batches (SQLite caps the values of a statement).
    assert len(inserts(many)) <= 60 / 10


@pytest.mark.usefixtures("references")
def test_an_update_is_found_in_the_same_few_queries():
    BeneficiaryFactory.create_batch(3, last_name="Avant")
    existing = list(Beneficiary.objects.values_list("reference", flat=True))
    dataset = _people(len(existing))
    for index, reference in enumerate(existing):
        dataset[index] = (reference, *dataset[index][1:])
    result = _import(dataset, dry_run=False)
    assert result.totals["update"] == 3
    assert set(Beneficiary.objects.values_list("last_name", flat=True)) == {"Müller"}


@pytest.mark.usefixtures("references")
def test_a_bulk_import_keeps_each_persons_history_and_its_author():
    staff = staff_member()
    _import(_people(4), dry_run=False, user=staff)
    people = Beneficiary.objects.filter(reference__startswith="LR-0000")
    assert people.count() == 4
    history = Beneficiary.history.filter(reference__startswith="LR-0000")
    assert history.count() == 4
    assert {entry.history_user for entry in history} == {staff}
    assert {entry.history_type for entry in history} == {"+"}


@pytest.mark.usefixtures("references")
def test_a_preview_writes_nothing():
    _import(_people(3), dry_run=True)
    assert not Beneficiary.objects.filter(reference__startswith="LR-0000").exists()
    assert not Beneficiary.history.filter(reference__startswith="LR-0000").exists()


@pytest.mark.usefixtures("references")
def test_a_constraint_checked_in_python_gives_its_own_message():
    dataset = _people(1)
    dataset.append_col(["01/01/2025"], header="Date de sortie")  # before the entry
    result = BeneficiaryResource().import_data(dataset, dry_run=True)
    [row] = result.invalid_rows
    assert [str(m) for m in row.non_field_specific_errors] == [
        "La date de sortie ne peut pas précéder la date d'entrée."
    ]


@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        (Q(exit_date__isnull=True) | Q(exit_date__gte=F("entry_date")), {}, True),
        (
            Q(exit_date__isnull=True) | Q(exit_date__gte=F("entry_date")),
            {"exit_date": datetime.date(2025, 1, 1)},
            False,
        ),
        (
            Q(birth_year__isnull=True) | Q(birth_year__gte=1900, birth_year__lte=2100),
            {"birth_year": 1850},
            False,
        ),
        (Q(birth_year__gte=1900), {"birth_year": None}, None),  # unknown: a CHECK lets it pass
        (~Q(birth_year=1990), {"birth_year": 1990}, False),
        (
            Q(inactive=False) | Q(employed=False, long_term_unemployed=False),
            {"inactive": True, "employed": True},
            False,
        ),
    ],
)
def test_python_check_of_a_condition_agrees_with_sql(condition, values, expected):
    person = Beneficiary(entry_date=datetime.date(2025, 3, 1), **values)
    assert import_speed.holds(person, condition) is expected
    # The database's own check of the same values (what validate_constraints runs):
    # it passes an unknown, as a CHECK constraint does.
    against = person._get_field_expression_map(meta=person._meta)
    assert condition.check(against) is (expected is not False)
