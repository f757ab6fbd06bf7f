"""Places of the demo: the centre, the venues outside it, priority neighbourhoods and
the communes people live and companies stand in. Pure data.

Texts are data content: written in French and German, not translated strings.
"""

from partners.models import Country

# As events/migrations/0002 and 0007 ship it (used only when no centre exists).
CENTRE_VENUE = {
    "name": "Kaleidoscoop",
    "address": "6 rue Jean Monnet",
    "postcode": "67100",
    "city": "Strasbourg",
    "country": Country.FRANCE,
    "accessibility_fr": "Accès de plain-pied, sans marche.",
    "accessibility_de": "Ebenerdiger, stufenloser Zugang.",
}

# key -> (kind, fields); kind is "qpv" (a priority neighbourhood of Strasbourg),
# "town" (Kehl, Offenburg) or "site" (where companies are visited).
OUTSIDE_VENUES = {
    "hautepierre": (
        "qpv",
        {
            "name": "Espace emploi de Hautepierre",
            "address": "12 boulevard La Fontaine",
            "postcode": "67200",
            "city": "Strasbourg",
            "country": Country.FRANCE,
            "accessibility_fr": "Salle au rez-de-chaussée, accessible en fauteuil roulant.",
            "accessibility_de": "Raum im Erdgeschoss, rollstuhlgerecht.",
            "directions_fr": "Tram A ou D, arrêt Hautepierre Maillon, puis 3 minutes à pied.",
            "directions_de": (
                "Tram A oder D, Haltestelle Hautepierre Maillon, dann 3 Minuten zu Fuß."
            ),
        },
    ),
    "cronenbourg": (
        "qpv",
        {
            "name": "Salle de quartier de Cronenbourg",
            "address": "5 rue du Rieth",
            "postcode": "67200",
            "city": "Strasbourg",
            "country": Country.FRANCE,
            "accessibility_fr": "Accès par une rampe, toilettes adaptées.",
            "accessibility_de": "Zugang über eine Rampe, barrierefreie Toilette.",
            "directions_fr": "Tram F, arrêt Cronenbourg Rieth ; bus 17 arrêt Rieth.",
            "directions_de": "Tram F, Haltestelle Cronenbourg Rieth; Bus 17, Haltestelle Rieth.",
        },
    ),
    "neuhof": (
        "qpv",
        {
            "name": "Maison de quartier du Neuhof",
            "address": "14 rue de Soleure",
            "postcode": "67100",
            "city": "Strasbourg",
            "country": Country.FRANCE,
            "accessibility_fr": "Salle à l'étage avec ascenseur.",
            "accessibility_de": "Raum im Obergeschoss mit Aufzug.",
            "directions_fr": "Tram C, arrêt Neuhof Rodolphe Reuss, puis 5 minutes à pied.",
            "directions_de": "Tram C, Haltestelle Neuhof Rodolphe Reuss, dann 5 Minuten zu Fuß.",
        },
    ),
    "port-du-rhin": (
        "qpv",
        {
            "name": "Salle des fêtes du Port du Rhin",
            "address": "3 rue du Port-du-Rhin",
            "postcode": "67100",
            "city": "Strasbourg",
            "country": Country.FRANCE,
            "accessibility_fr": "Plain-pied, à deux minutes du tram D.",
            "accessibility_de": "Ebenerdig, zwei Minuten von der Tram D.",
            "directions_fr": "Tram D, arrêt Port du Rhin, puis 2 minutes à pied.",
            "directions_de": "Tram D, Haltestelle Port du Rhin, dann 2 Minuten zu Fuß.",
        },
    ),
    "kehl": (
        "town",
        {
            "name": "Bürgerzentrum Kehl",
            "address": "Hauptstraße 47",
            "postcode": "77694",
            "city": "Kehl",
            "country": Country.GERMANY,
            "accessibility_fr": "Accessible en fauteuil roulant, tram D arrêt Kehl Rathaus.",
            "accessibility_de": "Rollstuhlgerecht, Tram D Haltestelle Kehl Rathaus.",
            "directions_fr": (
                "Depuis Strasbourg : tram D direction Kehl Rathaus, terminus, puis 2 "
                "minutes à pied."
            ),
            "directions_de": (
                "Ab Straßburg: Tram D Richtung Kehl Rathaus bis zur Endhaltestelle, "
                "dann 2 Minuten zu Fuß."
            ),
        },
    ),
    "offenburg": (
        "town",
        {
            "name": "Berufsinformationszentrum Offenburg",
            "address": "Weingartenstraße 12",
            "postcode": "77654",
            "city": "Offenburg",
            "country": Country.GERMANY,
            "accessibility_fr": "Ascenseur, boucle magnétique pour malentendants.",
            "accessibility_de": "Aufzug, Induktionsschleife für Hörgeschädigte.",
            "directions_fr": (
                "Depuis Strasbourg : train régional jusqu'à Offenburg (30 minutes "
                "depuis Kehl), puis 10 minutes à pied depuis la gare."
            ),
            "directions_de": (
                "Ab Straßburg: Regionalzug nach Offenburg (30 Minuten ab Kehl), dann 10"
                " Minuten zu Fuß vom Bahnhof."
            ),
        },
    ),
    "kehl-port": (
        "site",
        {
            "name": "Logistikzentrum Hafen Kehl",
            "address": "Hafenstraße 20",
            "postcode": "77694",
            "city": "Kehl",
            "country": Country.GERMANY,
            "accessibility_fr": "Visite d'entrepôt : chaussures fermées obligatoires.",
            "accessibility_de": "Lagerbesichtigung: geschlossene Schuhe erforderlich.",
            "directions_fr": (
                "Depuis Strasbourg : tram D jusqu'à Kehl Bahnhof, puis bus 9 arrêt "
                "Hafenstraße. Rendez-vous à l'accueil du bâtiment A."
            ),
            "directions_de": (
                "Ab Straßburg: Tram D bis Kehl Bahnhof, dann Bus 9 bis Hafenstraße. "
                "Treffpunkt am Empfang von Gebäude A."
            ),
        },
    ),
    "strasbourg-port": (
        "site",
        {
            "name": "Site industriel de la zone portuaire",
            "address": "18 rue du Havre",
            "postcode": "67100",
            "city": "Strasbourg",
            "country": Country.FRANCE,
            "accessibility_fr": "Équipements de sécurité fournis sur place.",
            "accessibility_de": "Schutzausrüstung wird vor Ort gestellt.",
            "directions_fr": "Bus 2, arrêt Havre ; rendez-vous devant le portail principal.",
            "directions_de": "Bus 2, Haltestelle Havre; Treffpunkt vor dem Haupttor.",
        },
    ),
    "offenburg-west": (
        "site",
        {
            "name": "Gewerbegebiet Offenburg-West",
            "address": "Industriestraße 8",
            "postcode": "77656",
            "city": "Offenburg",
            "country": Country.GERMANY,
            "accessibility_fr": "Atelier de plain-pied ; parking sur place.",
            "accessibility_de": "Ebenerdige Werkstatt; Parkplätze vor Ort.",
            "directions_fr": (
                "Depuis Strasbourg : train régional jusqu'à Offenburg, puis bus 3 arrêt"
                " Industriestraße. Covoiturage proposé depuis le Lieu ressource : "
                "demandez à l'équipe."
            ),
            "directions_de": (
                "Ab Straßburg: Regionalzug nach Offenburg, dann Bus 3 bis "
                "Industriestraße. Fahrgemeinschaft ab dem Lieu ressource: fragen Sie "
                "das Team."
            ),
        },
    ),
    "reichstett": (
        "site",
        {
            "name": "Ecoparc de Reichstett",
            "address": "2 rue de la Raffinerie",
            "postcode": "67116",
            "city": "Reichstett",
            "country": Country.FRANCE,
            "accessibility_fr": "Navette depuis l'arrêt de bus Reichstett Mairie.",
            "accessibility_de": "Shuttle ab der Bushaltestelle Reichstett Mairie.",
            "directions_fr": (
                "Bus 70 depuis la gare de Strasbourg, arrêt Reichstett Mairie, puis la navette."
            ),
            "directions_de": (
                "Bus 70 ab Bahnhof Straßburg, Haltestelle Reichstett Mairie, dann der Shuttle."
            ),
        },
    ),
}

FALLBACK_QPVS = [
    {"code": "port-du-rhin", "name": "Port du Rhin", "commune": "Strasbourg"},
    {"code": "hautepierre", "name": "Hautepierre", "commune": "Strasbourg"},
    {"code": "cronenbourg", "name": "Cronenbourg", "commune": "Strasbourg"},
    {"code": "neuhof-meinau", "name": "Neuhof – Meinau", "commune": "Strasbourg"},
    {"code": "elsau", "name": "Elsau", "commune": "Strasbourg"},
    {"code": "koenigshoffen-est", "name": "Koenigshoffen Est", "commune": "Strasbourg"},
    {"code": "marais", "name": "Marais", "commune": "Schiltigheim"},
    {"code": "guirbaden", "name": "Guirbaden", "commune": "Bischheim"},
]

# Where people live and companies stand; Strasbourg and Kehl are listed more than
# once to weigh the draw.
COMMUNES = {
    Country.FRANCE: [
        "Strasbourg",
        "Strasbourg",
        "Strasbourg",
        "Schiltigheim",
        "Bischheim",
        "Illkirch-Graffenstaden",
        "Lingolsheim",
        "Hoenheim",
        "Ostwald",
        "Haguenau",
    ],
    Country.GERMANY: ["Kehl", "Kehl", "Offenburg", "Lahr/Schwarzwald", "Achern", "Willstätt"],
}
