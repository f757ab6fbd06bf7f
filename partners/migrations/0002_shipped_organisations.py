"""The partner organisations the portal ships with.

The lead and the partners of the Interreg project "Lieu ressource transfrontalier
pour l'emploi" (seed 000), plus the Département du Bas-Rhin, partner of the 2020
convention (seed 001), named as in the convention although it has been part of the
Collectivité européenne d'Alsace since 2021.

Forward creates each organisation by name if it is missing and never changes one that
staff already edited. Backward deletes only the shipped organisations that nothing
points to (events, followed people, outcomes, contacts); the others stay.
"""

from django.db import migrations

FR, DE = "FR", "DE"

# (name, acronym, country, kind, role, city, description_fr, description_de)
ORGANISATIONS = [
    (
        "Maison de l'emploi de Strasbourg",
        "MDE",
        FR,
        "association",
        "lead",
        "Strasbourg",
        "Porteuse du Lieu ressource transfrontalier pour l'emploi, la Maison de l'emploi "
        "de Strasbourg conduit avec les entreprises et les acteurs de l'emploi des "
        "programmes pour l'emploi et les compétences dans le bassin Strasbourg-Ortenau.",
        "Die Maison de l'emploi de Strasbourg trägt das grenzüberschreitende "
        "Ressourcenzentrum für Beschäftigung und führt mit Unternehmen und Akteuren des "
        "Arbeitsmarkts Programme für Beschäftigung und Kompetenzen im Raum "
        "Straßburg-Ortenau durch.",
    ),
    (
        "CCI Alsace Eurométropole",
        "CCI",
        FR,
        "chamber",
        "partner",
        "Strasbourg",
        "Chambre de commerce et d'industrie qui représente et accompagne les entreprises "
        "du commerce, de l'industrie et des services en Alsace.",
        "Industrie- und Handelskammer, die die Unternehmen aus Handel, Industrie und "
        "Dienstleistungen im Elsass vertritt und begleitet.",
    ),
    (
        "IHK Südlicher Oberrhein",
        "IHK",
        DE,
        "chamber",
        "partner",
        "Freiburg im Breisgau",
        "Chambre de commerce et d'industrie allemande qui représente et accompagne les "
        "entreprises du Rhin supérieur méridional, dont l'Ortenau.",
        "Industrie- und Handelskammer, die die Unternehmen am südlichen Oberrhein, "
        "darunter in der Ortenau, vertritt und begleitet.",
    ),
    (
        "SINGA Global",
        "",
        FR,
        "association",
        "partner",
        "",
        "Réseau international qui crée des liens entre personnes réfugiées ou migrantes "
        "et sociétés d'accueil, notamment autour de l'entrepreneuriat.",
        "Internationales Netzwerk, das geflüchtete und zugewanderte Menschen mit der "
        "Aufnahmegesellschaft zusammenbringt, insbesondere rund um das Gründen.",
    ),
    (
        "SINGA Strasbourg",
        "",
        FR,
        "association",
        "partner",
        "Strasbourg",
        "Antenne strasbourgeoise du réseau SINGA, qui accompagne les personnes réfugiées "
        "et migrantes dans leurs projets professionnels et entrepreneuriaux.",
        "Straßburger Standort des SINGA-Netzwerks, der geflüchtete und zugewanderte "
        "Menschen bei ihren beruflichen Plänen und Gründungsvorhaben begleitet.",
    ),
    (
        "Impact Hub",
        "",
        DE,
        "other",
        "partner",
        "Karlsruhe",
        "Espace de travail partagé et réseau de soutien à l'entrepreneuriat à impact social.",
        "Coworking-Ort und Netzwerk zur Förderung von Gründungen mit sozialer Wirkung.",
    ),
    (
        "Euro-Institut",
        "",
        DE,
        "training_body",
        "partner",
        "Kehl",
        "Institut franco-allemand de formation et de conseil pour la coopération "
        "transfrontalière, installé à Kehl.",
        "Deutsch-französisches Institut für Weiterbildung und Beratung in der "
        "grenzüberschreitenden Zusammenarbeit mit Sitz in Kehl.",
    ),
    (
        "Mission Locale de Schiltigheim",
        "",
        FR,
        "mission_locale",
        "partner",
        "Schiltigheim",
        "Mission locale qui accompagne les jeunes de 16 à 25 ans vers l'emploi et la formation.",
        "Mission locale, die junge Menschen von 16 bis 25 Jahren auf dem Weg in "
        "Beschäftigung und Ausbildung begleitet.",
    ),
    (
        "Agentur für Arbeit Offenburg",
        "",
        DE,
        "employment_service",
        "partner",
        "Offenburg",
        "Agence pour l'emploi allemande compétente pour l'Ortenau ; elle participe au "
        "Service de placement transfrontalier de Kehl.",
        "Für die Ortenau zuständige Agentur für Arbeit; sie wirkt am "
        "grenzüberschreitenden Vermittlungsservice in Kehl mit.",
    ),
    (
        "Kaleidoscoop",
        "",
        FR,
        "other",
        "partner",
        "Strasbourg",
        "Tiers-lieu coopératif du Port du Rhin consacré à l'emploi, à l'économie sociale "
        "et solidaire et à la coopération franco-allemande, qui accueille le Lieu "
        "ressource.",
        "Genossenschaftlicher Third Place im Straßburger Viertel Port du Rhin für "
        "Beschäftigung, Sozial- und Solidarwirtschaft und deutsch-französische "
        "Zusammenarbeit, in dem das Ressourcenzentrum untergebracht ist.",
    ),
    (
        "SINGA Stuttgart",
        "",
        DE,
        "association",
        "partner",
        "Stuttgart",
        "Antenne du réseau SINGA à Stuttgart, qui accompagne les personnes réfugiées et "
        "migrantes dans leurs projets professionnels et entrepreneuriaux.",
        "Stuttgarter Standort des SINGA-Netzwerks, der geflüchtete und zugewanderte "
        "Menschen bei ihren beruflichen Plänen und Gründungsvorhaben begleitet.",
    ),
    (
        "Initiative Strasbourg",
        "",
        FR,
        "association",
        "partner",
        "Strasbourg",
        "Association du réseau Initiative France qui accorde des prêts d'honneur et "
        "accompagne les créateurs et repreneurs d'entreprise.",
        "Verein des Netzwerks Initiative France, der zinslose Ehrendarlehen vergibt und "
        "Gründerinnen, Gründer und Übernehmende von Unternehmen begleitet.",
    ),
    (
        "Mission Locale de Strasbourg",
        "",
        FR,
        "mission_locale",
        "partner",
        "Strasbourg",
        "Mission locale qui accompagne les jeunes de 16 à 25 ans vers l'emploi et la formation.",
        "Mission locale, die junge Menschen von 16 bis 25 Jahren auf dem Weg in "
        "Beschäftigung und Ausbildung begleitet.",
    ),
    (
        "La Chambre de métiers d'Alsace",
        "CMA",
        FR,
        "chamber",
        "partner",
        "Schiltigheim",
        "Chambre consulaire qui représente et accompagne les entreprises artisanales "
        "d'Alsace et l'apprentissage dans l'artisanat.",
        "Handwerkskammer, die die Handwerksbetriebe im Elsass und die Ausbildung im "
        "Handwerk vertritt und begleitet.",
    ),
    (
        "Club d'affaires franco-allemand du Rhin supérieur",
        "",
        FR,
        "association",
        "partner",
        "",
        "Réseau de dirigeants et de cadres d'entreprises français et allemands du Rhin supérieur.",
        "Netzwerk von Führungskräften deutscher und französischer Unternehmen am Oberrhein.",
    ),
    (
        "L'Atelier - Ecole de la deuxième chance",
        "E2C",
        FR,
        "training_body",
        "partner",
        "Strasbourg",
        "École de la deuxième chance qui accompagne vers la formation et l'emploi des "
        "jeunes sortis du système scolaire sans diplôme ni qualification.",
        "Schule der zweiten Chance, die junge Menschen ohne Abschluss und Qualifikation "
        "auf dem Weg in Ausbildung und Beschäftigung begleitet.",
    ),
    (
        "Région Grand Est",
        "",
        FR,
        "local_authority",
        "partner",
        "Strasbourg",
        "Collectivité régionale compétente notamment pour le développement économique et "
        "la formation professionnelle.",
        "Französische Region, zuständig unter anderem für Wirtschaftsförderung und "
        "berufliche Bildung.",
    ),
    (
        "Black Forest Innovation GmbH",
        "",
        DE,
        "other",
        "partner",
        "",
        "Partenaire allemand du Lieu ressource transfrontalier pour l'emploi.",
        "Deutscher Partner des grenzüberschreitenden Ressourcenzentrums für Beschäftigung.",
    ),
    (
        "Office franco-allemand pour la Jeunesse",
        "OFAJ",
        FR,
        "other",
        "partner",
        "Paris",
        "Organisation internationale qui soutient les échanges et la mobilité des jeunes "
        "entre la France et l'Allemagne.",
        "Internationale Organisation (Deutsch-Französisches Jugendwerk, DFJW), die den "
        "Austausch und die Mobilität junger Menschen zwischen Deutschland und Frankreich "
        "fördert.",
    ),
    (
        "Eurométropole de Strasbourg",
        "EMS",
        FR,
        "local_authority",
        "partner",
        "Strasbourg",
        "Intercommunalité de Strasbourg et des communes voisines, compétente notamment "
        "pour le développement économique et la politique de la ville.",
        "Gemeindeverband von Straßburg und den Nachbargemeinden, zuständig unter anderem "
        "für Wirtschaftsförderung und Stadtpolitik.",
    ),
    (
        "Université de Strasbourg",
        "Unistra",
        FR,
        "university",
        "partner",
        "Strasbourg",
        "Université pluridisciplinaire de Strasbourg.",
        "Volluniversität in Straßburg.",
    ),
    (
        "Département du Bas-Rhin",
        "",
        FR,
        "local_authority",
        "associated",
        "Strasbourg",
        "Signataire de la convention de partenariat 2020 avec la Maison de l'emploi ; "
        "ses compétences sont exercées depuis 2021 par la Collectivité européenne "
        "d'Alsace.",
        "Unterzeichner der Partnerschaftsvereinbarung 2020 mit der Maison de l'emploi; "
        "seine Aufgaben nimmt seit 2021 die Europäische Gebietskörperschaft Elsass wahr.",
    ),
]


# Backward works by primary key and plain SQL, not with model instances and the
# ORM's cascading delete: when several migrations are unapplied in one run, the
# related models Django hands over may be rendered against another version of a
# model's class, and the ORM then refuses to query them with its instances.


def _is_referenced(obj):
    """Whether any row (events, followed people, outcomes, contacts) points to obj."""
    for relation in obj._meta.related_objects:
        rows = relation.related_model._base_manager.filter(**{relation.field.name: obj.pk})
        if rows.exists():
            return True
    return False


def _delete_row(schema_editor, obj):
    """Delete obj's row; only for rows nothing points to."""
    quote = schema_editor.quote_name
    table, pk = quote(obj._meta.db_table), quote(obj._meta.pk.column)
    schema_editor.execute(f"DELETE FROM {table} WHERE {pk} = %s", [obj.pk])


def create_organisations(apps, schema_editor):
    Organisation = apps.get_model("partners", "Organisation")
    for name, acronym, country, kind, role, city, description_fr, description_de in ORGANISATIONS:
        Organisation.objects.get_or_create(
            name=name,
            defaults={
                "acronym": acronym,
                "country": country,
                "kind": kind,
                "role": role,
                "city": city,
                "description": description_fr,
                "description_fr": description_fr,
                "description_de": description_de,
                "is_public": True,
            },
        )


def delete_unused_organisations(apps, schema_editor):
    Organisation = apps.get_model("partners", "Organisation")
    names = [row[0] for row in ORGANISATIONS]
    for organisation in Organisation.objects.filter(name__in=names):
        if not _is_referenced(organisation):
            _delete_row(schema_editor, organisation)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        # Backward looks for rows of these apps that point to an organisation.
        ("beneficiaries", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_organisations, delete_unused_organisations),
    ]
