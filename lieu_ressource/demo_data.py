"""Deterministic, fictitious demo data for the whole domain, written in bulk.

`build_demo_data()` fills a fresh database with events of every format and language
over past and coming months, registrations, attendance, followed people with their
pathways and outcomes, fictitious companies and demo accounts. The same seed and the
same "today" give the same rows. Reference data that migrations ship (audiences, the
centre, QPVs, partners, the convention's axes) is used when present and created when
absent. Every person and company is invented; emails use example.org, example.com
and example.de, phone numbers the ranges reserved for fiction in France and Germany.

Nothing is written row by row: `bulk_create` in batches, and `_insert` (COPY on
PostgreSQL, executemany elsewhere) for the largest tables, registrations, attendance
and contact notes, so that `--scale 250` takes two to three minutes.
"""

import math
import random
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, reset_queries, transaction
from django.utils import translation
from django.utils.text import slugify
from faker import Faker

from beneficiaries.models import (
    Beneficiary,
    ContactNote,
    Outcome,
    Pathway,
    PriorityNeighbourhood,
)
from events.models import Attendance, Audience, Event, EventOrganisation, Registration, Venue
from indicators.models import Axis
from lieu_ressource import roles
from partners.models import Contact, Country, Organisation

PARIS = ZoneInfo("Europe/Paris")
DEMO_PASSWORD = "lieu-ressource-demo"
ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.org"
CONVENTION_CODE = "convention-2020"
BATCH_SIZE = 2000
# Registrations, attendance and contact notes are written every this many rows, so
# that memory stays flat whatever the scale.
FLUSH_EVERY = 10_000
PAST_DAYS = 240
COMING_DAYS = 90


@dataclass(frozen=True)
class DemoSize:
    """How many rows of each kind a scale gives."""

    events: int
    beneficiaries: int
    registrations: int
    companies: int
    referents: int


def demo_size(scale):
    """Row counts for a scale: round(100 × scale) events, round(200 × scale)
    beneficiaries, round(2000 × scale) registrations, with floors (12, 20, 60) that
    keep every kind of row present at tiny scales."""
    if scale <= 0:
        raise ValueError("The scale must be positive.")
    beneficiaries = max(20, round(200 * scale))
    return DemoSize(
        events=max(12, round(100 * scale)),
        beneficiaries=beneficiaries,
        registrations=max(60, round(2000 * scale)),
        companies=max(12, round(40 * math.sqrt(scale))),
        referents=4 + beneficiaries // 2500,
    )


@dataclass(frozen=True)
class DemoAccount:
    role: str  # "superuser", "staff", "committee" or "partner_referent"
    email: str
    username: str
    created: bool


@dataclass
class DemoSummary:
    """What `build_demo_data` wrote, for the command to print."""

    counts: dict
    accounts: list
    password: str = DEMO_PASSWORD


def build_demo_data(*, seed, scale, today):
    """Fill a fresh database with the demo data of `seed` and `today`, in one
    transaction; returns what was written."""
    size = demo_size(scale)
    demo = _Demo(seed=seed, today=today)
    # Translated fields keep a base column too: it holds the French text.
    with translation.override("fr"), _given_timestamps(), transaction.atomic():
        reference = _reference_data()
        accounts, referent_ids = _accounts(demo, size, reference)
        companies = _companies(demo, size)
        followed = _beneficiaries(demo, size, reference, referent_ids)
        pathways = _pathways(demo, followed)
        contact_notes = _contact_notes(demo, followed)
        outcomes = _outcomes(demo, followed, companies)
        plans = _events(demo, size, reference, companies)
        counts = _registrations_and_attendance(demo, size, plans, followed, referent_ids)
    counts.update(
        events=len(plans),
        past_events=sum(plan.start < demo.now for plan in plans),
        beneficiaries=len(followed),
        pathways=pathways,
        outcomes=outcomes,
        contact_notes=contact_notes,
        companies=len(companies),
    )
    return DemoSummary(counts=counts, accounts=accounts)


class _Demo:
    """The seed, the anchor day, the random streams and the people they invent."""

    def __init__(self, *, seed, today):
        self.seed = seed
        self.today = today
        # Midnight of the anchor day: what starts before is past, and every
        # registration and attendance is dated before it.
        self.now = datetime.combine(today, time.min, tzinfo=PARIS)
        self.people = _People(seed)

    def rng(self, section):
        # One stream per section: more events do not reshuffle the beneficiaries.
        return random.Random(f"{self.seed}:{section}")

    def moment(self, day, hour, minute=0):
        return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


@contextmanager
def _given_timestamps():
    """Let bulk_create keep the creation dates we compute, so that the demo has a
    believable history instead of every row dated today."""
    fields = [
        Event._meta.get_field("created_at"),
        Event._meta.get_field("updated_at"),
        Beneficiary._meta.get_field("created_at"),
        Beneficiary._meta.get_field("updated_at"),
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _weighted(rng, weights):
    """One key of a {key: weight} dict, drawn by weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _in_batches(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _bulk(model, rows):
    """bulk_create in batches; returns the rows, their primary keys set."""
    for batch in _in_batches(rows):
        model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        # With DEBUG on, Django keeps the SQL of the last 9,000 queries: at large
        # scales these inserts alone would hold hundreds of megabytes.
        reset_queries()
    return rows


def _insert(model, rows):
    """Write named tuples, whose names are the model's field attnames, to its table.

    For the largest tables only (registrations, attendance, contact notes):
    preparing an instance per row through bulk_create costs three times as much on
    SQLite, and PostgreSQL's COPY is five times faster than its INSERTs. Primary keys
    are left to the database unless the rows carry an `id`. SQLite gets an
    executemany with datetimes and UUIDs adapted as the ORM does; psycopg adapts
    them itself for COPY. The database still checks every constraint.
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0]._fields]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        adapters = []
        for i, f in enumerate(fields):
            if isinstance(f, models.DateTimeField):
                adapters.append((i, connection.ops.adapt_datetimefield_value))
            elif isinstance(f, models.UUIDField):
                adapters.append((i, lambda value, f=f: f.get_db_prep_value(value, connection)))
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        for batch in _in_batches(rows):
            params = []
            for row in batch:
                values = list(row)
                for i, adapt in adapters:
                    if values[i] is not None:
                        values[i] = adapt(values[i])
                params.append(values)
            cursor.executemany(sql, params)
            reset_queries()


# People ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Person:
    first_name: str
    last_name: str
    email: str
    phone: str
    language: str


class _People:
    """Invents people from Faker name pools (fr_FR, de_DE) seeded from the seed.

    The pools are drawn once; our own random streams combine them, which is fast at
    any scale. Emails are unique across all demo people.
    """

    def __init__(self, seed):
        self.pools = {}
        for language, locale in (("fr", "fr_FR"), ("de", "de_DE")):
            fake = Faker(locale)
            fake.seed_instance(seed)
            self.pools[language] = {
                "F": _unique(fake.first_name_female() for _ in range(300)),
                "M": _unique(fake.first_name_male() for _ in range(300)),
                "last": _unique(fake.last_name() for _ in range(600)),
            }
        self.emails_seen = {}

    def make(self, rng, *, language=None, sex=None, domain=None):
        language = language or ("fr" if rng.random() < 0.7 else "de")
        pool = self.pools[language]
        first = rng.choice(pool["M" if sex == "M" or (not sex and rng.random() < 0.48) else "F"])
        last = rng.choice(pool["last"])
        local = f"{slugify(first) or 'contact'}.{slugify(last) or 'contact'}"
        seen = self.emails_seen.get(local, 0)
        self.emails_seen[local] = seen + 1
        if seen:
            local = f"{local}{seen + 1}"
        if domain is None:
            domain = (
                "example.de" if language == "de" else rng.choice(("example.org", "example.com"))
            )
        return _Person(first, last, f"{local}@{domain}", _phone(rng, language), language)


def _unique(names):
    return list(dict.fromkeys(names))


def _phone(rng, language):
    # Ranges set aside for fiction by ARCEP (France) and the Bundesnetzagentur.
    if language == "de":
        return f"{rng.choice(('+49 30 23125', '+49 69 90009'))}{rng.randrange(1000):03d}"
    prefix = rng.choice(("+33 6 39 98", "+33 1 99 00"))
    return f"{prefix} {rng.randrange(100):02d} {rng.randrange(100):02d}"


# Reference data ---------------------------------------------------------------------


@dataclass
class _Reference:
    audiences: dict  # code -> pk
    centre: Venue
    venues: dict  # key of OUTSIDE_VENUES -> Venue
    neighbourhoods: list
    partners: list  # every organisation but employers
    lead: Organisation
    axes: dict  # convention axis number -> pk


def _reference_data():
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
        _bulk(PriorityNeighbourhood, [PriorityNeighbourhood(**n) for n in FALLBACK_QPVS])
    neighbourhoods = list(PriorityNeighbourhood.objects.order_by("code"))

    partners = list(Organisation.objects.exclude(role=Organisation.Role.EMPLOYER).order_by("pk"))
    if not partners:
        partners = _bulk(Organisation, [Organisation(**p) for p in FALLBACK_PARTNERS])
    lead = next((p for p in partners if p.role == Organisation.Role.LEAD), partners[0])

    axes = Axis.objects.filter(programme__code=CONVENTION_CODE).values_list("number", "pk")
    return _Reference(audiences, centre, venues, neighbourhoods, partners, lead, dict(axes))


# Accounts ---------------------------------------------------------------------------


def _accounts(demo, size, reference):
    """The demo superuser, staff referents, a comité de suivi member and a partner
    referent, all with the demo password. Accounts already there are left alone."""
    User = get_user_model()
    rng = demo.rng("accounts")
    wanted = [("superuser", ADMIN_USERNAME, ADMIN_EMAIL, "Admin", "Démo")]
    for _ in range(size.referents):
        person = demo.people.make(rng, language="fr", domain="example.org")
        wanted.append(
            ("staff", person.email.split("@")[0], person.email, person.first_name, person.last_name)
        )
    wanted.append(("committee", "comite", "comite@example.org", "Claire", "Comité"))
    wanted.append(
        (
            "partner_referent",
            "referent.partenaire",
            "referent.partenaire@example.org",
            "Paul",
            "Partenaire",
        )
    )
    groups = {
        "superuser": roles.STAFF,
        "staff": roles.STAFF,
        "committee": roles.COMMITTEE,
        "partner_referent": roles.PARTNER_REFERENT,
    }
    group_by_name = {g.name: g for g in Group.objects.filter(name__in=groups.values())}
    existing = {u.username: u for u in User.objects.filter(username__in=[w[1] for w in wanted])}
    # One hash for all: the demo password is public anyway, and hashing is slow on purpose.
    password = make_password(DEMO_PASSWORD)

    accounts, referent_ids = [], []
    for role, username, email, first_name, last_name in wanted:
        user = existing.get(username)
        if user is None:
            user = User.objects.create(
                username=username,
                email=email,
                first_name=first_name,
                last_name=last_name,
                password=password,
                is_staff=role in ("superuser", "staff"),
                is_superuser=role == "superuser",
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            if groups[role] in group_by_name:
                user.groups.add(group_by_name[groups[role]])
            if role == "partner_referent":
                Contact.objects.create(
                    organisation=_referring_partner(reference),
                    first_name=first_name,
                    last_name=last_name,
                    job_title="Conseiller référent",
                    email=email,
                    user=user,
                )
        accounts.append(DemoAccount(role, user.email, user.username, username not in existing))
        if role == "staff":
            referent_ids.append(user.pk)
    return accounts, referent_ids


def _referring_partner(reference):
    kinds = (Organisation.Kind.MISSION_LOCALE, Organisation.Kind.EMPLOYMENT_SERVICE)
    return next((p for p in reference.partners if p.kind in kinds), reference.partners[0])


# Companies --------------------------------------------------------------------------


def _companies(demo, size):
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
            active_since=demo.today - timedelta(days=rng.randint(60, 900)),
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
    _bulk(Organisation, companies)
    _bulk(Contact, contacts)
    return [(c.pk, c.country) for c in companies]


# Beneficiaries, pathways, outcomes --------------------------------------------------

B = Beneficiary
SITUATIONS = list(B.Situation)
SITUATION_WEIGHTS = {
    B.Situation.JOB_SEEKER: 30,
    B.Situation.LONG_TERM_UNEMPLOYED: 15,
    B.Situation.RSA: 22,
    B.Situation.STUDENT: 13,
    B.Situation.EMPLOYED: 10,
    B.Situation.INACTIVE: 10,
}
SEX_WEIGHTS = {B.Sex.FEMALE: 51, B.Sex.MALE: 46, B.Sex.OTHER: 1, "": 2}
EDUCATION_WEIGHTS = {
    B.Education.NONE: 15,
    B.Education.LEVEL_3: 22,
    B.Education.LEVEL_4: 25,
    B.Education.LEVEL_5: 15,
    B.Education.LEVEL_6: 13,
    B.Education.LEVEL_7: 8,
    "": 2,
}
GL = B.GermanLevel
GERMAN_LEVEL_WEIGHTS = {
    Country.GERMANY: {GL.C2: 40, GL.C1: 25, GL.B2: 15, GL.B1: 10, "": 10},
    Country.FRANCE: {
        GL.NONE: 25,
        GL.A1: 20,
        GL.A2: 20,
        GL.B1: 15,
        GL.B2: 10,
        GL.C1: 5,
        GL.C2: 2,
        "": 3,
    },
}
SCHEMES = list(Pathway.Scheme)
PATHWAY_STATUSES = list(Pathway.Status)
CONTRACTS = list(Outcome.Contract)
# The first beneficiaries take one situation each and an outcome that suits it, and
# the next ones a job under each contract, so that tiny scales show every kind.
FORCED_OUTCOMES = {
    B.Situation.JOB_SEEKER: Outcome.Kind.JOB,
    B.Situation.LONG_TERM_UNEMPLOYED: Outcome.Kind.TRAINING,
    B.Situation.RSA: Outcome.Kind.RSA_EXIT,
    B.Situation.STUDENT: Outcome.Kind.QUALIFICATION,
    B.Situation.EMPLOYED: Outcome.Kind.BUSINESS_CREATION,
    B.Situation.INACTIVE: Outcome.Kind.PLACEMENT_REFERRAL,
}
OUTCOME_WEIGHTS = {
    Outcome.Kind.JOB: 42,
    Outcome.Kind.TRAINING: 20,
    Outcome.Kind.QUALIFICATION: 10,
    Outcome.Kind.BUSINESS_CREATION: 5,
    Outcome.Kind.RSA_EXIT: 12,
    Outcome.Kind.PLACEMENT_REFERRAL: 11,
}
C = Outcome.Contract
CONTRACT_WEIGHTS = {
    Country.FRANCE: {
        C.CDI: 30,
        C.CDD_LONG: 25,
        C.CDD_SHORT: 15,
        C.INTERIM: 20,
        C.APPRENTICESHIP: 10,
    },
    Country.GERMANY: {
        C.CDI: 35,
        C.CDD_LONG: 20,
        C.CDD_SHORT: 10,
        C.INTERIM: 15,
        C.MINIJOB: 12,
        C.APPRENTICESHIP: 8,
    },
}
del B, GL, C


@dataclass(slots=True)
class _Followed:
    pk: int
    index: int
    situation: str
    country: str
    qpv: bool
    entry: date
    exit: date | None
    person: _Person
    referent_id: int | None


def _beneficiaries(demo, size, reference, referent_ids):
    rng = demo.rng("beneficiaries")
    today = demo.today
    rows, followed = [], []
    for i in range(size.beneficiaries):
        forced = i < len(SITUATIONS)
        situation = SITUATIONS[i] if forced else _weighted(rng, SITUATION_WEIGHTS)
        sex = ("F", "M", "X")[i] if i < 3 else _weighted(rng, SEX_WEIGHTS)
        lives_in_germany = i in (1, 4) or (not forced and rng.random() < 0.18)
        country = Country.GERMANY if lives_in_germany else Country.FRANCE
        language = "de" if lives_in_germany and rng.random() < 0.8 else "fr"
        person = demo.people.make(rng, language=language, sex=sex)
        neighbourhood = None
        if not lives_in_germany and reference.neighbourhoods and rng.random() < 0.45:
            neighbourhood = _pick_neighbourhood(rng, reference.neighbourhoods)
            # Some QPVs straddle two communes ("Bischheim, Schiltigheim").
            commune = rng.choice([c.strip() for c in neighbourhood.commune.split(",")])
        else:
            commune = rng.choice(COMMUNES[country])
        if situation == Beneficiary.Situation.STUDENT:
            age = rng.randint(18, 27)
        else:
            age = round(rng.triangular(19, 62, 33))
        entry = today - timedelta(days=rng.randint(120 if forced else 0, 540))
        exit_date = None
        followed_days = (today - entry).days
        if not forced and followed_days > 60 and rng.random() < 0.35:
            exit_date = entry + timedelta(days=rng.randint(60, min(400, followed_days)))
        created = demo.moment(entry, rng.randint(9, 17), rng.randrange(60))
        consent = rng.random() < 0.97
        referent_id = rng.choice(referent_ids) if referent_ids and rng.random() < 0.92 else None
        rows.append(
            Beneficiary(
                reference=f"LR-{i + 1:06d}",
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email if rng.random() < 0.88 else "",
                phone=person.phone if rng.random() < 0.75 else "",
                birth_year=today.year - age,
                sex=sex,
                country=country,
                commune=commune,
                neighbourhood=neighbourhood,
                situation=situation,
                education=_weighted(rng, EDUCATION_WEIGHTS),
                german_level=_weighted(rng, GERMAN_LEVEL_WEIGHTS[country]),
                referring_organisation=(
                    _referrer(rng, reference.partners) if rng.random() < 0.88 else None
                ),
                referent_id=referent_id,
                consent_at=created if consent else None,
                consent_scope=CONSENT_SCOPE if consent else "",
                entry_date=entry,
                exit_date=exit_date,
                created_at=created,
                updated_at=created,
            )
        )
        qpv = neighbourhood is not None
        followed.append(
            _Followed(0, i, situation, country, qpv, entry, exit_date, person, referent_id)
        )
    _bulk(Beneficiary, rows)
    for row, item in zip(rows, followed, strict=True):
        item.pk = row.pk
    return followed


# Who sends people to the centre: mostly the employment services and missions
# locales, then associations and the Département (for RSA recipients).
REFERRER_WEIGHTS = {
    Organisation.Kind.MISSION_LOCALE: 8,
    Organisation.Kind.EMPLOYMENT_SERVICE: 8,
    Organisation.Kind.ASSOCIATION: 3,
    Organisation.Kind.LOCAL_AUTHORITY: 3,
    Organisation.Kind.TRAINING_BODY: 2,
}


def _referrer(rng, partners):
    weights = [REFERRER_WEIGHTS.get(p.kind, 1) for p in partners]
    return rng.choices(partners, weights=weights)[0]


def _pick_neighbourhood(rng, neighbourhoods):
    # The centre stands in Port du Rhin: its residents are its first public.
    weights = [3 if n.code == "port-du-rhin" else 1 for n in neighbourhoods]
    return rng.choices(neighbourhoods, weights=weights)[0]


def _pathways(demo, followed):
    rng = demo.rng("pathways")
    today = demo.today
    S = Pathway.Status
    rows = []
    for item in followed:
        forced = item.index < len(SCHEMES)
        count = 1 if forced else _weighted(rng, {0: 8, 1: 75, 2: 17})
        last_day = item.exit or today
        for n in range(count):
            if forced:
                scheme = SCHEMES[item.index]
            else:
                scheme = _weighted(rng, _scheme_weights(item))
            start = min(item.entry + timedelta(days=rng.randint(0, 30) + 120 * n), last_day)
            length = 90 if scheme == Pathway.Scheme.TREMPLIN else rng.randint(120, 365)
            planned_end = start + timedelta(days=length)
            if forced:
                status = PATHWAY_STATUSES[item.index % len(PATHWAY_STATUSES)]
            elif item.exit:
                status = _weighted(rng, {S.COMPLETED: 65, S.ABANDONED: 35})
            elif planned_end < today:
                # Some overdue pathways stay open: the drop-out risks of the referents.
                status = _weighted(rng, {S.COMPLETED: 70, S.ABANDONED: 15, S.OPEN: 15})
            else:
                status = _weighted(rng, {S.OPEN: 92, S.ABANDONED: 8})
            end = None
            if status == S.COMPLETED:
                end = min(planned_end, last_day)
            elif status == S.ABANDONED:
                end = start + timedelta(days=rng.randint(0, min((last_day - start).days, length)))
            rows.append(
                Pathway(
                    beneficiary_id=item.pk,
                    scheme=scheme,
                    start_date=start,
                    end_date=end,
                    status=status,
                )
            )
    _bulk(Pathway, rows)
    return len(rows)


def _scheme_weights(item):
    P = Pathway.Scheme
    return {
        P.TREMPLIN: 25,
        P.FOCALE: 12,
        P.GPTEC: 12,
        P.PEER_SUPPORT: 18 if item.qpv else 6,
        P.CITE_EMPLOI: 15 if item.qpv else 3,
        P.OTHER: 10,
    }


class _ContactNoteRow(NamedTuple):
    beneficiary_id: int
    date: date
    channel: str
    text: str
    author_id: int | None
    created_at: datetime


def _contact_notes(demo, followed):
    """Contacts every three to eight weeks while a person is followed. Some people
    in progress have had none for weeks: the drop-out risks their referents see."""
    rng = demo.rng("contact notes")
    last_day = demo.today - timedelta(days=1)
    rows, written = [], 0
    for item in followed:
        until = item.exit or last_day
        if item.exit is None and rng.random() < 0.15:
            until = last_day - timedelta(weeks=rng.randint(7, 16))
        day = item.entry + timedelta(days=rng.randint(0, 7))
        while day <= until:
            rows.append(
                _ContactNoteRow(
                    beneficiary_id=item.pk,
                    date=day,
                    channel=_weighted(rng, CHANNEL_WEIGHTS),
                    text=rng.choice(CONTACT_NOTES),
                    author_id=item.referent_id,
                    created_at=demo.moment(day, rng.randint(9, 17), rng.randrange(60)),
                )
            )
            day += timedelta(days=rng.randint(21, 56))
        if len(rows) >= FLUSH_EVERY:
            _insert(ContactNote, rows)
            written += len(rows)
            rows.clear()
    _insert(ContactNote, rows)
    return written + len(rows)


CHANNEL_WEIGHTS = {
    ContactNote.Channel.IN_PERSON: 40,
    ContactNote.Channel.PHONE: 33,
    ContactNote.Channel.EMAIL: 20,
    ContactNote.Channel.VIDEO: 5,
    ContactNote.Channel.OTHER: 2,
}


def _outcomes(demo, followed, companies):
    rng = demo.rng("outcomes")
    employers = {Country.FRANCE: [], Country.GERMANY: []}
    for pk, country in companies:
        employers.setdefault(country, []).append(pk)
    rows = []
    for item in followed:
        if item.index < len(SITUATIONS):
            planned = [(FORCED_OUTCOMES[item.situation], None)]
        elif item.index < len(SITUATIONS) + len(CONTRACTS):
            planned = [(Outcome.Kind.JOB, CONTRACTS[item.index - len(SITUATIONS)])]
        elif rng.random() < 0.45:
            planned = [(_outcome_kind(rng, item), None)]
            if rng.random() < 0.15:
                planned.append((_outcome_kind(rng, item), None))
        else:
            continue
        last_day = item.exit or demo.today - timedelta(days=1)
        span = max(0, (last_day - item.entry).days)
        for kind, contract in planned:
            day = item.entry + timedelta(days=rng.randint(min(14, span), span))
            rows.append(_outcome(rng, item, kind, contract, day, employers))
    _bulk(Outcome, rows)
    return len(rows)


def _outcome_kind(rng, item):
    kind = _weighted(rng, OUTCOME_WEIGHTS)
    if kind == Outcome.Kind.RSA_EXIT and item.situation != Beneficiary.Situation.RSA:
        return Outcome.Kind.TRAINING
    return kind


def _outcome(rng, item, kind, contract, day, employers):
    outcome = Outcome(beneficiary_id=item.pk, kind=kind, date=day)
    if kind == Outcome.Kind.JOB:
        if contract == Outcome.Contract.MINIJOB:
            country = Country.GERMANY  # a German contract
        elif contract is not None:
            country = rng.choice((Country.FRANCE, Country.GERMANY))
        else:
            in_germany = 0.6 if item.country == Country.GERMANY else 0.35
            country = Country.GERMANY if rng.random() < in_germany else Country.FRANCE
        outcome.country = country
        outcome.contract = contract or _weighted(rng, CONTRACT_WEIGHTS[country])
        if employers.get(country) and rng.random() < 0.8:
            outcome.employer_id = rng.choice(employers[country])
        outcome.notes = rng.choice(JOB_TITLES[country])
    elif kind == Outcome.Kind.TRAINING:
        outcome.language_training = rng.random() < 0.55
        notes = "language_training" if outcome.language_training else "training"
        outcome.notes = rng.choice(OUTCOME_NOTES[notes])
        outcome.country = Country.GERMANY if rng.random() < 0.25 else Country.FRANCE
    else:
        outcome.notes = rng.choice(OUTCOME_NOTES[kind])
        if kind in (Outcome.Kind.QUALIFICATION, Outcome.Kind.BUSINESS_CREATION):
            outcome.country = Country.GERMANY if rng.random() < 0.2 else Country.FRANCE
    return outcome


# Events -----------------------------------------------------------------------------

FORMATS = list(Event.Format)
LANGUAGES = list(Event.Language)
LANGUAGE_WEIGHTS = {"fr": 35, "de": 15, "fr-de": 50}


@dataclass(slots=True)
class _EventPlan:
    format: str
    topic: int
    language: str
    status: str
    start: datetime
    end: datetime
    venue: Venue
    venue_kind: str  # "centre" or the kind in OUTSIDE_VENUES
    capacity: int | None
    opens: datetime | None
    closes: datetime | None
    created_at: datetime
    updated_at: datetime
    cancelled_at: datetime | None
    popularity: float
    pk: int = 0
    organisers: list = field(default_factory=list)  # (organisation pk, role)


def _events(demo, size, reference, companies):
    plans = _plan_events(demo, size, reference)
    _plan_organisers(demo, plans, reference, companies)
    texts = {}
    for batch in _in_batches(plans):
        rows = [_event_row(plan, texts) for plan in batch]
        _bulk(Event, rows)
        for plan, row in zip(batch, rows, strict=True):
            plan.pk = row.pk

    EventAudience, EventAxis = Event.audiences.through, Event.axes.through
    audiences, axes, organisers = [], [], []
    for plan in plans:
        codes = EVENT_FORMATS[plan.format]["audiences"]
        if plan.venue_kind == "qpv":
            codes = [*codes, "qpv_residents"]
        for code in dict.fromkeys(codes):
            if code in reference.audiences:
                audiences.append(
                    EventAudience(event_id=plan.pk, audience_id=reference.audiences[code])
                )
        for number in _axis_numbers(plan):
            if number in reference.axes:
                axes.append(EventAxis(event_id=plan.pk, axis_id=reference.axes[number]))
        for organisation_id, role in plan.organisers:
            organisers.append(
                EventOrganisation(event_id=plan.pk, organisation_id=organisation_id, role=role)
            )
    _bulk(EventAudience, audiences)
    _bulk(EventAxis, axes)
    _bulk(EventOrganisation, organisers)
    return plans


def _plan_events(demo, size, reference):
    rng = demo.rng("events")
    past_days = _open_days(demo.today - timedelta(days=PAST_DAYS), demo.today)
    coming_days = _open_days(demo.today, demo.today + timedelta(days=COMING_DAYS))
    # Seven events in ten are past; the first twelve alternate past and coming.
    forced = min(12, size.events)
    rest = size.events - forced
    past_flags = [True] * round(rest * 0.7) + [False] * (rest - round(rest * 0.7))
    rng.shuffle(past_flags)
    past_flags = [i % 2 == 0 for i in range(forced)] + past_flags
    format_weights = {fmt: spec["weight"] for fmt, spec in EVENT_FORMATS.items()}
    plans = []
    for i, past in enumerate(past_flags):
        # The first events take every format and language in turn, the 11th is
        # cancelled and the 12th a draft: tiny scales show every kind.
        fmt = FORMATS[i] if i < len(FORMATS) else _weighted(rng, format_weights)
        spec = EVENT_FORMATS[fmt]
        if i < forced:
            language = LANGUAGES[i % len(LANGUAGES)]
        else:
            language = _weighted(rng, spec.get("languages", LANGUAGE_WEIGHTS))
        day = rng.choice(past_days if past else coming_days)
        hour, minute, duration = rng.choice(spec["times"])
        start = demo.moment(day, hour, minute)
        topic = rng.randrange(len(spec["topics"]))
        venue, venue_kind = _pick_venue(rng, spec, topic, reference)

        if fmt == Event.Format.PERMANENCE and rng.random() < 0.7:
            capacity, opens, closes = None, None, None  # a true drop-in
        else:
            capacity = rng.randint(*spec["capacity"])
            opens = demo.moment(day - timedelta(days=rng.randint(21, 42)), 9)
            # Company visits close early: the host needs the list of visitors.
            notice = timedelta(days=2) if fmt == Event.Format.COMPANY_VISIT else timedelta(hours=2)
            closes = start - notice

        if i == 10:
            status = Event.Status.CANCELLED
        elif i == 11:
            status = Event.Status.DRAFT
        elif i < forced:
            status = Event.Status.PUBLISHED
        else:
            status = _weighted(rng, STATUS_WEIGHTS["past" if past else "coming"])

        created = min(
            start - timedelta(days=rng.randint(45, 75)),
            demo.now - timedelta(hours=rng.randint(1, 72)),
        )
        updated = min(created + timedelta(hours=rng.randint(0, 72)), demo.now)
        cancelled_at = None
        if status == Event.Status.CANCELLED:
            cancelled_at = min(
                start - timedelta(days=rng.randint(1, 7)),
                demo.now - timedelta(hours=rng.randint(1, 48)),
            )
            cancelled_at = updated = max(cancelled_at, created + timedelta(hours=1))
        plans.append(
            _EventPlan(
                format=fmt,
                topic=topic,
                language=language,
                status=status,
                start=start,
                end=start + timedelta(minutes=duration),
                venue=venue,
                venue_kind=venue_kind,
                capacity=capacity,
                opens=opens,
                closes=closes,
                created_at=created,
                updated_at=updated,
                cancelled_at=cancelled_at,
                popularity=rng.uniform(0.45, 1.25),
            )
        )
    return plans


STATUS_WEIGHTS = {
    "past": {Event.Status.PUBLISHED: 95, Event.Status.CANCELLED: 5},
    "coming": {Event.Status.PUBLISHED: 83, Event.Status.DRAFT: 12, Event.Status.CANCELLED: 5},
}


def _pick_venue(rng, spec, topic, reference):
    """Company visits go to the topic's site; other events mostly stay at the centre
    and sometimes go to a neighbourhood or across the Rhine."""
    site = spec["topics"][topic][2] if len(spec["topics"][topic]) > 2 else None
    if site:
        return reference.venues[site], "site"
    if rng.random() < spec["outside"]:
        key = rng.choice([k for k, (kind, _f) in OUTSIDE_VENUES.items() if kind != "site"])
        return reference.venues[key], OUTSIDE_VENUES[key][0]
    return reference.centre, "centre"


def _open_days(first, last):
    """The days the centre is open, Monday to Friday outside public holidays and the
    Christmas break, from `first` up to `last` excluded."""
    closed = set()
    for year in range(first.year, last.year + 1):
        closed |= _closed_days(year)
    days = []
    day = first
    while day < last:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += timedelta(days=1)
    return days


def _closed_days(year):
    """Public holidays in Alsace (Good Friday and 26 December included) and the
    Christmas break."""
    easter = _easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11)]
    days = {date(year, month, day) for month, day in fixed}
    days |= {easter + timedelta(days=n) for n in (-2, 1, 39, 50)}
    days |= {date(year, 12, day) for day in range(24, 32)}
    return days


def _easter(year):
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * shift) // 451
    month, day = divmod(h + shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _plan_organisers(demo, plans, reference, companies):
    """A host (mostly the lead partner), co-organisers, and the companies that take
    part: the visited one, or several at job datings, afterworks and circles."""
    rng = demo.rng("organisers")
    partners = [p.pk for p in reference.partners]
    by_country = {Country.FRANCE: [], Country.GERMANY: []}
    for pk, country in companies:
        by_country.setdefault(country, []).append(pk)
    every_company = [pk for pk, _country in companies]
    Role = EventOrganisation.Role
    for plan in plans:
        host = reference.lead.pk if rng.random() < 0.6 else rng.choice(partners)
        plan.organisers.append((host, Role.HOST))
        others = [pk for pk in partners if pk != host]
        co_organisers = min(len(others), _weighted(rng, {0: 35, 1: 45, 2: 20}))
        plan.organisers.extend((pk, Role.CO_ORGANISER) for pk in rng.sample(others, co_organisers))
        if plan.format == Event.Format.COMPANY_VISIT:
            chosen = [rng.choice(by_country.get(plan.venue.country) or every_company)]
        else:
            low, high = EVENT_FORMATS[plan.format]["companies"]
            chosen = rng.sample(every_company, min(len(every_company), rng.randint(low, high)))
        plan.organisers.extend((pk, Role.PARTICIPANT) for pk in chosen)


def _axis_numbers(plan):
    """The convention axes an event serves: 1 skills planning with companies (GPTEC),
    2 priority neighbourhoods, 3 the third place, 4 cross-border employment."""
    F = Event.Format
    numbers = []
    if plan.format in (
        F.WORKING_CIRCLE,
        F.RECRUITMENT_MEETING,
        F.COMPANY_VISIT,
        F.EMPLOYER_AFTERWORK,
    ):
        numbers.append(1)
    if plan.venue_kind == "qpv" or plan.format == F.IDEA_LAB:
        numbers.append(2)
    if plan.venue_kind == "centre" and plan.format in (
        F.PERMANENCE,
        F.PITCH_EVENING,
        F.IDEA_LAB,
        F.INFORMATION_SESSION,
    ):
        numbers.append(3)
    if (
        plan.format in (F.BILINGUAL_WORKSHOP, F.INTERCULTURAL_WORKSHOP)
        or plan.language != Event.Language.FRENCH
        or plan.venue.country == Country.GERMANY
    ):
        numbers.append(4)
    return numbers


def _event_row(plan, texts):
    key = (plan.format, plan.topic, plan.language, plan.venue.pk, plan.opens is None)
    if key not in texts:
        texts[key] = _event_texts(plan)
    return Event(
        **texts[key],
        format=plan.format,
        language=plan.language,
        start=plan.start,
        end=plan.end,
        venue=plan.venue,
        outside_centre=plan.venue_kind != "centre",
        capacity=plan.capacity,
        registration_opens=plan.opens,
        registration_closes=plan.closes,
        status=plan.status,
        created_at=plan.created_at,
        updated_at=plan.updated_at,
    )


def _event_texts(plan):
    """Title, summary and description in French and German, from the format's
    templates, the topic, the language spoken and the venue."""
    spec = EVENT_FORMATS[plan.format]
    topic_fr, topic_de = spec["topics"][plan.topic][:2]
    language_fr, language_de = LANGUAGE_SENTENCES[plan.language]
    practical_fr, practical_de = PRACTICAL_SENTENCES["drop_in" if plan.opens is None else "sign_up"]
    venue = plan.venue
    if plan.venue_kind == "centre":
        place_fr = f"Rendez-vous au Lieu ressource, au tiers-lieu {venue.name} (Port du Rhin)."
        place_de = (
            f"Treffpunkt: Lieu ressource im Dritten Ort {venue.name} (Straßburg, Rheinhafen)."
        )
    else:
        address = f"{venue.name}, {venue.address}, {venue.postcode} {venue.city}"
        place_fr = f"Hors les murs : rendez-vous à {address}."
        place_de = f"Außer Haus: Treffpunkt {address}."
    title_fr, title_de = spec["title"][0].format(topic_fr), spec["title"][1].format(topic_de)
    return {
        "title_fr": title_fr,
        "title_de": title_de,
        # As Event.save() would, which bulk_create does not call.
        "slug_fr": slugify(title_fr)[:200],
        "slug_de": slugify(title_de)[:200],
        "summary_fr": spec["summary"][0].format(topic_fr),
        "summary_de": spec["summary"][1].format(topic_de),
        "description_fr": "\n\n".join(
            [
                spec["intro"][0],
                f"Au programme : {topic_fr}.",
                f"{language_fr} {practical_fr} {place_fr}",
            ]
        ),
        "description_de": "\n\n".join(
            [spec["intro"][1], f"Thema: {topic_de}.", f"{language_de} {practical_de} {place_de}"]
        ),
    }


# Registrations and attendance -------------------------------------------------------


class _RegistrationRow(NamedTuple):
    id: int
    public_id: uuid.UUID
    event_id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    language: str
    consent_at: datetime
    status: str
    created_at: datetime
    cancelled_at: datetime | None
    reminder_sent_at: datetime | None
    beneficiary_id: int | None


class _AttendanceRow(NamedTuple):
    event_id: int
    registration_id: int | None
    beneficiary_id: int | None
    present: bool
    walk_in_name: str
    recorded_at: datetime
    recorded_by_id: int | None


SHOW_RATES = {
    Event.Format.EMPLOYER_AFTERWORK: 0.75,
    Event.Format.PITCH_EVENING: 0.78,
    Event.Format.PERMANENCE: 0.9,
}
DEFAULT_SHOW_RATE = 0.85
WALK_INS = {  # {number of walk-ins: weight}
    Event.Format.PERMANENCE: {2: 2, 3: 3, 4: 3, 5: 2, 6: 1},
    Event.Format.PITCH_EVENING: {0: 3, 1: 3, 2: 3, 3: 1},
    Event.Format.EMPLOYER_AFTERWORK: {0: 3, 1: 3, 2: 3, 3: 1},
}
DEFAULT_WALK_INS = {0: 55, 1: 28, 2: 13, 3: 4}
CANCELLATION_RATE = 0.08


def _demand(plan, now):
    """How many registrations an event draws, relative to the others: its capacity
    times its popularity, for the part of its registration window already gone."""
    if plan.status == Event.Status.DRAFT:
        return 0.0
    opens = plan.opens or plan.start - timedelta(days=21)
    closes = plan.closes or plan.start
    until = min(closes, now, plan.cancelled_at or closes)
    if until <= opens:
        return 0.0
    weight = (plan.capacity or 20) * plan.popularity * ((until - opens) / (closes - opens))
    return weight / 2 if plan.status == Event.Status.CANCELLED else weight


def _allocate(total, weights):
    """Split `total` into whole numbers proportional to `weights` (largest remainder)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _registrations_and_attendance(demo, size, plans, followed, referent_ids):
    """Exactly `size.registrations` registrations shared by demand, confirmed up to
    capacity then waitlisted, some cancelled; attendance for past published events."""
    rng = demo.rng("registrations")
    counts = _allocate(size.registrations, [_demand(plan, demo.now) for plan in plans])
    # The public who registers without being followed; each event draws distinct people.
    public = [demo.people.make(rng) for _ in range(max(size.registrations // 3, 2 * max(counts)))]
    next_id = (Registration.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1
    recorders = referent_ids or [None]
    totals = dict.fromkeys(
        [
            "registrations",
            "confirmed",
            "waitlisted",
            "cancelled",
            "attendances",
            "present",
            "walk_ins",
        ],
        0,
    )
    registrations, attendances = [], []
    for plan, count in zip(plans, counts, strict=True):
        rows = _event_registrations(demo, rng, plan, count, next_id, followed, public)
        next_id += len(rows)
        registrations.extend(rows)
        for row in rows:
            totals[row.status] += 1
        if plan.status == Event.Status.PUBLISHED and plan.end <= demo.now:
            recorder = rng.choice(recorders)
            attendances.extend(_event_attendance(rng, plan, rows, followed, public, recorder))
        if len(registrations) >= FLUSH_EVERY:
            _flush(registrations, attendances, totals)
    _flush(registrations, attendances, totals)
    # Ids were given explicitly: move PostgreSQL's sequence past them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Registration]):
            cursor.execute(sql)
    return totals


def _flush(registrations, attendances, totals):
    _insert(Registration, registrations)
    _insert(Attendance, attendances)
    totals["registrations"] += len(registrations)
    totals["attendances"] += len(attendances)
    totals["present"] += sum(row.present for row in attendances)
    totals["walk_ins"] += sum(row.registration_id is None for row in attendances)
    registrations.clear()
    attendances.clear()


def _event_registrations(demo, rng, plan, count, first_id, followed, public):
    if not count:
        return []
    share_followed = min(len(followed), round(count * rng.uniform(0.15, 0.35)))
    people = [
        (followed[i].person, followed[i].pk)
        for i in rng.sample(range(len(followed)), share_followed)
    ]
    people += [(public[i], None) for i in rng.sample(range(len(public)), count - share_followed)]
    rng.shuffle(people)

    opens = plan.opens or plan.start - timedelta(days=21)
    until = min(plan.closes or plan.start, demo.now, plan.cancelled_at or demo.now)
    span = max(1, int((until - opens).total_seconds()))
    moments = sorted(opens + timedelta(seconds=rng.randrange(span)) for _ in people)
    reminder = plan.start - timedelta(days=1)

    rows, confirmed = [], 0
    for n, ((person, beneficiary_id), created) in enumerate(zip(people, moments, strict=True)):
        cancelled_at = None
        limit = min(plan.start, demo.now)
        if plan.status == Event.Status.CANCELLED:
            status, cancelled_at = Registration.Status.CANCELLED, plan.cancelled_at
        elif rng.random() < CANCELLATION_RATE and limit - created > timedelta(minutes=5):
            status = Registration.Status.CANCELLED
            cancelled_at = created + timedelta(
                seconds=rng.randrange(int((limit - created).total_seconds()))
            )
        elif plan.capacity is None or confirmed < plan.capacity:
            status = Registration.Status.CONFIRMED
            confirmed += 1
        else:
            status = Registration.Status.WAITLISTED
        reminded = status == Registration.Status.CONFIRMED and created < reminder < demo.now
        rows.append(
            _RegistrationRow(
                id=first_id + n,
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                event_id=plan.pk,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                phone=person.phone if rng.random() < 0.6 else "",
                language=person.language,
                consent_at=created,
                status=status,
                created_at=created,
                cancelled_at=cancelled_at,
                reminder_sent_at=reminder if reminded else None,
                beneficiary_id=beneficiary_id,
            )
        )
    return rows


def _event_attendance(rng, plan, registrations, followed, public, recorder):
    """The check-in list of a past event: every confirmed registration, present or
    not, then walk-ins, named (sometimes someone we follow) or anonymous."""
    show_rate = SHOW_RATES.get(plan.format, DEFAULT_SHOW_RATE)
    rows = []

    def attended(registration_id=None, beneficiary_id=None, present=True, walk_in_name=""):
        recorded = plan.end + timedelta(minutes=rng.randint(0, 90))
        rows.append(
            _AttendanceRow(
                plan.pk, registration_id, beneficiary_id, present, walk_in_name, recorded, recorder
            )
        )

    for row in registrations:
        if row.status == Registration.Status.CONFIRMED:
            attended(row.id, row.beneficiary_id, rng.random() < show_rate)
    on_list = {row.beneficiary_id for row in registrations if row.beneficiary_id}
    for _ in range(_weighted(rng, WALK_INS.get(plan.format, DEFAULT_WALK_INS))):
        draw = rng.random()
        if draw < 0.35:
            attended()
        elif draw < 0.55:
            item = followed[rng.randrange(len(followed))]
            if item.pk not in on_list:
                on_list.add(item.pk)
                attended(beneficiary_id=item.pk, walk_in_name=_full_name(item.person))
        else:
            attended(walk_in_name=_full_name(public[rng.randrange(len(public))]))
    return rows


def _full_name(person):
    return f"{person.first_name} {person.last_name}"


# Content ----------------------------------------------------------------------------
# Texts are data content: written in French and German, not translated strings.

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
QPV_VENUES = {key for key, (kind, _fields) in OUTSIDE_VENUES.items() if kind == "qpv"}

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

CONSENT_SCOPE = "Suivi du parcours, contact par e-mail et par téléphone"

CONTACT_NOTES = [
    "Point d'étape sur la recherche d'emploi.",
    "Relance par téléphone, rendez-vous fixé la semaine prochaine.",
    "Préparation de l'entretien d'embauche.",
    "Envoi de trois offres d'emploi en Allemagne.",
    "Inscription proposée à l'atelier CV allemand.",
    "Point sur les démarches de reconnaissance du diplôme.",
    "Échange sur la mobilité : trajet en tram jusqu'à Kehl.",
    "Bilan du stage en entreprise, retours positifs de l'employeur.",
    "Pas de réponse au téléphone, message laissé.",
    "Orientation vers un cours d'allemand professionnel.",
]

JOB_TITLES = {
    Country.FRANCE: [
        "Cariste",
        "Préparatrice de commandes",
        "Technicien de maintenance",
        "Commis de cuisine",
        "Aide-soignante",
        "Agent d'entretien",
        "Vendeuse",
        "Développeur web",
        "Chauffeur livreur",
        "Menuisier poseur",
        "Assistante administrative bilingue",
    ],
    Country.GERMANY: [
        "Lagerist",
        "Kommissioniererin",
        "Industriemechaniker",
        "Servicekraft",
        "Pflegehelferin",
        "Berufskraftfahrer",
        "Verkäuferin",
        "Elektroniker",
        "Kauffrau für Büromanagement",
        "Produktionshelfer",
    ],
}

OUTCOME_NOTES = {
    "language_training": [
        "Formation en allemand professionnel (niveau A2)",
        "Formation en allemand professionnel (niveau B1)",
        "Cours intensif d'allemand avant prise de poste",
        "Deutschkurs für den Beruf (B2)",
    ],
    "training": [
        "Formation de cariste (CACES)",
        "Formation aux métiers de la logistique",
        "Formation d'agent de propreté",
        "Remise à niveau en bureautique",
    ],
    Outcome.Kind.QUALIFICATION: [
        "Titre professionnel Agent magasinier",
        "CAP Cuisine",
        "Certificat Goethe-Zertifikat B1",
        "Titre professionnel Assistant de vie aux familles",
    ],
    Outcome.Kind.BUSINESS_CREATION: [
        "Micro-entreprise de services à domicile",
        "Création d'une activité de traiteur",
        "Gewerbeanmeldung in Kehl: Reinigungsservice",
        "Micro-entreprise de graphisme",
    ],
    Outcome.Kind.RSA_EXIT: [
        "Sortie du RSA après reprise d'emploi",
        "Sortie du RSA : revenus d'activité suffisants",
    ],
    Outcome.Kind.PLACEMENT_REFERRAL: [
        "Orientation vers le Service de Placement Transfrontalier de Kehl",
        "Rendez-vous pris avec le Service de Placement Transfrontalier",
    ],
}

LANGUAGE_SENTENCES = {
    Event.Language.FRENCH: (
        "L'animation se déroule en français.",
        "Die Veranstaltung findet auf Französisch statt.",
    ),
    Event.Language.GERMAN: (
        "L'animation se déroule en allemand.",
        "Die Veranstaltung findet auf Deutsch statt.",
    ),
    Event.Language.BILINGUAL: (
        "L'animation est bilingue, en français et en allemand.",
        "Die Veranstaltung ist zweisprachig, auf Französisch und Deutsch.",
    ),
}

PRACTICAL_SENTENCES = {
    "sign_up": ("Gratuit, sur inscription.", "Kostenlos, mit Anmeldung."),
    "drop_in": ("Gratuit, sans rendez-vous.", "Kostenlos, ohne Termin."),
}

F = Event.Format
EVENT_FORMATS = {
    F.BILINGUAL_WORKSHOP: {
        "weight": 16,
        "title": ("Atelier bilingue : {}", "Zweisprachiger Workshop: {}"),
        "summary": (
            "Atelier pratique en petit groupe sur le thème « {} » : des conseils concrets "
            "pour candidater en France et en Allemagne.",
            "Praxisworkshop in kleiner Gruppe zum Thema „{}“: konkrete Tipps für Bewerbungen "
            "in Frankreich und Deutschland.",
        ),
        "intro": (
            "Nos ateliers bilingues vous aident à préparer votre candidature pour un emploi des "
            "deux côtés du Rhin. Vous repartez avec des documents prêts à l'emploi et des "
            "conseils personnalisés.",
            "Unsere zweisprachigen Workshops helfen Ihnen, Ihre Bewerbung für eine Stelle auf "
            "beiden Seiten des Rheins vorzubereiten. Sie gehen mit fertigen Unterlagen und "
            "persönlichen Tipps nach Hause.",
        ),
        "topics": [
            ("CV allemand", "Deutscher Lebenslauf"),
            ("Lettre de motivation en allemand", "Anschreiben auf Deutsch"),
            (
                "Réussir son entretien d'embauche en Allemagne",
                "Vorstellungsgespräch in Deutschland",
            ),
            ("L'allemand au travail : premiers échanges", "Deutsch im Beruf: erste Gespräche"),
            (
                "Candidater en ligne des deux côtés du Rhin",
                "Online bewerben auf beiden Rheinseiten",
            ),
            ("Faire reconnaître son diplôme", "Anerkennung ausländischer Abschlüsse"),
        ],
        "times": [(9, 30, 150), (14, 0, 150)],
        "capacity": (12, 20),
        "outside": 0.15,
        "audiences": ["job_seekers", "students", "young_people"],
        "companies": (0, 0),
        "languages": {"fr": 10, "de": 5, "fr-de": 85},
    },
    F.INTERCULTURAL_WORKSHOP: {
        "weight": 10,
        "title": ("Atelier interculturel : {}", "Interkultureller Workshop: {}"),
        "summary": (
            "Atelier interactif sur le thème « {} » : comprendre les usages professionnels de "
            "part et d'autre du Rhin.",
            "Interaktiver Workshop zum Thema „{}“: die Arbeitskultur auf beiden Seiten des "
            "Rheins verstehen.",
        ),
        "intro": (
            "Travailler de l'autre côté de la frontière, c'est aussi découvrir d'autres "
            "habitudes. Cet atelier, fondé sur des situations concrètes, aide à décoder les "
            "usages professionnels français et allemands.",
            "Wer auf der anderen Seite der Grenze arbeitet, begegnet auch anderen Gewohnheiten. "
            "Dieser Workshop hilft anhand konkreter Situationen, die französische und deutsche "
            "Arbeitskultur zu entschlüsseln.",
        ),
        "topics": [
            (
                "Codes du travail en France et en Allemagne",
                "Arbeitskultur in Frankreich und Deutschland",
            ),
            ("Ponctualité, hiérarchie, tutoiement", "Pünktlichkeit, Hierarchie, Duzen"),
            ("Travailler en équipe franco-allemande", "Im deutsch-französischen Team arbeiten"),
            (
                "Malentendus interculturels au quotidien",
                "Interkulturelle Missverständnisse im Alltag",
            ),
        ],
        "times": [(14, 0, 120), (9, 30, 120)],
        "capacity": (15, 24),
        "outside": 0.1,
        "audiences": ["job_seekers", "students", "all_public"],
        "companies": (0, 0),
        "languages": {"fr": 15, "de": 10, "fr-de": 75},
    },
    F.COMPANY_VISIT: {
        "weight": 9,
        "title": ("Visite d'entreprise : {}", "Betriebsbesichtigung: {}"),
        "summary": (
            "Découvrez « {} » et échangez avec l'équipe sur ses métiers et ses recrutements.",
            "Entdecken Sie „{}“ und sprechen Sie mit dem Team über Berufe und offene Stellen.",
        ),
        "intro": (
            "Découvrez une entreprise de l'intérieur : ses métiers, ses équipes et ses besoins "
            "de recrutement. La visite se termine par un échange avec les responsables du "
            "recrutement.",
            "Lernen Sie ein Unternehmen von innen kennen: seine Berufe, seine Teams und seinen "
            "Personalbedarf. Zum Abschluss sprechen Sie mit den Personalverantwortlichen.",
        ),
        "topics": [
            ("une plateforme logistique à Kehl", "eine Logistikplattform in Kehl", "kehl-port"),
            (
                "un site industriel du port de Strasbourg",
                "ein Industriestandort im Straßburger Hafen",
                "strasbourg-port",
            ),
            (
                "un atelier de métallerie à Offenburg",
                "eine Metallbauwerkstatt in Offenburg",
                "offenburg-west",
            ),
            (
                "les entreprises de l'Ecoparc de Reichstett",
                "die Unternehmen im Ecoparc Reichstett",
                "reichstett",
            ),
        ],
        "times": [(9, 0, 150), (14, 0, 120)],
        "capacity": (10, 18),
        "outside": 1.0,
        "audiences": ["job_seekers", "young_people", "rsa_recipients"],
        "companies": (1, 1),
    },
    F.EMPLOYER_AFTERWORK: {
        "weight": 7,
        "title": ("Afterwork employeurs : {}", "Arbeitgeber-Afterwork: {}"),
        "summary": (
            "Soirée d'échanges entre employeurs français et allemands sur le thème « {} ».",
            "Austauschabend für französische und deutsche Arbeitgeber zum Thema „{}“.",
        ),
        "intro": (
            "Un moment convivial entre employeurs français et allemands pour partager vos "
            "expériences, rencontrer les partenaires de l'emploi transfrontalier et trouver des "
            "solutions concrètes à vos besoins de recrutement.",
            "Ein geselliger Abend für französische und deutsche Arbeitgeber: Erfahrungen "
            "austauschen, die Partner der grenzüberschreitenden Beschäftigung kennenlernen und "
            "konkrete Lösungen für den Personalbedarf finden.",
        ),
        "topics": [
            ("Recruter de l'autre côté du Rhin", "Rekrutieren auf der anderen Rheinseite"),
            ("L'apprentissage transfrontalier", "Grenzüberschreitende Ausbildung"),
            ("Fidéliser ses salariés frontaliers", "Grenzgänger im Unternehmen halten"),
            (
                "Les aides à l'embauche en France et en Allemagne",
                "Einstellungshilfen in Frankreich und Deutschland",
            ),
        ],
        "times": [(18, 0, 150)],
        "capacity": (50, 80),
        "outside": 0.2,
        "audiences": ["employers", "entrepreneurs"],
        "companies": (3, 8),
    },
    F.RECRUITMENT_MEETING: {
        "weight": 10,
        "title": ("Job dating : {}", "Jobdating: {}"),
        "summary": (
            "Des entreprises qui recrutent vous attendent pour des entretiens courts – {}.",
            "Unternehmen mit offenen Stellen erwarten Sie zu kurzen Gesprächen – {}.",
        ),
        "intro": (
            "Des entreprises qui recrutent rencontrent des candidates et candidats en entretiens "
            "de dix minutes. Apportez plusieurs exemplaires de votre CV ; l'équipe du Lieu "
            "ressource vous aide à le préparer si besoin.",
            "Unternehmen mit offenen Stellen treffen Bewerberinnen und Bewerber in Gesprächen "
            "von zehn Minuten. Bringen Sie mehrere Exemplare Ihres Lebenslaufs mit; das Team des "
            "Lieu ressource hilft Ihnen bei Bedarf bei der Vorbereitung.",
        ),
        "topics": [
            ("Métiers de la logistique", "Berufe in der Logistik"),
            ("Hôtellerie-restauration", "Hotellerie und Gastronomie"),
            ("Maintenance industrielle", "Industrielle Instandhaltung"),
            ("Aide à la personne", "Pflege und Betreuung"),
            ("Transport et conduite", "Transport und Fahrdienste"),
            ("Commerce et vente", "Handel und Verkauf"),
        ],
        "times": [(9, 30, 180), (14, 0, 180)],
        "capacity": (40, 60),
        "outside": 0.25,
        "audiences": ["job_seekers", "rsa_recipients", "employers"],
        "companies": (3, 8),
    },
    F.PITCH_EVENING: {
        "weight": 5,
        "title": ("Soirée pitch : {}", "Pitch-Abend: {}"),
        "summary": (
            "Trois minutes pour convaincre : soirée de pitchs sur le thème « {} ».",
            "Drei Minuten, um zu überzeugen: Pitch-Abend zum Thema „{}“.",
        ),
        "intro": (
            "Porteuses et porteurs de projet présentent leur idée en trois minutes devant un "
            "public bienveillant d'entrepreneurs, de financeurs et de partenaires de la création "
            "d'entreprise, des deux côtés du Rhin.",
            "Gründerinnen und Gründer stellen ihre Idee in drei Minuten vor einem wohlwollenden "
            "Publikum aus Unternehmern, Geldgebern und Partnern der Existenzgründung beider "
            "Rheinseiten vor.",
        ),
        "topics": [
            ("Projets d'entreprise franco-allemands", "Deutsch-französische Gründungsprojekte"),
            ("Entreprendre dans les quartiers", "Gründen im Stadtteil"),
            ("Économie sociale et solidaire", "Sozial- und Solidarwirtschaft"),
            ("Créatrices d'entreprise", "Gründerinnen"),
        ],
        "times": [(18, 30, 150)],
        "capacity": (60, 90),
        "outside": 0.1,
        "audiences": ["entrepreneurs", "employers", "all_public"],
        "companies": (0, 2),
    },
    F.PERMANENCE: {
        "weight": 18,
        "title": ("Permanence : {}", "Sprechstunde: {}"),
        "summary": (
            "Sans rendez-vous, une conseillère ou un conseiller répond à vos questions – {}.",
            "Ohne Termin beantwortet eine Beraterin oder ein Berater Ihre Fragen – {}.",
        ),
        "intro": (
            "Une conseillère ou un conseiller répond à vos questions et vous oriente vers le bon "
            "interlocuteur en France ou en Allemagne, par exemple le Service de Placement "
            "Transfrontalier de Kehl.",
            "Eine Beraterin oder ein Berater beantwortet Ihre Fragen und verweist Sie an die "
            "richtige Stelle in Frankreich oder Deutschland, zum Beispiel an den "
            "grenzüberschreitenden Vermittlungsservice in Kehl.",
        ),
        "topics": [
            ("Travailler en Allemagne", "Arbeiten in Deutschland"),
            ("Service de Placement Transfrontalier", "Grenzüberschreitender Vermittlungsservice"),
            ("Création d'entreprise", "Existenzgründung"),
            ("Droits des travailleurs frontaliers", "Rechte von Grenzgängern"),
        ],
        "times": [(9, 0, 180), (14, 0, 180)],
        "capacity": (10, 15),
        "outside": 0.25,
        "audiences": ["all_public", "job_seekers", "entrepreneurs"],
        "companies": (0, 0),
    },
    F.IDEA_LAB: {
        "weight": 6,
        "title": ("Labo d'idées : {}", "Ideenlabor: {}"),
        "summary": (
            "Atelier créatif en petit groupe sur le thème « {} ».",
            "Kreativworkshop in kleiner Runde zum Thema „{}“.",
        ),
        "intro": (
            "Un laboratoire d'idées pour imaginer et tester, en petit groupe et avec des méthodes "
            "créatives, des projets d'activité ou des réponses aux besoins du quartier.",
            "Ein Ideenlabor, um in kleiner Runde und mit kreativen Methoden Geschäftsideen oder "
            "Antworten auf die Bedürfnisse des Stadtteils zu entwickeln und zu erproben.",
        ),
        "topics": [
            ("Tester son idée d'activité", "Die eigene Geschäftsidee testen"),
            ("Monter un projet collectif dans son quartier", "Ein Projekt im Stadtteil aufbauen"),
            ("Les services de demain au Port du Rhin", "Dienstleistungen von morgen am Rheinhafen"),
        ],
        "times": [(14, 0, 180), (9, 30, 180)],
        "capacity": (12, 20),
        "outside": 0.35,
        "audiences": ["entrepreneurs", "students", "qpv_residents"],
        "companies": (0, 0),
    },
    F.INFORMATION_SESSION: {
        "weight": 12,
        "title": ("Réunion d'information : {}", "Infoveranstaltung: {}"),
        "summary": (
            "Tout savoir sur « {} », avec les partenaires français et allemands du Lieu ressource.",
            "Alles Wichtige zum Thema „{}“, mit den französischen und deutschen Partnern des "
            "Lieu ressource.",
        ),
        "intro": (
            "Une réunion d'information claire et pratique, suivie d'un temps de questions-réponses "
            "avec les partenaires français et allemands du Lieu ressource.",
            "Eine klare, praxisnahe Infoveranstaltung mit anschließender Fragerunde mit den "
            "französischen und deutschen Partnern des Lieu ressource.",
        ),
        "topics": [
            ("Travailler en Allemagne, mode d'emploi", "Arbeiten in Deutschland – so geht's"),
            ("Le parcours Tremplin sur le Rhin", "Das Programm „Tremplin sur le Rhin“"),
            (
                "Sécurité sociale et impôts des frontaliers",
                "Sozialversicherung und Steuern für Grenzgänger",
            ),
            ("L'apprentissage en Allemagne", "Ausbildung in Deutschland"),
            ("Se former en allemand", "Deutsch lernen für den Beruf"),
        ],
        "times": [(10, 0, 90), (14, 30, 90), (17, 30, 90)],
        "capacity": (30, 50),
        "outside": 0.3,
        "audiences": ["job_seekers", "rsa_recipients", "students", "qpv_residents"],
        "companies": (0, 1),
    },
    F.WORKING_CIRCLE: {
        "weight": 7,
        "title": ("Cercle d'entreprises : {}", "Unternehmenskreis: {}"),
        "summary": (
            "Les entreprises du territoire construisent ensemble leurs réponses – {}.",
            "Unternehmen der Region entwickeln gemeinsam Lösungen – {}.",
        ),
        "intro": (
            "Le cercle réunit des entreprises du territoire autour de leurs besoins en "
            "compétences, pour construire ensemble des actions de recrutement, de formation et de "
            "fidélisation.",
            "Der Kreis bringt Unternehmen der Region rund um ihren Fachkräftebedarf zusammen, um "
            "gemeinsam Maßnahmen zu Rekrutierung, Weiterbildung und Mitarbeiterbindung zu "
            "entwickeln.",
        ),
        "topics": [
            ("Besoins en compétences de la logistique", "Fachkräftebedarf in der Logistik"),
            ("Métiers en tension de l'industrie", "Engpassberufe in der Industrie"),
            ("Filière bois", "Holzbranche"),
            ("Transition écologique dans le bâtiment", "Ökologischer Wandel im Bauwesen"),
            ("Ecoparc de Reichstett", "Ecoparc Reichstett"),
        ],
        "times": [(8, 30, 90), (12, 0, 90)],
        "capacity": (20, 30),
        "outside": 0.2,
        "audiences": ["employers"],
        "companies": (4, 10),
    },
}
del F
