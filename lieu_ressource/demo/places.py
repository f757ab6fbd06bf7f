"""Places of the demo: the centre, the venues outside it, priority neighbourhoods and
the communes people live and companies stand in. Pure data.

Texts are data content: written in French and German, not translated strings.
"""

from partners.models import Country

# As events/migrations/0002 ships it.
CENTRE_VENUE = {
    "name": "Kaleidoscoop",
    "address": "Quartier du Port du Rhin",
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
