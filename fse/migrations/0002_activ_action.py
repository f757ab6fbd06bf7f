"""The FSE+ action of seed 002 ships as data: Activ'Action's peer support towards
employment in five priority neighbourhoods of the Eurométropole (Hautepierre,
Cronenbourg, Quartiers Ouest, Marais, Guirbaden), 2024-2025, for at least 200
people; its operations (outreach, peer-support workshops, civic engagement), and the
FSE+ common indicators, each with its breakdown by sex. The team gets every
permission on FSE+ records; partner referents those on their people's participations.

Forward leaves alone what already exists (get_or_create); backward removes the
programme only while nothing was recorded for it."""

import datetime
from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODE = "fse-activ-action"
STAFF = "équipe"
PARTNER_REFERENT = "référent partenaire"
REFERENT_PERMISSIONS = ("view_participation", "add_participation", "change_participation")

PROGRAMME = {
    "name_fr": "Activ’Action : entraide vers l’emploi dans les quartiers prioritaires (FSE+)",
    "name_de": "Activ’Action: gegenseitige Unterstützung auf dem Weg in Arbeit in den "
    "Quartiers prioritaires (ESF+)",
    "description_fr": (
        "Accompagnement collectif et entraide entre pairs des personnes éloignées de "
        "l’emploi à Hautepierre, Cronenbourg, Quartiers Ouest, Marais et Guirbaden, "
        "cofinancé par le Fonds social européen plus : au moins 200 personnes en "
        "2024-2025."
    ),
    "description_de": (
        "Gemeinsame Begleitung und gegenseitige Unterstützung arbeitsmarktferner "
        "Menschen in Hautepierre, Cronenbourg, Quartiers Ouest, Marais und Guirbaden, "
        "kofinanziert vom Europäischen Sozialfonds Plus: mindestens 200 Personen in "
        "2024-2025."
    ),
    "funder": "FSE+ – Fonds social européen plus",
    "start_date": datetime.date(2024, 1, 1),
    "end_date": datetime.date(2025, 12, 31),
}
NEIGHBOURHOODS = ("hautepierre", "cronenbourg", "quartiers-ouest", "marais", "guirbaden")
OPERATIONS = [
    ("aller-vers", "Démarches d’aller-vers dans les quartiers"),
    ("ateliers-entraide", "Ateliers collectifs d’entraide"),
    ("engagement-citoyen", "Actions d’engagement citoyen"),
]
AXES = {
    1: ("Participants à l’entrée (indicateurs de réalisation communs FSE+)",
        "Teilnehmende bei Eintritt (gemeinsame ESF+-Outputindikatoren)"),
    2: ("Résultats à la sortie et six mois après (indicateurs de résultat communs FSE+)",
        "Ergebnisse beim Austritt und sechs Monate danach (gemeinsame ESF+-Ergebnisindikatoren)"),
}
PARTICIPANTS = ("participants", "Teilnehmende")
# Total participants: the seed's "au moins 200 personnes".
TARGETS = {"EECO11": Decimal(200)}
# (code, metric, name_fr, name_de), in the order of the EU's Annex I.
INDICATORS = [
    ("EECO01", "fse_unemployed", "Chômeurs, y compris les chômeurs de longue durée",
     "Arbeitslose, einschließlich Langzeitarbeitslose"),
    ("EECO02", "fse_long_term_unemployed", "Chômeurs de longue durée", "Langzeitarbeitslose"),
    ("EECO03", "fse_inactive", "Personnes inactives", "Nichterwerbstätige"),
    ("EECO04", "fse_employed", "Personnes exerçant un emploi, y compris les indépendants",
     "Erwerbstätige, einschließlich Selbstständige"),
    ("EECO05", "fse_below_18", "Participants de moins de 18 ans",
     "Teilnehmende unter 18 Jahren"),
    ("EECO06", "fse_aged_18_to_29", "Jeunes de 18 à 29 ans", "Junge Menschen von 18 bis 29 Jahren"),
    ("EECO07", "fse_aged_55_and_above", "Participants de 55 ans et plus",
     "Teilnehmende ab 55 Jahren"),
    ("EECO08", "fse_isced_0_2", "Titulaires d’un diplôme CITE 0 à 2",
     "Personen mit ISCED 0 bis 2"),
    ("EECO09", "fse_isced_3_4", "Titulaires d’un diplôme CITE 3 à 4",
     "Personen mit ISCED 3 bis 4"),
    ("EECO10", "fse_isced_5_8", "Titulaires d’un diplôme CITE 5 à 8",
     "Personen mit ISCED 5 bis 8"),
    ("EECO11", "fse_participants", "Nombre total de participants",
     "Gesamtzahl der Teilnehmenden"),
    ("EECO12", "fse_with_disability", "Participants handicapés",
     "Teilnehmende mit Behinderungen"),
    ("EECO13", "fse_third_country_nationals", "Ressortissants de pays tiers",
     "Drittstaatsangehörige"),
    ("EECO14", "fse_foreign_background", "Participants d’origine étrangère",
     "Teilnehmende mit Migrationshintergrund"),
    ("EECO16", "fse_homeless", "Sans-abri ou personnes touchées par l’exclusion de logement",
     "Obdachlose oder von Ausgrenzung auf dem Wohnungsmarkt betroffene Personen"),
    ("EECO17", "fse_rural_areas", "Participants issus de zones rurales",
     "Teilnehmende aus ländlichen Gebieten"),
    ("EECR01", "fse_job_searching_upon_leaving",
     "Participants à la recherche d’un emploi au moment de leur sortie",
     "Teilnehmende, die nach ihrer Teilnahme auf Arbeitsuche sind"),
    ("EECR02", "fse_in_education_upon_leaving",
     "Participants suivant un enseignement ou une formation au moment de leur sortie",
     "Teilnehmende, die nach ihrer Teilnahme eine schulische/berufliche Bildung absolvieren"),
    ("EECR03", "fse_qualification_upon_leaving",
     "Participants obtenant une qualification au moment de leur sortie",
     "Teilnehmende, die nach ihrer Teilnahme eine Qualifizierung erlangen"),
    ("EECR04", "fse_employed_upon_leaving",
     "Participants exerçant un emploi, y compris indépendant, au moment de leur sortie",
     "Teilnehmende, die nach ihrer Teilnahme einen Arbeitsplatz haben, einschließlich "
     "Selbstständige"),
    ("EECR05", "fse_employed_six_months_after",
     "Participants exerçant un emploi, y compris indépendant, six mois après leur sortie",
     "Teilnehmende, die sechs Monate nach ihrer Teilnahme einen Arbeitsplatz haben, "
     "einschließlich Selbstständige"),
    ("EECR06", "fse_improved_situation_six_months_after",
     "Participants dont la situation sur le marché du travail s’est améliorée six mois "
     "après leur sortie",
     "Teilnehmende, deren Situation auf dem Arbeitsmarkt sich sechs Monate nach ihrer "
     "Teilnahme verbessert hat"),
]
SEXES = [("F", "women", "femmes", "Frauen"), ("M", "men", "hommes", "Männer"),
         ("X", "non_binary", "non binaires", "nicht-binär")]


def forward(apps, schema_editor):
    Programme = apps.get_model("indicators", "Programme")
    Axis = apps.get_model("indicators", "Axis")
    Indicator = apps.get_model("indicators", "Indicator")
    Operation = apps.get_model("fse", "Operation")
    PriorityNeighbourhood = apps.get_model("beneficiaries", "PriorityNeighbourhood")

    programme, _created = Programme.objects.get_or_create(
        code=CODE,
        defaults={**PROGRAMME, "name": PROGRAMME["name_fr"], "description": PROGRAMME["description_fr"]},
    )
    axes = {
        number: Axis.objects.get_or_create(
            programme=programme,
            number=number,
            defaults={"title": fr, "title_fr": fr, "title_de": de},
        )[0]
        for number, (fr, de) in AXES.items()
    }
    neighbourhoods = list(PriorityNeighbourhood.objects.filter(code__in=NEIGHBOURHOODS))
    for code, name in OPERATIONS:
        operation, created = Operation.objects.get_or_create(
            programme=programme,
            code=code,
            defaults={
                "name": name,
                "start_date": PROGRAMME["start_date"],
                "end_date": PROGRAMME["end_date"],
            },
        )
        if created:
            operation.neighbourhoods.set(neighbourhoods)
    position = 0
    for code, metric, name_fr, name_de in INDICATORS:
        rows = [(code, metric, name_fr, name_de, TARGETS.get(code))]
        rows += [
            (f"{code}-{sex}", f"{metric}_{suffix}", f"{name_fr} – {fr}", f"{name_de} – {de}", None)
            for sex, suffix, fr, de in SEXES
        ]
        for row_code, row_metric, row_fr, row_de, target in rows:
            position += 1
            Indicator.objects.get_or_create(
                programme=programme,
                code=row_code,
                defaults={
                    "axis": axes[1 if code.startswith("EECO") else 2],
                    "name": row_fr,
                    "name_fr": row_fr,
                    "name_de": row_de,
                    "unit": PARTICIPANTS[0],
                    "unit_fr": PARTICIPANTS[0],
                    "unit_de": PARTICIPANTS[1],
                    "baseline": Decimal(0),
                    "target": target,
                    "kind": "computed",
                    "metric": row_metric,
                    "counts_people": True,
                    "position": position,
                },
            )
    _grant(apps)


def _grant(apps):
    app_config = apps.get_app_config("fse")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    fse = Permission.objects.filter(content_type__app_label="fse")
    for group in Group.objects.filter(name=STAFF):
        group.permissions.add(*fse)
    for group in Group.objects.filter(name=PARTNER_REFERENT):
        group.permissions.add(*fse.filter(codename__in=REFERENT_PERMISSIONS))


def backward(apps, schema_editor):
    Programme = apps.get_model("indicators", "Programme")
    Participation = apps.get_model("fse", "Participation")
    programme = Programme.objects.filter(code=CODE).first()
    if programme is None or Participation.objects.filter(operation__programme_id=programme.pk).exists():
        return
    for model in ("IndicatorValue", "QualitativeNote", "QuarterlyReport"):
        if apps.get_model("indicators", model).objects.filter(
            **({"indicator__programme_id": programme.pk} if model == "IndicatorValue" else {"programme_id": programme.pk})
        ).exists():
            return
    apps.get_model("fse", "Operation").objects.filter(programme_id=programme.pk).delete()
    apps.get_model("indicators", "Indicator").objects.filter(programme_id=programme.pk).delete()
    programme.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fse", "0001_initial"),
        ("beneficiaries", "0002_priority_neighbourhoods"),
        ("lieu_ressource", "0001_roles"),
    ]

    operations = [migrations.RunPython(forward, backward)]
