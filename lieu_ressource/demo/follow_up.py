"""The follow-up of beneficiaries: their pathways in the centre's schemes and the
contact notes their referents write."""

from datetime import date, datetime, timedelta
from typing import NamedTuple

from beneficiaries.models import ContactNote, Pathway
from lieu_ressource.demo.bulk import FLUSH_EVERY, create_in_batches, insert_rows
from lieu_ressource.demo.context import weighted

SCHEMES = list(Pathway.Scheme)
PATHWAY_STATUSES = list(Pathway.Status)


def create_pathways(demo, followed):
    """Mostly one pathway per person, in a scheme that suits where they live, the
    first ones in every scheme and status; returns how many were written."""
    rng = demo.rng("pathways")
    today = demo.today
    S = Pathway.Status
    rows = []
    for item in followed:
        forced = item.index < len(SCHEMES)
        count = 1 if forced else weighted(rng, {0: 8, 1: 75, 2: 17})
        last_day = item.exit or today
        for n in range(count):
            if forced:
                scheme = SCHEMES[item.index]
            else:
                scheme = weighted(rng, _scheme_weights(item))
            start = min(item.entry + timedelta(days=rng.randint(0, 30) + 120 * n), last_day)
            length = 90 if scheme == Pathway.Scheme.TREMPLIN else rng.randint(120, 365)
            planned_end = start + timedelta(days=length)
            if forced:
                status = PATHWAY_STATUSES[item.index % len(PATHWAY_STATUSES)]
            elif item.exit:
                status = weighted(rng, {S.COMPLETED: 65, S.ABANDONED: 35})
            elif planned_end < today:
                # Some overdue pathways stay open: the drop-out risks of the referents.
                status = weighted(rng, {S.COMPLETED: 70, S.ABANDONED: 15, S.OPEN: 15})
            else:
                status = weighted(rng, {S.OPEN: 92, S.ABANDONED: 8})
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
    create_in_batches(Pathway, rows)
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


def create_contact_notes(demo, followed):
    """Contacts every three to eight weeks while a person is followed. Some people
    in progress have had none for weeks: the drop-out risks their referents see."""
    rng = demo.rng("contact notes")
    rows, written = [], 0
    for item in followed:
        until = item.exit or demo.yesterday
        if item.exit is None and rng.random() < 0.15:
            until = demo.yesterday - timedelta(weeks=rng.randint(7, 16))
            item.quiet_since = until  # nor do they come to events (`registrations`)
        day = item.entry + timedelta(days=rng.randint(0, 7))
        while day <= until:
            rows.append(
                _ContactNoteRow(
                    beneficiary_id=item.pk,
                    date=day,
                    channel=weighted(rng, CHANNEL_WEIGHTS),
                    text=rng.choice(CONTACT_NOTES),
                    author_id=item.referent_id,
                    created_at=demo.office_moment(rng, day),
                )
            )
            day += timedelta(days=rng.randint(21, 56))
        if len(rows) >= FLUSH_EVERY:
            insert_rows(ContactNote, rows)
            written += len(rows)
            rows.clear()
    insert_rows(ContactNote, rows)
    return written + len(rows)


CHANNEL_WEIGHTS = {
    ContactNote.Channel.IN_PERSON: 40,
    ContactNote.Channel.PHONE: 33,
    ContactNote.Channel.EMAIL: 20,
    ContactNote.Channel.VIDEO: 5,
    ContactNote.Channel.OTHER: 2,
}

# Texts are data content, in French: not translated strings.
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
