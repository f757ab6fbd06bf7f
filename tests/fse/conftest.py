"""A hand-built FSE+ world in the shipped Activ'Action programme, first quarter of
2024, with its figures worked out by hand in the tests.

Operations: A (peer-support workshops) and B (civic engagement), both 2024-2025, and
a one-day information morning on 5 March 2024.

- anna (F, born 2000, no diploma, registered job seeker, disability with consent)
  enters A on 1 February and B on 15 February: two participants. She leaves B on
  31 March; on 10 April (10 days on) she is looking for work.
- ben (M, born 1965, baccalauréat, long-term unemployed and registered) enters A on
  10 January, leaves on 20 February, comes back on 10 March (a re-entry: still one
  participant, entered 10 January) and leaves for good on 25 March; on 5 April (11
  days on) he is employed; followed up on 1 October 2024 (six months and 6 days on):
  employed, improved situation.
- chris (X, born 2008, CAP, student) enters A on 1 March and leaves on 10 March; the
  situation on leaving (in training) is recorded on 14 April, 5 weeks on: not "upon
  leaving".
- dora (F, born 1990, Bac + 3, employed) comes to the one-day morning (no
  participant) and enters A on 20 March and leaves the same day (no participant),
  recorded as looking for work.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from fse import services
from fse.models import Operation
from indicators.models import Programme
from tests.factories import BeneficiaryFactory

D = datetime.date


@pytest.fixture
def fse_world(db):
    programme = Programme.objects.get(code="fse-activ-action")
    a = Operation.objects.get(programme=programme, code="ateliers-entraide")
    b = Operation.objects.get(programme=programme, code="engagement-citoyen")
    morning = Operation.objects.create(
        programme=programme,
        code="matinee-info",
        name="Matinée d'information",
        start_date=D(2024, 3, 5),
        end_date=D(2024, 3, 5),
    )
    anna = BeneficiaryFactory(
        sex="F",
        birth_year=2000,
        education="none",
        disability=True,
        disability_consent_at=timezone.now(),
    )
    ben = BeneficiaryFactory(sex="M", birth_year=1965, education="4", long_term_unemployed=True)
    chris = BeneficiaryFactory(
        sex="X", birth_year=2008, education="3", registered_job_seeker=False, student=True
    )
    dora = BeneficiaryFactory(
        sex="F", birth_year=1990, education="6", registered_job_seeker=False, employed=True
    )

    anna_a, _ = services.enter(anna, a, D(2024, 2, 1))
    anna_b, _ = services.enter(anna, b, D(2024, 2, 15))
    services.leave(anna_b, D(2024, 3, 31))
    services.record_exit_situation(anna_b, D(2024, 4, 10), job_searching=True)

    ben_a, _ = services.enter(ben, a, D(2024, 1, 10))
    services.leave(ben_a, D(2024, 2, 20))
    ben_a, created = services.enter(ben, a, D(2024, 3, 10))
    assert not created
    services.leave(ben_a, D(2024, 3, 25))
    services.record_exit_situation(ben_a, D(2024, 4, 5), employed=True)
    services.record_follow_up(ben_a, D(2024, 10, 1), employed=True, improved_situation=True)

    chris_a, _ = services.enter(chris, a, D(2024, 3, 1))
    services.leave(chris_a, D(2024, 3, 10))
    services.record_exit_situation(chris_a, D(2024, 4, 14), in_education_or_training=True)

    dora_morning, _ = services.enter(dora, morning, D(2024, 3, 5))
    dora_a, _ = services.enter(dora, a, D(2024, 3, 20))
    services.leave(dora_a, D(2024, 3, 20))
    services.record_exit_situation(dora_a, D(2024, 3, 22), job_searching=True)

    return SimpleNamespace(
        programme=programme,
        a=a,
        b=b,
        morning=morning,
        anna=anna,
        ben=ben,
        chris=chris,
        dora=dora,
        anna_a=anna_a,
        anna_b=anna_b,
        ben_a=ben_a,
        chris_a=chris_a,
        dora_a=dora_a,
        dora_morning=dora_morning,
    )
