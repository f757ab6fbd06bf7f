"""Events of every format and language since the first programme's start and over
the coming months, with their audiences, convention axes, programmes and organisers."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.text import slugify

from events.models import Event, EventOrganisation, Venue
from lieu_ressource.demo.bulk import create_in_batches, in_batches
from lieu_ressource.demo.companies import companies_by_country
from lieu_ressource.demo.context import weighted
from lieu_ressource.demo.event_formats import (
    EVENT_FORMATS,
    LANGUAGE_SENTENCES,
    PRACTICAL_SENTENCES,
)
from lieu_ressource.demo.open_days import open_days
from lieu_ressource.demo.places import OUTSIDE_VENUES
from partners.models import Country

# Past events fall on the open days since the first programme's start, more of them as
# programmes ramp up (`timeline`); coming ones on the open days of the next 90 days.
COMING_DAYS = 90
FORMATS = list(Event.Format)
LANGUAGES = list(Event.Language)
LANGUAGE_WEIGHTS = {"fr": 35, "de": 15, "fr-de": 50}


@dataclass(slots=True)
class EventPlan:
    """An event drawn before it is written, and what registrations need of it."""

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


def create_events(demo, size, reference, companies):
    """Events with their audiences, axes and organisers; returns their plans."""
    plans = _plan_events(demo, size, reference)
    _plan_organisers(demo, plans, reference, companies)
    texts = {}
    for batch in in_batches(plans):
        rows = [_event_row(plan, texts) for plan in batch]
        create_in_batches(Event, rows)
        for plan, row in zip(batch, rows, strict=True):
            plan.pk = row.pk

    EventAudience, EventAxis = Event.audiences.through, Event.axes.through
    EventProgramme = Event.programmes.through
    audiences, axes, organisers, programmes = [], [], [], []
    for plan in plans:
        codes = EVENT_FORMATS[plan.format]["audiences"]
        if plan.venue_kind == "qpv":
            codes = [*codes, "qpv_residents"]
        for code in dict.fromkeys(codes):
            if code in reference.audiences:
                audiences.append(
                    EventAudience(event_id=plan.pk, audience_id=reference.audiences[code])
                )
        numbers = _axis_numbers(plan)
        for number in numbers:
            if number in reference.axes:
                axes.append(EventAxis(event_id=plan.pk, axis_id=reference.axes[number]))
        # The convention is served through its axes; a project by what is held while
        # it runs (as the migration linking events to programmes decided).
        day = plan.start.date()
        for pk, start, end, qpv_only in reference.projects:
            runs = start <= day and (end is None or day <= end)
            if runs and (2 in numbers or not qpv_only):
                programmes.append(EventProgramme(event_id=plan.pk, programme_id=pk))
        for organisation_id, role in plan.organisers:
            organisers.append(
                EventOrganisation(event_id=plan.pk, organisation_id=organisation_id, role=role)
            )
    create_in_batches(EventAudience, audiences)
    create_in_batches(EventAxis, axes)
    create_in_batches(EventOrganisation, organisers)
    create_in_batches(EventProgramme, programmes)
    return plans


def _plan_events(demo, size, reference):
    rng = demo.rng("events")
    coming_days = open_days(demo.today, demo.today + timedelta(days=COMING_DAYS))
    # Seven events in ten are past; the first twelve alternate past and coming.
    forced = min(12, size.events)
    rest = size.events - forced
    past_flags = [True] * round(rest * 0.7) + [False] * (rest - round(rest * 0.7))
    rng.shuffle(past_flags)
    past_flags = [i % 2 == 0 for i in range(forced)] + past_flags
    past_days = demo.timeline.draw_days(rng, sum(past_flags))
    format_weights = {fmt: spec["weight"] for fmt, spec in EVENT_FORMATS.items()}
    plans = []
    for i, past in enumerate(past_flags):
        # The first events take every format and language in turn, the 11th is
        # cancelled and the 12th a draft: tiny scales show every kind.
        fmt = FORMATS[i] if i < len(FORMATS) else weighted(rng, format_weights)
        spec = EVENT_FORMATS[fmt]
        if i < forced:
            language = LANGUAGES[i % len(LANGUAGES)]
        else:
            language = weighted(rng, spec.get("languages", LANGUAGE_WEIGHTS))
        day = past_days.pop() if past else rng.choice(coming_days)
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
            status = weighted(rng, STATUS_WEIGHTS["past" if past else "coming"])

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
            EventPlan(
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
    _hold_one_in_every_segment(demo, plans[forced:])
    return plans


def _hold_one_in_every_segment(demo, plans):
    """Un-cancel an event of any past segment whose events were all cancelled, so that
    every quarter's report has events held (the first, forced events are left alone)."""
    by_segment = {}
    for plan in plans:
        if plan.start < demo.now:
            segment = demo.timeline.segment_of(plan.start.date())
            by_segment.setdefault(segment, []).append(plan)
    for segment_plans in by_segment.values():
        if all(plan.status == Event.Status.CANCELLED for plan in segment_plans):
            plan = segment_plans[0]
            plan.status, plan.cancelled_at = Event.Status.PUBLISHED, None
            plan.updated_at = min(plan.created_at + timedelta(hours=24), demo.now)


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


def _plan_organisers(demo, plans, reference, companies):
    """A host (mostly the lead partner), co-organisers, and the companies that take
    part: the visited one, or several at job datings, afterworks and circles."""
    rng = demo.rng("organisers")
    partners = [p.pk for p in reference.partners]
    by_country = companies_by_country(companies)
    every_company = [pk for pk, _country in companies]
    Role = EventOrganisation.Role
    for plan in plans:
        host = reference.lead.pk if rng.random() < 0.6 else rng.choice(partners)
        plan.organisers.append((host, Role.HOST))
        others = [pk for pk in partners if pk != host]
        co_organisers = min(len(others), weighted(rng, {0: 35, 1: 45, 2: 20}))
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
        # Companies' working circles meet among invited companies: closed joint
        # actions for Interreg (RCO 81), where every other format is open to all.
        openness=(
            Event.Openness.CLOSED
            if plan.format == Event.Format.WORKING_CIRCLE
            else Event.Openness.PUBLIC
        ),
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
