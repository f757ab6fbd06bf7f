"""The people the centre follows (beneficiaries), with who referred them and who
follows them."""

from dataclasses import dataclass
from datetime import date, timedelta

from beneficiaries.models import Beneficiary
from lieu_ressource.demo.bulk import create_in_batches
from lieu_ressource.demo.context import weighted
from lieu_ressource.demo.people import Person
from lieu_ressource.demo.places import COMMUNES
from partners.models import Country, Organisation

B = Beneficiary
# A person's main situation at entry, drawn first; the facts it makes hold, and the
# others that come with it (`_situation_facts`).
MAIN_FACT = {
    "job_seeker": "registered_job_seeker",
    "long_term_unemployed": "long_term_unemployed",
    "rsa": "rsa_recipient",
    "student": "student",
    "employed": "employed",
    "inactive": "inactive",
}
SITUATIONS = list(MAIN_FACT)
SITUATION_WEIGHTS = {
    "job_seeker": 30,
    "long_term_unemployed": 15,
    "rsa": 22,
    "student": 13,
    "employed": 10,
    "inactive": 10,
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
del B, GL
# How long a person is followed before leaving, in days: those who entered less than
# this ago are still followed.
FOLLOWED_DAYS = (60, 540)

# Data content, in French: not a translated string.
CONSENT_SCOPE = "Suivi du parcours, contact par e-mail et par téléphone"


@dataclass(slots=True)
class Followed:
    """What the later builders need of a beneficiary, without reading it back."""

    pk: int
    index: int
    situation: str
    country: str
    qpv: bool
    entry: date
    exit: date | None
    person: Person
    referent_id: int | None
    # Set by the contact notes: the day a drop-out risk stopped coming (no contact,
    # no event) while still followed.
    quiet_since: date | None = None


def create_beneficiaries(demo, size, reference, referent_ids):
    """People followed by the centre, most living in France, some in its priority
    neighbourhoods, entering since the first programme's start; the first ones take
    every situation in turn and are still followed."""
    rng = demo.rng("beneficiaries")
    # Its own stream: the other draws stay those of the single-situation days.
    facts_rng = demo.rng("situation facts")
    today = demo.today
    # Entries follow the programmes' activity, like the events (`timeline`).
    entries = demo.timeline.draw_days(rng, max(0, size.beneficiaries - len(SITUATIONS)))
    rows, followed = [], []
    for i in range(size.beneficiaries):
        forced = i < len(SITUATIONS)
        situation = SITUATIONS[i] if forced else weighted(rng, SITUATION_WEIGHTS)
        sex = ("F", "M", "X")[i] if i < 3 else weighted(rng, SEX_WEIGHTS)
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
        if situation == "student":
            age = rng.randint(18, 27)
        else:
            age = round(rng.triangular(19, 62, 33))
        exit_date = None
        if forced:  # still followed, for long enough to have a history
            entry = today - timedelta(days=rng.randint(120, 540))
        else:
            entry = entries.pop()
            followed_for = timedelta(days=rng.randint(*FOLLOWED_DAYS))
            if entry + followed_for < today:
                exit_date = entry + followed_for
        created = demo.office_moment(rng, entry)
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
                **_situation_facts(
                    facts_rng, situation, qpv=neighbourhood is not None, forced=forced
                ),
                education=weighted(rng, EDUCATION_WEIGHTS),
                german_level=weighted(rng, GERMAN_LEVEL_WEIGHTS[country]),
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
            Followed(0, i, situation, country, qpv, entry, exit_date, person, referent_id)
        )
    create_in_batches(Beneficiary, rows)
    for row, item in zip(rows, followed, strict=True):
        item.pk = row.pk
    return followed


# The first people, one per main situation, each show one more fact at tiny scales.
FORCED_FACT = {
    "job_seeker": "other_minimum_benefit",
    "long_term_unemployed": "third_country_national",
    "rsa": "long_term_unemployed",
    "student": "rural_area",
    "employed": "foreign_background",
    "inactive": "homeless",
}


def _situation_facts(rng, situation, *, qpv, forced=False):
    """The facts of a situation at entry: the main one, and those that often come
    with it (an RSA recipient long unemployed, a long-term unemployed person still
    registered, …)."""
    facts = {MAIN_FACT[situation]: True}
    if situation == "rsa":
        facts["long_term_unemployed"] = rng.random() < 0.4
        facts["registered_job_seeker"] = rng.random() < 0.6
    elif situation == "long_term_unemployed":
        facts["registered_job_seeker"] = rng.random() < 0.8
    elif situation in ("job_seeker", "inactive") and rng.random() < 0.06:
        facts["other_minimum_benefit"] = True
    facts["third_country_national"] = rng.random() < (0.18 if qpv else 0.08)
    facts["foreign_background"] = facts["third_country_national"] or rng.random() < 0.2
    facts["homeless"] = rng.random() < 0.03
    facts["rural_area"] = not qpv and rng.random() < 0.04
    if forced:
        facts[FORCED_FACT[situation]] = True
    return facts


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
