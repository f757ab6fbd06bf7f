"""Registrations shared among events by demand, and the check-in lists of past
events. Written with `insert_rows`: they are the largest tables."""

import uuid
from datetime import datetime, timedelta
from typing import NamedTuple

from django.core.management.color import no_style
from django.db import connection, models

from events.models import Attendance, Event, Registration
from lieu_ressource.demo.bulk import FLUSH_EVERY, insert_rows
from lieu_ressource.demo.context import weighted
from lieu_ressource.demo.timeline import allocate


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
    organisation_name: str = ""  # the public signs up for itself, not for a company


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
    opens, closes, until = _registration_window(plan, now)
    if until <= opens:
        return 0.0
    weight = (plan.capacity or 20) * plan.popularity * ((until - opens) / (closes - opens))
    return weight / 2 if plan.status == Event.Status.CANCELLED else weight


def _registration_window(plan, now):
    """When people could register: from the opening (three weeks before a drop-in)
    to the closing, and until when they did, cut short by `now` or a cancellation."""
    opens = plan.opens or plan.start - timedelta(days=21)
    closes = plan.closes or plan.start
    return opens, closes, min(closes, now, plan.cancelled_at or closes)


def _month(day):
    return day.year * 12 + day.month - 1


def _followed_by_month(followed, today):
    """{month: the people followed during it} up to the current month: a past event
    draws the people followed when it happens. Those who went quiet (drop-out risks)
    come to nothing from the month they went quiet."""
    by_month = {}
    for item in followed:
        last = _month(item.exit or today)
        if item.quiet_since:
            last = min(last, _month(item.quiet_since) - 1)
        for month in range(_month(item.entry), last + 1):
            by_month.setdefault(month, []).append(item)
    return by_month


def create_registrations_and_attendance(demo, size, plans, followed, referent_ids):
    """Exactly `size.registrations` registrations shared by demand, confirmed up to
    capacity then waitlisted, some cancelled; attendance for past published events."""
    rng = demo.rng("registrations")
    counts = allocate(size.registrations, [_demand(plan, demo.now) for plan in plans])
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
    by_month = _followed_by_month(followed, demo.today)
    # A coming event draws the people followed today.
    still_followed = [item for item in followed if item.exit is None and not item.quiet_since]
    for plan, count in zip(plans, counts, strict=True):
        if plan.start < demo.now:
            then_followed = by_month.get(_month(plan.start.date()), [])
        else:
            then_followed = still_followed
        rows = _event_registrations(demo, rng, plan, count, next_id, then_followed, public)
        next_id += len(rows)
        registrations.extend(rows)
        for row in rows:
            totals[row.status] += 1
        if plan.status == Event.Status.PUBLISHED and plan.end <= demo.now:
            recorder = rng.choice(recorders)
            attendances.extend(_event_attendance(rng, plan, rows, then_followed, public, recorder))
        if len(registrations) >= FLUSH_EVERY:
            _flush(registrations, attendances, totals)
    _flush(registrations, attendances, totals)
    # Ids were given explicitly: move PostgreSQL's sequence past them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Registration]):
            cursor.execute(sql)
    return totals


def _flush(registrations, attendances, totals):
    insert_rows(Registration, registrations)
    insert_rows(Attendance, attendances)
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

    opens, _closes, until = _registration_window(plan, demo.now)
    span = max(1, int((until - opens).total_seconds()))
    moments = sorted(opens + timedelta(seconds=rng.randrange(span)) for _ in people)
    reminder = plan.start - timedelta(days=1)
    limit = min(plan.start, demo.now)  # cancellations happen before this

    rows, confirmed = [], 0
    for n, ((person, beneficiary_id), created) in enumerate(zip(people, moments, strict=True)):
        cancelled_at = None
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
    for _ in range(weighted(rng, WALK_INS.get(plan.format, DEFAULT_WALK_INS))):
        draw = rng.random()
        if draw < 0.35:
            attended()
        elif draw < 0.55 and followed:
            item = followed[rng.randrange(len(followed))]
            if item.pk not in on_list:
                on_list.add(item.pk)
                attended(beneficiary_id=item.pk, walk_in_name=item.person.full_name)
        else:
            attended(walk_in_name=public[rng.randrange(len(public))].full_name)
    return rows
