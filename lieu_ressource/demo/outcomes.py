"""What followed people achieve: jobs, training, qualifications, business
creations, exits from the RSA and placement referrals."""

from datetime import timedelta

from beneficiaries.models import Outcome
from lieu_ressource.demo.beneficiaries import SITUATIONS
from lieu_ressource.demo.bulk import create_in_batches
from lieu_ressource.demo.companies import companies_by_country
from lieu_ressource.demo.context import weighted
from partners.models import Country

CONTRACTS = list(Outcome.Contract)
# The first beneficiaries take one situation each and an outcome that suits it, and
# the next ones a job under each contract, so that tiny scales show every kind.
FORCED_OUTCOMES = {
    "job_seeker": Outcome.Kind.JOB,
    "long_term_unemployed": Outcome.Kind.TRAINING,
    "rsa": Outcome.Kind.RSA_EXIT,
    "student": Outcome.Kind.QUALIFICATION,
    "employed": Outcome.Kind.BUSINESS_CREATION,
    "inactive": Outcome.Kind.PLACEMENT_REFERRAL,
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
del C


def create_outcomes(demo, followed, companies):
    """Outcomes for nearly half of the people followed, jobs mostly with the demo
    companies; returns how many were written."""
    rng = demo.rng("outcomes")
    employers = companies_by_country(companies)
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
        last_day = item.exit or demo.yesterday
        span = max(0, (last_day - item.entry).days)
        for kind, contract in planned:
            day = item.entry + timedelta(days=rng.randint(min(14, span), span))
            rows.append(_outcome(rng, item, kind, contract, day, employers))
    create_in_batches(Outcome, rows)
    return len(rows)


def _outcome_kind(rng, item):
    kind = weighted(rng, OUTCOME_WEIGHTS)
    if kind == Outcome.Kind.RSA_EXIT and item.situation != "rsa":
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
            country = _country(rng, germany_share=in_germany)
        outcome.country = country
        outcome.contract = contract or weighted(rng, CONTRACT_WEIGHTS[country])
        if employers.get(country) and rng.random() < 0.8:
            outcome.employer_id = rng.choice(employers[country])
        outcome.notes = rng.choice(JOB_TITLES[country])
    elif kind == Outcome.Kind.TRAINING:
        outcome.language_training = rng.random() < 0.55
        notes = "language_training" if outcome.language_training else "training"
        outcome.notes = rng.choice(OUTCOME_NOTES[notes])
        outcome.country = _country(rng, germany_share=0.25)
    else:
        outcome.notes = rng.choice(OUTCOME_NOTES[kind])
        if kind in (Outcome.Kind.QUALIFICATION, Outcome.Kind.BUSINESS_CREATION):
            outcome.country = _country(rng, germany_share=0.2)
    return outcome


def _country(rng, *, germany_share):
    return Country.GERMANY if rng.random() < germany_share else Country.FRANCE


# Texts are data content: written in French and German, not translated strings.
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
