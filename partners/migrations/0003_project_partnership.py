"""Who cooperates in a programme, with dates: the partnership of the Interreg project
"Lieu ressource transfrontalier pour l'emploi" (seed 000: the Maison de l'emploi de
Strasbourg as lead and its twenty partners, from the project's start on 1 March
2023) ships as data. Forward adds what is missing; backward removes the shipped rows.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models

INTERREG = "interreg-lieu-ressource"
START = datetime.date(2023, 3, 1)
LEAD = "Maison de l'emploi de Strasbourg"
PARTNERS = [
    "CCI Alsace Eurométropole",
    "IHK Südlicher Oberrhein",
    "SINGA Global",
    "SINGA Strasbourg",
    "Impact Hub",
    "Euro-Institut",
    "Mission Locale de Schiltigheim",
    "Agentur für Arbeit Offenburg",
    "Kaleidoscoop",
    "SINGA Stuttgart",
    "Initiative Strasbourg",
    "Mission Locale de Strasbourg",
    "La Chambre de métiers d'Alsace",
    "Club d'affaires franco-allemand du Rhin supérieur",
    "L'Atelier - Ecole de la deuxième chance",
    "Région Grand Est",
    "Black Forest Innovation GmbH",
    "Office franco-allemand pour la Jeunesse",
    "Eurométropole de Strasbourg",
    "Université de Strasbourg",
]


def create_partnership(apps, schema_editor):
    Programme = apps.get_model("indicators", "Programme")
    Organisation = apps.get_model("partners", "Organisation")
    ProjectPartnership = apps.get_model("partners", "ProjectPartnership")
    programme = Programme.objects.filter(code=INTERREG).first()
    if programme is None:
        return
    start = max(START, programme.start_date)
    for name in [LEAD, *PARTNERS]:
        organisation = Organisation.objects.filter(name=name).first()
        if (
            organisation is None
            or ProjectPartnership.objects.filter(
                programme_id=programme.pk, organisation_id=organisation.pk
            ).exists()
        ):
            continue
        ProjectPartnership.objects.create(
            programme_id=programme.pk,
            organisation_id=organisation.pk,
            role="lead" if name == LEAD else "partner",
            start_date=start,
        )


def delete_partnership(apps, schema_editor):
    ProjectPartnership = apps.get_model("partners", "ProjectPartnership")
    ProjectPartnership.objects.filter(
        programme__code=INTERREG, organisation__name__in=[LEAD, *PARTNERS], start_date=START
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_shipped_organisations"),
        ("indicators", "0004_metrics_and_interreg"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectPartnership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("lead", "Project lead"),
                            ("partner", "Partner"),
                            ("associated", "Associated partner"),
                        ],
                        default="partner",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                ("start_date", models.DateField(verbose_name="cooperates from")),
                (
                    "end_date",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty while the organisation stays in the partnership.",
                        null=True,
                        verbose_name="cooperates until",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="partnerships",
                        to="partners.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partnerships",
                        to="indicators.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "project partnership",
                "verbose_name_plural": "project partnerships",
                "ordering": ["programme", "role", "organisation__name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end_date__isnull", True),
                            ("end_date__gte", models.F("start_date")),
                            _connector="OR",
                        ),
                        name="partnership_end_after_start",
                        violation_error_message="The end of the cooperation must follow its start.",
                    ),
                    models.UniqueConstraint(
                        fields=("programme", "organisation", "start_date"),
                        name="partnership_once_per_start",
                        violation_error_message=(
                            "This organisation already joins this programme on this day."
                        ),
                    ),
                ],
            },
        ),
        migrations.RunPython(create_partnership, delete_partnership),
    ]
