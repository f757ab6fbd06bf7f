"""The 2020 partnership convention between the Maison de l'emploi de Strasbourg and
the Département du Bas-Rhin: its four axes, its strategies and the indicators of its
Article 5, with the baselines and targets the text gives.

The convention is valid for 2020 and renewed by express reconduction (Article 2): it
has no end date. Every indicator starts as a manual one; computed metrics are wired
later.

Forward creates what is missing and leaves alone what staff already edited.
Backward deletes the programme, its axes, strategies and indicators only while
nothing else points to them (quarterly values, notes, reports, events serving an
axis, indicators staff added); otherwise it leaves them all in place.
"""

import datetime
from decimal import Decimal

from django.db import migrations

CODE = "convention-2020"

PROGRAMME = {
    "name_fr": "Convention de partenariat 2020 Maison de l'emploi – Département du Bas-Rhin",
    "name_de": "Partnerschaftsvereinbarung 2020 Maison de l'emploi – Département du Bas-Rhin",
    "description_fr": (
        "L'alliance de deux réseaux au service de la compétence et de l'emploi sur le "
        "territoire de l'Eurométropole de Strasbourg. Convention valable pour l'année "
        "2020, renouvelée par reconduction expresse."
    ),
    "description_de": (
        "Zwei Netzwerke im Dienst von Kompetenzen und Beschäftigung auf dem Gebiet der "
        "Eurométropole de Strasbourg. Die Vereinbarung gilt für das Jahr 2020 und wird "
        "ausdrücklich verlängert."
    ),
    "funder": "Département du Bas-Rhin",
    "start_date": datetime.date(2020, 1, 1),
}

# number -> (title_fr, title_de)
AXES = {
    1: (
        "Développer une gestion prévisionnelle et territorialisée des emplois et des compétences",
        "Eine vorausschauende und territoriale Beschäftigungs- und Kompetenzplanung entwickeln",
    ),
    2: (
        "Une action renforcée pour les quartiers prioritaires de la Ville et la grande pauvreté",
        "Verstärktes Handeln für die vorrangigen Stadtviertel (QPV) und gegen extreme Armut",
    ),
    3: (
        "Accessibilité et proximité des services au public",
        "Zugänglichkeit und Bürgernähe der Dienstleistungen für die Öffentlichkeit",
    ),
    4: (
        "Développer l'emploi transfrontalier",
        "Grenzüberschreitende Beschäftigung entwickeln",
    ),
}

# code -> (axis number, title_fr, title_de)
STRATEGIES = {
    "1.1": (
        1,
        "Programmes inter-entreprises de réponse aux besoins en compétences (gestion "
        "prévisionnelle territoriale des emplois et des compétences, GPTEC)",
        "Unternehmensübergreifende Programme zur Deckung des Kompetenzbedarfs "
        "(territoriale vorausschauende Beschäftigungs- und Kompetenzplanung, GPTEC)",
    ),
    "1.2": (
        1,
        "Faire des contrats départementaux un levier pour l'emploi",
        "Die Verträge des Départements als Hebel für Beschäftigung nutzen",
    ),
    "2.1": (
        2,
        "Une mobilisation commune pour les quartiers prioritaires de la Ville",
        "Gemeinsamer Einsatz für die vorrangigen Stadtviertel (QPV)",
    ),
    "3.1": (3, "KaleidosCOOP", "KaleidosCOOP"),
    "4.1": (4, "Tremplin sur le Rhin", "Tremplin sur le Rhin"),
}

PEOPLE = ("personnes", "Personen")
COMPANIES = ("entreprises", "Unternehmen")
ACTIONS = ("actions", "Aktionen")

# Article 5, in the order of the text:
# (code, strategy code, name_fr, name_de, (unit_fr, unit_de), baseline, target)
INDICATORS = [
    (
        "C1.1",
        "1.1",
        "Nombre de métiers en tension concernés par les plans d'action",
        "Anzahl der Engpassberufe, die von den Aktionsplänen erfasst werden",
        ("métiers", "Berufe"),
        Decimal(4),
        Decimal(8),
    ),
    (
        "C1.2",
        "1.1",
        "Nombre d'entreprises parties prenantes des cercles de travail",
        "Anzahl der an den Arbeitskreisen beteiligten Unternehmen",
        COMPANIES,
        Decimal(100),
        Decimal(200),
    ),
    (
        "C1.3",
        "1.1",
        "Nombre et proportion de bénéficiaires du RSA intégrés dans les programmes (job "
        "datings dans la maintenance, recrutements de caristes chez Siehr, développement "
        "d'activités sur l'Ecopark de Reichstett…)",
        "Anzahl und Anteil der RSA-Beziehenden, die in die Programme aufgenommen werden "
        "(Jobdatings in der Instandhaltung, Einstellung von Staplerfahrern bei Siehr, "
        "Ansiedlung von Tätigkeiten im Ecopark Reichstett …)",
        PEOPLE,
        None,
        None,
    ),
    (
        "C1.4",
        "1.1",
        "Nombre d'actions menées permettant le développement de la filière bois",
        "Anzahl der durchgeführten Aktionen zur Entwicklung der Holzbranche",
        ACTIONS,
        None,
        None,
    ),
    (
        "C1.5",
        "1.2",
        "Nombre d'embauches de bénéficiaires du RSA ou via la Maison de l'emploi en lien "
        "avec les contrats départementaux",
        "Anzahl der Einstellungen von RSA-Beziehenden oder über die Maison de l'emploi im "
        "Zusammenhang mit den Verträgen des Départements",
        ("embauches", "Einstellungen"),
        None,
        None,
    ),
    (
        "C1.6",
        "1.2",
        "Nombre d'offres d'emploi saisies sur Jobconnexion par la Maison de l'emploi",
        "Anzahl der von der Maison de l'emploi in Jobconnexion erfassten Stellenangebote",
        ("offres d'emploi", "Stellenangebote"),
        None,
        None,
    ),
    (
        "C2.1",
        "2.1",
        "Nombre d'entreprises formées aux actions inclusives",
        "Anzahl der in inklusiven Maßnahmen geschulten Unternehmen",
        COMPANIES,
        None,
        None,
    ),
    (
        "C2.2",
        "2.1",
        "Nombre d'actions inclusives proposées aux habitants des quartiers par les 100 "
        "entreprises du Club des entreprises inclusives",
        "Anzahl der inklusiven Aktionen, die die 100 Unternehmen des Club des entreprises "
        "inclusives den Bewohnern der Stadtviertel anbieten",
        ACTIONS,
        None,
        None,
    ),
    (
        "C2.3",
        "2.1",
        "Nombre de bénéficiaires du RSA et des minima sociaux accédant à une activité "
        "rémunérée et sortant du RSA grâce au programme FOCALÉ et aux actions du Club",
        "Anzahl der Beziehenden von RSA und anderen sozialen Mindestleistungen, die über "
        "das Programm FOCALÉ und die Aktionen des Clubs eine bezahlte Tätigkeit aufnehmen "
        "und aus dem RSA ausscheiden",
        PEOPLE,
        None,
        None,
    ),
    (
        "C3.1",
        "3.1",
        "Nombre d'habitants du Port du Rhin et de bénéficiaires du RSA participant aux "
        "programmes hors les murs",
        "Anzahl der Bewohner des Port du Rhin und der RSA-Beziehenden, die an den "
        "Programmen außerhalb des Zentrums („hors les murs“) teilnehmen",
        PEOPLE,
        None,
        None,
    ),
    (
        "C3.2",
        "3.1",
        "Nombre de travailleurs indépendants bénéficiaires du RSA participant au "
        "tiers-lieu et développant leur activité grâce à l'accompagnement proposé",
        "Anzahl der selbstständigen RSA-Beziehenden, die am Third Place teilnehmen und "
        "ihre Tätigkeit dank der angebotenen Begleitung ausbauen",
        PEOPLE,
        None,
        None,
    ),
    (
        "C4.1",
        "4.1",
        "Nombre de bénéficiaires du RSA en emploi dans des entreprises allemandes",
        "Anzahl der RSA-Beziehenden, die in deutschen Unternehmen beschäftigt sind",
        PEOPLE,
        None,
        None,
    ),
    (
        "C4.2",
        "4.1",
        "Nombre de bénéficiaires du RSA au sein des parcours sur mesure",
        "Anzahl der RSA-Beziehenden in den maßgeschneiderten Begleitprogrammen",
        PEOPLE,
        None,
        None,
    ),
    (
        "C4.3",
        "4.1",
        "Nombre de bénéficiaires du RSA se formant au bilinguisme",
        "Anzahl der RSA-Beziehenden, die sich zur Zweisprachigkeit weiterbilden",
        PEOPLE,
        None,
        None,
    ),
]


def create_convention(apps, schema_editor):
    Programme = apps.get_model("indicators", "Programme")
    Axis = apps.get_model("indicators", "Axis")
    Strategy = apps.get_model("indicators", "Strategy")
    Indicator = apps.get_model("indicators", "Indicator")

    programme, _created = Programme.objects.get_or_create(
        code=CODE,
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
    strategies = {}
    for code, (number, title_fr, title_de) in STRATEGIES.items():
        strategies[code], _created = Strategy.objects.get_or_create(
            axis=axes[number],
            code=code,
            defaults={"title": title_fr, "title_fr": title_fr, "title_de": title_de},
        )
    for position, row in enumerate(INDICATORS, start=1):
        code, strategy_code, name_fr, name_de, (unit_fr, unit_de), baseline, target = row
        strategy = strategies[strategy_code]
        Indicator.objects.get_or_create(
            programme=programme,
            code=code,
            defaults={
                "axis": strategy.axis,
                "strategy": strategy,
                "name": name_fr,
                "name_fr": name_fr,
                "name_de": name_de,
                "unit": unit_fr,
                "unit_fr": unit_fr,
                "unit_de": unit_de,
                "baseline": baseline,
                "target": target,
                "kind": "manual",
                "metric": "",
                "position": position,
            },
        )


# Backward works by primary key and plain SQL, not with model instances and the
# ORM's cascading delete: when several migrations are unapplied in one run, the
# related models Django hands over may be rendered against another version of a
# model's class, and the ORM then refuses to query them with its instances.


def _referenced_from_outside(shipped):
    """Whether a row other than the shipped ones points to one of them: a quarterly
    value, a note, a report, an event serving an axis, an indicator staff added…"""
    own = {model._meta.label_lower: pks for model, pks in shipped}
    for model, pks in shipped:
        for relation in model._meta.related_objects:
            rows = relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": pks}
            )
            rows = rows.exclude(pk__in=own.get(relation.related_model._meta.label_lower, ()))
            if rows.exists():
                return True
    return False


def _delete_rows(schema_editor, model, pks):
    quote = schema_editor.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    placeholders = ", ".join(["%s"] * len(pks))
    schema_editor.execute(f"DELETE FROM {table} WHERE {pk} IN ({placeholders})", list(pks))


def delete_convention_if_unused(apps, schema_editor):
    Programme = apps.get_model("indicators", "Programme")
    Axis = apps.get_model("indicators", "Axis")
    Strategy = apps.get_model("indicators", "Strategy")
    Indicator = apps.get_model("indicators", "Indicator")

    programme = Programme.objects.filter(code=CODE).first()
    if programme is None:
        return
    indicators = Indicator.objects.filter(
        programme_id=programme.pk, code__in=[row[0] for row in INDICATORS]
    )
    strategies = Strategy.objects.filter(axis__programme_id=programme.pk, code__in=STRATEGIES)
    axes = Axis.objects.filter(programme_id=programme.pk, number__in=AXES)
    # In the order they can be deleted in: what points to a row goes first.
    shipped = [
        (Indicator, set(indicators.values_list("pk", flat=True))),
        (Strategy, set(strategies.values_list("pk", flat=True))),
        (Axis, set(axes.values_list("pk", flat=True))),
        (Programme, {programme.pk}),
    ]
    if _referenced_from_outside(shipped):
        return
    for model, pks in shipped:
        if pks:
            _delete_rows(schema_editor, model, pks)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        # Backward looks for events that serve the convention's axes.
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_convention, delete_convention_if_unused),
    ]
