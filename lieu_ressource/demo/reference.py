"""Reference data that migrations ship (audiences, the centre and other venues,
QPVs, partners, the convention's axes, the other programmes), used when present and
created when absent (the programmes are only read)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from beneficiaries.models import PriorityNeighbourhood
from events.models import Audience, Venue
from fse.models import Operation
from indicators.models import Axis, Programme
from lieu_ressource.demo.bulk import create_in_batches
from lieu_ressource.demo.places import CENTRE_VENUE, FALLBACK_QPVS, OUTSIDE_VENUES
from partners.models import Country, Organisation

CONVENTION_CODE = "convention-2020"


@dataclass
class Reference:
    audiences: dict  # code -> pk
    centre: Venue
    venues: dict  # key of OUTSIDE_VENUES -> Venue
    neighbourhoods: list
    partners: list  # every organisation but employers
    lead: Organisation
    axes: dict  # convention axis number -> pk
    # (pk, start, end, qpv_only) of the other programmes: the events held while they
    # run serve them (an FSE+ action, with operations in priority neighbourhoods,
    # only the events of axis 2, for those neighbourhoods).
    projects: list


def reference_data():
    """What migrations ship, or a stand-in created here when they did not."""
    audiences = dict(Audience.objects.values_list("code", "pk"))
    for code, (name_fr, name_de) in AUDIENCES.items():
        if code not in audiences:
            audience = Audience.objects.create(code=code, name_fr=name_fr, name_de=name_de)
            audiences[code] = audience.pk

    centre = Venue.objects.filter(is_centre=True).order_by("pk").first()
    if centre is None:
        centre = Venue.objects.create(is_centre=True, **CENTRE_VENUE)
    venues = {}
    for key, (_kind, fields) in OUTSIDE_VENUES.items():
        venue = Venue.objects.filter(name=fields["name"], city=fields["city"]).first()
        venues[key] = venue or Venue.objects.create(**fields)

    if not PriorityNeighbourhood.objects.exists():
        create_in_batches(
            PriorityNeighbourhood, [PriorityNeighbourhood(**n) for n in FALLBACK_QPVS]
        )
    neighbourhoods = list(PriorityNeighbourhood.objects.order_by("code"))

    partners = list(Organisation.objects.exclude(role=Organisation.Role.EMPLOYER).order_by("pk"))
    if not partners:
        partners = create_in_batches(Organisation, [Organisation(**p) for p in FALLBACK_PARTNERS])
    lead = next((p for p in partners if p.role == Organisation.Role.LEAD), partners[0])

    axes = Axis.objects.filter(programme__code=CONVENTION_CODE).values_list("number", "pk")
    projects = list(
        Programme.objects.exclude(code=CONVENTION_CODE)
        .annotate(qpv_only=Exists(Operation.objects.filter(programme=OuterRef("pk"))))
        .order_by("start_date")
        .values_list("pk", "start_date", "end_date", "qpv_only")
    )
    return Reference(
        audiences, centre, venues, neighbourhoods, partners, lead, dict(axes), projects
    )


# Stand-ins for what the migrations ship: French and German names, not translated strings.
AUDIENCES = {
    "job_seekers": ("Demandeurs d'emploi", "Arbeitsuchende"),
    "rsa_recipients": ("Allocataires du RSA", "RSA-Beziehende"),
    "students": ("Étudiants", "Studierende"),
    "young_people": ("Jeunes", "Junge Menschen"),
    "qpv_residents": ("Habitants des quartiers prioritaires", "Bewohner der Förderquartiere"),
    "employers": ("Employeurs", "Arbeitgeber"),
    "entrepreneurs": ("Entrepreneurs et porteurs de projet", "Gründer und Unternehmer"),
    "all_public": ("Tout public", "Alle"),
}

FALLBACK_PARTNERS = [
    {
        "name": "Maison de l'emploi de Strasbourg",
        "acronym": "MDE",
        "country": Country.FRANCE,
        "kind": Organisation.Kind.ASSOCIATION,
        "role": Organisation.Role.LEAD,
        "city": "Strasbourg",
        "is_public": True,
    },
    {
        "name": "CCI Alsace Eurométropole",
        "acronym": "CCI",
        "country": Country.FRANCE,
        "kind": Organisation.Kind.CHAMBER,
        "role": Organisation.Role.PARTNER,
        "city": "Strasbourg",
        "is_public": True,
    },
    {
        "name": "IHK Südlicher Oberrhein",
        "acronym": "IHK",
        "country": Country.GERMANY,
        "kind": Organisation.Kind.CHAMBER,
        "role": Organisation.Role.PARTNER,
        "city": "Freiburg im Breisgau",
        "is_public": True,
    },
    {
        "name": "Agentur für Arbeit Offenburg",
        "country": Country.GERMANY,
        "kind": Organisation.Kind.EMPLOYMENT_SERVICE,
        "role": Organisation.Role.PARTNER,
        "city": "Offenburg",
        "is_public": True,
    },
    {
        "name": "Mission Locale de Strasbourg",
        "country": Country.FRANCE,
        "kind": Organisation.Kind.MISSION_LOCALE,
        "role": Organisation.Role.PARTNER,
        "city": "Strasbourg",
        "is_public": True,
    },
    {
        "name": "SINGA Strasbourg",
        "country": Country.FRANCE,
        "kind": Organisation.Kind.ASSOCIATION,
        "role": Organisation.Role.PARTNER,
        "city": "Strasbourg",
        "is_public": True,
    },
    {
        "name": "Euro-Institut",
        "country": Country.GERMANY,
        "kind": Organisation.Kind.TRAINING_BODY,
        "role": Organisation.Role.PARTNER,
        "city": "Kehl",
        "is_public": True,
    },
    {
        "name": "Eurométropole de Strasbourg",
        "acronym": "EMS",
        "country": Country.FRANCE,
        "kind": Organisation.Kind.LOCAL_AUTHORITY,
        "role": Organisation.Role.PARTNER,
        "city": "Strasbourg",
        "is_public": True,
    },
]
