"""The single situation at entry becomes the fact it stated, for every person and
every version of their history: nothing recorded is lost.

Going back, a person's facts give one situation again, the first that holds in
FORMER_SITUATIONS' order (facts added since have no older equivalent)."""

from django.db import migrations

# Each former situation and the fact that now says it.
FACT_OF_SITUATION = {
    "job_seeker": "registered_job_seeker",
    "long_term_unemployed": "long_term_unemployed",
    "rsa": "rsa_recipient",
    "student": "student",
    "employed": "employed",
    "inactive": "inactive",
}
# Backwards, the most telling situation first (an RSA recipient long unemployed was
# recorded as RSA).
FORMER_SITUATIONS = ("rsa", "long_term_unemployed", "job_seeker", "employed", "student", "inactive")


def situation_to_facts(apps, schema_editor):
    for model in ("Beneficiary", "HistoricalBeneficiary"):
        people = apps.get_model("beneficiaries", model).objects
        for situation, fact in FACT_OF_SITUATION.items():
            people.filter(situation=situation).update(**{fact: True})


def facts_to_situation(apps, schema_editor):
    for model in ("Beneficiary", "HistoricalBeneficiary"):
        people = apps.get_model("beneficiaries", model).objects
        people.update(situation="inactive")
        for situation in reversed(FORMER_SITUATIONS):
            people.filter(**{FACT_OF_SITUATION[situation]: True}).update(situation=situation)


class Migration(migrations.Migration):
    dependencies = [("beneficiaries", "0005_situation_facts")]

    operations = [migrations.RunPython(situation_to_facts, facts_to_situation)]
