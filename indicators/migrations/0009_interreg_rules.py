"""The Interreg indicators by the programme's rules.

RCO 115 counts public events open to all, RCO 81 the participations in closed joint
actions (an internal meeting counts in neither), RCO 87 the organisations of the
project's partnership, each once; RCR 84 and RCR 85 are measured after the project
ends. RCO 81-P (distinct people) is the project's own figure, not an EU code: its
name says so. Forward changes only what still is as shipped.
"""

from django.db import migrations, models

INTERREG = "interreg-lieu-ressource"
# code -> (shipped metric, metric by the rules)
METRICS = {
    "RCO 81": ("cross_border_participations", "joint_action_participations"),
    "RCO 81-P": ("cross_border_unique_participants", "joint_action_participants"),
    "RCO 87": ("cross_border_organisations", "project_partners"),
    "RCO 115": ("cross_border_events", "public_cross_border_events"),
}
MEASURED_AFTER_END = ("RCR 84", "RCR 85")
OWN_FIGURE = {
    "fr": (
        "Participants aux actions conjointes transfrontalières (personnes distinctes)",
        "Participants aux actions conjointes transfrontalières, personnes distinctes "
        "(indicateur propre au projet, pas un indicateur commun de l'UE)",
    ),
    "de": (
        "Teilnehmende an gemeinsamen grenzübergreifenden Maßnahmen (einzelne Personen)",
        "Teilnehmende an gemeinsamen grenzübergreifenden Maßnahmen, einzelne Personen "
        "(eigene Kennzahl des Projekts, kein gemeinsamer EU-Indikator)",
    ),
}


def _switch(apps, old_index, new_index):
    Indicator = apps.get_model("indicators", "Indicator")
    interreg = Indicator.objects.filter(programme__code=INTERREG)
    for code, metrics in METRICS.items():
        interreg.filter(code=code, kind="computed", metric=metrics[old_index]).update(
            metric=metrics[new_index]
        )
    interreg.filter(code__in=MEASURED_AFTER_END).update(measured_after_end=new_index == 1)
    for language, names in OWN_FIGURE.items():
        field = f"name_{language}"
        rows = interreg.filter(code="RCO 81-P", **{field: names[old_index]})
        rows.update(**{field: names[new_index]})
        if language == "fr":
            interreg.filter(code="RCO 81-P", name=names[old_index]).update(name=names[new_index])


def forward(apps, schema_editor):
    _switch(apps, 0, 1)


def backward(apps, schema_editor):
    _switch(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0008_indicator_progress_and_proportion"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="measured_after_end",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "A result measured after the programme ends (Interreg RCR 84 and RCR "
                    "85): its values may be recorded and reported during the follow-up "
                    "period after the programme's last day."
                ),
                verbose_name="measured after the programme's end",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
