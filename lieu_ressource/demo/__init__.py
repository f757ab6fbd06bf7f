"""Deterministic, fictitious demo data for the whole domain, written in bulk.

`build_demo_data()` fills a fresh database with events of every format and language
since the start of the oldest programme shipped (growing as programmes ramp up:
`timeline`) and over the coming months, registrations, attendance, followed people with their
pathways and outcomes, fictitious companies and demo accounts, and the creation
rows of their change history (`history`). The same seed and the
same "today" give the same rows. Reference data that migrations ship (audiences, the
centre, QPVs, partners, the convention's axes) is used when present and created when
absent. Every person and company is invented; emails use example.org, example.com
and example.de, phone numbers the ranges reserved for fiction in France and Germany.

Nothing is written row by row: `bulk_create` in batches, and `insert_rows` (COPY on
PostgreSQL, executemany elsewhere) for the largest tables, registrations, attendance
and contact notes, so that `--scale 250` takes two to three minutes.

One module per kind of row (`accounts`, `companies`, `beneficiaries`, `follow_up`,
`outcomes`, `events`, `registrations`), each drawing from its own random stream
(`Demo.rng` in `context`). Their French and German texts are data, not translated
strings: the large tables in `event_formats` and `places`, the small ones beside
the code that uses them.
"""

import math
from dataclasses import dataclass

from django.db import transaction
from django.utils import translation

from lieu_ressource.demo.accounts import DEMO_PASSWORD, create_accounts
from lieu_ressource.demo.beneficiaries import create_beneficiaries
from lieu_ressource.demo.bulk import given_timestamps
from lieu_ressource.demo.companies import create_companies
from lieu_ressource.demo.context import Demo
from lieu_ressource.demo.events import create_events
from lieu_ressource.demo.follow_up import create_contact_notes, create_pathways
from lieu_ressource.demo.fse import create_fse_participations
from lieu_ressource.demo.history import write_creation_history
from lieu_ressource.demo.outcomes import create_outcomes
from lieu_ressource.demo.reference import reference_data
from lieu_ressource.demo.referrals import create_referrals
from lieu_ressource.demo.registrations import create_registrations_and_attendance
from lieu_ressource.demo.timeline import Timeline, programme_spans


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
    demo = Demo(seed=seed, today=today)
    # Translated fields keep a base column too: it holds the French text.
    with translation.override("fr"), given_timestamps(), transaction.atomic():
        reference = reference_data()
        demo.timeline = Timeline(today, programme_spans(today))
        accounts, referent_ids = create_accounts(demo, size, reference)
        companies = create_companies(demo, size)
        followed = create_beneficiaries(demo, size, reference, referent_ids)
        pathways = create_pathways(demo, followed)
        contact_notes = create_contact_notes(demo, followed)
        outcomes = create_outcomes(demo, followed, companies)
        fse_participations = create_fse_participations(demo, followed)
        referrals = create_referrals(demo, followed, reference)
        plans = create_events(demo, size, reference, companies)
        counts = create_registrations_and_attendance(demo, size, plans, followed, referent_ids)
        history_rows = write_creation_history()
    counts.update(
        events=len(plans),
        past_events=sum(plan.start < demo.now for plan in plans),
        beneficiaries=len(followed),
        pathways=pathways,
        outcomes=outcomes,
        fse_participations=fse_participations,
        contact_notes=contact_notes,
        referrals=referrals,
        companies=len(companies),
        history_rows=history_rows,
    )
    return DemoSummary(counts=counts, accounts=accounts)
