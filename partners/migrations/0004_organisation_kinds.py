"""Two kinds the shipped organisations needed, and their kinds corrected.

La Chambre de métiers d'Alsace is a chamber of crafts, not of commerce; Impact Hub
and Black Forest Innovation support business creation and innovation (neither is a
company whose participation counts among the companies engaged). Forward changes
an organisation only while it still has the kind it was shipped with, so that a kind
staff chose stays; backward puts the shipped kinds back on the same terms.
"""

from django.db import migrations, models

# name: (kind as shipped, corrected kind)
CORRECTIONS = {
    "La Chambre de métiers d'Alsace": ("chamber", "chamber_of_crafts"),
    "Impact Hub": ("other", "business_support"),
    "Black Forest Innovation GmbH": ("other", "business_support"),
}


def correct_kinds(apps, schema_editor):
    Organisation = apps.get_model("partners", "Organisation")
    for name, (shipped, corrected) in CORRECTIONS.items():
        Organisation.objects.filter(name=name, kind=shipped).update(kind=corrected)


def restore_kinds(apps, schema_editor):
    Organisation = apps.get_model("partners", "Organisation")
    for name, (shipped, corrected) in CORRECTIONS.items():
        Organisation.objects.filter(name=name, kind=corrected).update(kind=shipped)


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_project_partnership")]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("employment_service", "Public employment service"),
                    ("chamber", "Chamber of commerce"),
                    ("chamber_of_crafts", "Chamber of crafts"),
                    ("business_support", "Business support network"),
                    ("mission_locale", "Mission locale"),
                    ("association", "Association"),
                    ("company", "Company"),
                    ("training_body", "Training body"),
                    ("local_authority", "Local authority"),
                    ("university", "University"),
                    ("other", "Other"),
                ],
                max_length=30,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(correct_kinds, restore_kinds),
    ]
