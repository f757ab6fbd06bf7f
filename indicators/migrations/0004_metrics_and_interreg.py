"""Wire the 2020 convention's indicators to the metrics that compute them, and add
the Interreg Lieu ressource project (1 March 2023 – 30 June 2026) with the Interreg
common indicators its funder asks for and the events held by format.

Indicators our records cannot tell (trades in tension, wood-sector actions, hirings
under departmental contracts, job offers in Jobconnexion, companies trained in
inclusive practices, cooperation and participation after the project ends) stay
manual. Forward leaves alone what staff already changed: an indicator already
computed, or with values entered by hand, keeps its kind.
"""

import datetime
from decimal import Decimal

from django.db import migrations

CONVENTION = "convention-2020"
INTERREG = "interreg-lieu-ressource"

# convention indicator code -> metric name (see indicators/metrics.py)
CONVENTION_METRICS = {
    "C1.2": "companies_in_working_circles",
    "C1.3": "rsa_recipients_in_gptec_programmes",
    "C2.2": "inclusive_actions_by_companies",
    "C2.3": "rsa_recipients_leaving_rsa",
    "C3.1": "residents_and_rsa_recipients_outside_centre",
    "C3.2": "rsa_recipients_developing_a_business",
    "C4.1": "rsa_recipients_employed_in_germany",
    "C4.2": "rsa_recipients_in_tailored_pathways",
    "C4.3": "rsa_recipients_in_bilingual_training",
}

PROGRAMME = {
    "name_fr": "Lieu ressource transfrontalier pour l'emploi (Interreg Rhin supérieur)",
    "name_de": "Grenzüberschreitender Ressourcenort für Beschäftigung (Interreg Oberrhein)",
    "description_fr": (
        "Projet Interreg porté par la Maison de l'emploi de Strasbourg avec une vingtaine "
        "de partenaires français et allemands : 1 693 637,96 € de fonds européens pour un "
        "budget total de 2 822 729,93 €."
    ),
    "description_de": (
        "Interreg-Projekt der Maison de l'emploi de Strasbourg mit rund zwanzig "
        "französischen und deutschen Partnern: 1.693.637,96 € EU-Mittel bei einem "
        "Gesamtbudget von 2.822.729,93 €."
    ),
    "funder": "Interreg Rhin supérieur / Oberrhein (FEDER / EFRE)",
    "start_date": datetime.date(2023, 3, 1),
    "end_date": datetime.date(2026, 6, 30),
}

AXES = {
    1: ("Indicateurs de réalisation Interreg", "Interreg-Outputindikatoren"),
    2: ("Indicateurs de résultat Interreg", "Interreg-Ergebnisindikatoren"),
    3: (
        "Activité du Lieu ressource : manifestations tenues par format",
        "Aktivität des Ressourcenorts: durchgeführte Veranstaltungen nach Format",
    ),
}

PARTICIPATIONS = ("participations", "Teilnahmen")
PEOPLE = ("personnes", "Personen")
ORGANISATIONS = ("organisations", "Organisationen")
EVENTS = ("manifestations", "Veranstaltungen")

# (code, axis, name_fr, name_de, unit, baseline, metric or "" for manual)
INTERREG_INDICATORS = [
    (
        "RCO 81",
        1,
        "Participations à des actions conjointes transfrontalières",
        "Teilnahmen an gemeinsamen grenzübergreifenden Maßnahmen",
        PARTICIPATIONS,
        Decimal(0),
        "cross_border_participations",
    ),
    (
        "RCO 81-P",
        1,
        "Participants aux actions conjointes transfrontalières (personnes distinctes)",
        "Teilnehmende an gemeinsamen grenzübergreifenden Maßnahmen (einzelne Personen)",
        PEOPLE,
        Decimal(0),
        "cross_border_unique_participants",
    ),
    (
        "RCO 87",
        1,
        "Organisations coopérant par-delà les frontières",
        "Grenzübergreifend kooperierende Organisationen",
        ORGANISATIONS,
        Decimal(0),
        "cross_border_organisations",
    ),
    (
        "RCO 115",
        1,
        "Manifestations publiques transfrontalières organisées conjointement",
        "Gemeinsam organisierte grenzübergreifende öffentliche Veranstaltungen",
        EVENTS,
        Decimal(0),
        "cross_border_events",
    ),
    (
        "RCR 84",
        2,
        "Organisations coopérant par-delà les frontières après l'achèvement du projet",
        "Organisationen, die nach Projektabschluss grenzübergreifend zusammenarbeiten",
        ORGANISATIONS,
        Decimal(0),
        "",
    ),
    (
        "RCR 85",
        2,
        "Participations à des actions conjointes transfrontalières après l'achèvement du projet",
        "Teilnahmen an gemeinsamen grenzübergreifenden Maßnahmen nach Projektabschluss",
        PARTICIPATIONS,
        Decimal(0),
        "",
    ),
]

# Event.Format value -> (name_fr, name_de), in the order of the model's choices.
FORMATS = [
    ("bilingual_workshop", "ateliers bilingues", "zweisprachige Workshops"),
    ("intercultural_workshop", "ateliers interculturels", "interkulturelle Workshops"),
    ("company_visit", "visites d'entreprises", "Unternehmensbesuche"),
    ("employer_afterwork", "afterworks employeurs", "Arbeitgeber-Afterworks"),
    (
        "recruitment_meeting",
        "rencontres de recrutement et job datings",
        "Recruiting-Treffen und Jobdatings",
    ),
    ("pitch_evening", "soirées de pitchs", "Pitch-Abende"),
    ("permanence", "permanences", "Sprechstunden"),
    ("idea_lab", "laboratoires d'idées", "Ideenlabore"),
    ("information_session", "réunions d'information", "Informationsveranstaltungen"),
    ("working_circle", "cercles de travail d'entreprises", "Arbeitskreise von Unternehmen"),
]


def _event_indicators():
    rows = [
        (
            "EV",
            3,
            "Manifestations tenues (tous formats)",
            "Durchgeführte Veranstaltungen (alle Formate)",
            EVENTS,
            None,
            "events_held",
        )
    ]
    for number, (value, name_fr, name_de) in enumerate(FORMATS, start=1):
        rows.append(
            (
                f"EV.{number:02d}",
                3,
                f"Manifestations tenues : {name_fr}",
                f"Durchgeführte Veranstaltungen: {name_de}",
                EVENTS,
                None,
                f"events_held_{value}",
            )
        )
    return rows


def forward(apps, schema_editor):
    Programme = apps.get_model("indicators", "Programme")
    Axis = apps.get_model("indicators", "Axis")
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorValue = apps.get_model("indicators", "IndicatorValue")

    for code, metric in CONVENTION_METRICS.items():
        indicator = Indicator.objects.filter(programme__code=CONVENTION, code=code).first()
        if indicator is None or indicator.kind != "manual" or indicator.metric:
            continue
        if IndicatorValue.objects.filter(indicator=indicator, source="manual").exists():
            continue
        indicator.kind, indicator.metric = "computed", metric
        indicator.save(update_fields=["kind", "metric"])

    programme, _created = Programme.objects.get_or_create(
        code=INTERREG,
        defaults={
            **PROGRAMME,
            "name": PROGRAMME["name_fr"],
            "description": PROGRAMME["description_fr"],
        },
    )
    axes = {}
    for number, (title_fr, title_de) in AXES.items():
        axes[number], _created = Axis.objects.get_or_create(
            programme=programme,
            number=number,
            defaults={"title": title_fr, "title_fr": title_fr, "title_de": title_de},
        )
    rows = INTERREG_INDICATORS + _event_indicators()
    for position, (code, axis, name_fr, name_de, unit, baseline, metric) in enumerate(
        rows, start=1
    ):
        Indicator.objects.get_or_create(
            programme=programme,
            code=code,
            defaults={
                "axis": axes[axis],
                "name": name_fr,
                "name_fr": name_fr,
                "name_de": name_de,
                "unit": unit[0],
                "unit_fr": unit[0],
                "unit_de": unit[1],
                "baseline": baseline,
                "target": None,
                "kind": "computed" if metric else "manual",
                "metric": metric,
                "position": position,
            },
        )


def backward(apps, schema_editor):
    Programme = apps.get_model("indicators", "Programme")
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorValue = apps.get_model("indicators", "IndicatorValue")
    QualitativeNote = apps.get_model("indicators", "QualitativeNote")
    QuarterlyReport = apps.get_model("indicators", "QuarterlyReport")
    Event = apps.get_model("events", "Event")

    for code, metric in CONVENTION_METRICS.items():
        Indicator.objects.filter(programme__code=CONVENTION, code=code, metric=metric).update(
            kind="manual", metric=""
        )

    programme = Programme.objects.filter(code=INTERREG).first()
    if programme is None:
        return
    # Filter by ids: historical model instances from several migrations undone in
    # one run are not interchangeable in lookups.
    recorded = (
        IndicatorValue.objects.filter(indicator__programme_id=programme.pk).exists()
        or QualitativeNote.objects.filter(programme_id=programme.pk).exists()
        or QuarterlyReport.objects.filter(programme_id=programme.pk).exists()
        or Event.axes.through.objects.filter(axis__programme_id=programme.pk).exists()
    )
    if not recorded:
        Indicator.objects.filter(programme_id=programme.pk)._raw_delete(
            schema_editor.connection.alias
        )
        Axis = apps.get_model("indicators", "Axis")
        Strategy = apps.get_model("indicators", "Strategy")
        Strategy.objects.filter(axis__programme_id=programme.pk)._raw_delete(
            schema_editor.connection.alias
        )
        Axis.objects.filter(programme_id=programme.pk)._raw_delete(schema_editor.connection.alias)
        Programme.objects.filter(pk=programme.pk)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_quarterlyreport_snapshot"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
