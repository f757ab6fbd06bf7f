"""Fictitious employers, French and German, and the sectors and HR job titles they
are drawn from."""

from datetime import timedelta

from lieu_ressource.demo.bulk import create_in_batches
from lieu_ressource.demo.places import COMMUNES
from partners.models import Contact, Country, Organisation


def create_companies(demo, size):
    """Fictitious French and German employers, each with an HR contact; returns
    (pk, country) pairs."""
    rng = demo.rng("companies")
    taken = set(Organisation.objects.values_list("name", flat=True))
    companies, contacts = [], []
    while len(companies) < size.companies:
        country = Country.GERMANY if rng.random() < 0.45 else Country.FRANCE
        language = "de" if country == Country.GERMANY else "fr"
        sector = rng.choice(COMPANY_SECTORS)
        family_name = rng.choice(demo.people.pools[language]["last"])
        city = rng.choice(COMMUNES[country])
        if country == Country.GERMANY:
            name = f"{family_name} {sector['de']} {rng.choice(('GmbH', 'GmbH & Co. KG', 'KG'))}"
        else:
            name = f"{sector['fr']} {family_name} {rng.choice(('SAS', 'SARL', 'SA'))}"
        if name in taken:
            continue
        taken.add(name)
        company = Organisation(
            name=name,
            country=country,
            kind=Organisation.Kind.COMPANY,
            role=Organisation.Role.EMPLOYER,
            city=city,
            description_fr=(
                f"Entreprise spécialisée dans {sector['activity_fr']}, installée à {city}. "
                "Recrute des profils bilingues avec l'appui du Lieu ressource."
            ),
            description_de=(
                f"Unternehmen im Bereich {sector['activity_de']} mit Sitz in {city}. "
                "Sucht mit Unterstützung des Lieu ressource zweisprachige Fachkräfte."
            ),
            # Before the first events they can take part in.
            active_since=demo.timeline.first_day - timedelta(days=rng.randint(0, 900)),
        )
        companies.append(company)
        person = demo.people.make(
            rng, language=language, domain="example.de" if language == "de" else "example.com"
        )
        contacts.append(
            Contact(
                organisation=company,
                first_name=person.first_name,
                last_name=person.last_name,
                job_title=rng.choice(HR_TITLES[language]),
                email=person.email,
                phone=person.phone,
            )
        )
    create_in_batches(Organisation, companies)
    create_in_batches(Contact, contacts)
    return [(c.pk, c.country) for c in companies]


def companies_by_country(companies):
    """The pks of the (pk, country) pairs `create_companies` returns, by country."""
    by_country = {Country.FRANCE: [], Country.GERMANY: []}
    for pk, country in companies:
        by_country.setdefault(country, []).append(pk)
    return by_country


# Texts are data content: written in French and German, not translated strings.
COMPANY_SECTORS = [
    {
        "fr": "Logistique",
        "de": "Logistik",
        "activity_fr": "la logistique",
        "activity_de": "Logistik",
    },
    {
        "fr": "Transports",
        "de": "Spedition",
        "activity_fr": "le transport routier",
        "activity_de": "Transport und Spedition",
    },
    {
        "fr": "Maintenance",
        "de": "Industrieservice",
        "activity_fr": "la maintenance industrielle",
        "activity_de": "industrielle Instandhaltung",
    },
    {
        "fr": "Menuiserie",
        "de": "Holzbau",
        "activity_fr": "la menuiserie et la construction bois",
        "activity_de": "Holzbau und Schreinerei",
    },
    {
        "fr": "Hôtel-Restaurant",
        "de": "Gastronomie",
        "activity_fr": "l'hôtellerie-restauration",
        "activity_de": "Hotellerie und Gastronomie",
    },
    {
        "fr": "Aide à domicile",
        "de": "Pflegedienst",
        "activity_fr": "l'aide à la personne",
        "activity_de": "Pflege und Betreuung",
    },
    {"fr": "Bâtiment", "de": "Bau", "activity_fr": "le bâtiment", "activity_de": "Bauwesen"},
    {
        "fr": "Informatique",
        "de": "IT-Service",
        "activity_fr": "les services informatiques",
        "activity_de": "IT-Dienstleistungen",
    },
    {
        "fr": "Commerce",
        "de": "Handel",
        "activity_fr": "le commerce de détail",
        "activity_de": "Einzelhandel",
    },
    {
        "fr": "Métallerie",
        "de": "Metallbau",
        "activity_fr": "la métallerie",
        "activity_de": "Metallbau",
    },
]
HR_TITLES = {
    "fr": ["Responsable des ressources humaines", "Chargée de recrutement", "Gérant"],
    "de": ["Personalleiterin", "Personalreferent", "Geschäftsführer"],
}
