"""The single situation at entry became several facts (migrations 0005-0007): every
person keeps what was recorded of them."""

import importlib
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from beneficiaries.models import Beneficiary

data_migration = importlib.import_module("beneficiaries.migrations.0006_situation_to_facts")
BEFORE = [("beneficiaries", "0005_situation_facts")]
# Written out here rather than read from the migration, so that a wrong mapping fails.
FACT_OF_SITUATION = {
    "job_seeker": "registered_job_seeker",
    "long_term_unemployed": "long_term_unemployed",
    "rsa": "rsa_recipient",
    "student": "student",
    "employed": "employed",
    "inactive": "inactive",
}
ALL_FACTS = (
    *FACT_OF_SITUATION.values(),
    "other_minimum_benefit",
    "third_country_national",
    "foreign_background",
    "homeless",
    "rural_area",
    "disability",
)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_people_keep_their_situation_through_the_migration():
    call_command("seed_demo", scale=0.05, today="2025-03-12", stdout=StringIO())
    old_apps = migrate(BEFORE)
    # The demo data as the single-situation days held it: one situation each, no facts.
    people = old_apps.get_model("beneficiaries", "Beneficiary").objects
    history = old_apps.get_model("beneficiaries", "HistoricalBeneficiary").objects
    people.update(disability_consent_at=None, **dict.fromkeys(ALL_FACTS, False))
    history.update(disability_consent_at=None, **dict.fromkeys(ALL_FACTS, False))
    before = Counter(people.values_list("situation", flat=True))
    history_before = Counter(history.values_list("situation", flat=True))
    total = people.count()
    assert set(before) == set(FACT_OF_SITUATION) and sum(before.values()) == total > 0

    migrate(None)

    after = {
        situation: Beneficiary.objects.filter(**{fact: True}).count()
        for situation, fact in FACT_OF_SITUATION.items()
    }
    assert after == dict(before)
    assert Beneficiary.objects.count() == total
    # Nobody gained a fact the single value did not state.
    assert sum(Beneficiary.objects.filter(**{f: True}).count() for f in ALL_FACTS) == total
    history_after = {
        situation: Beneficiary.history.filter(**{fact: True}).count()
        for situation, fact in FACT_OF_SITUATION.items()
    }
    assert history_after == {s: history_before.get(s, 0) for s in FACT_OF_SITUATION}


def test_going_back_gives_the_most_telling_situation():
    assert data_migration.FORMER_SITUATIONS[0] == "rsa"
    assert set(data_migration.FORMER_SITUATIONS) == set(FACT_OF_SITUATION)
