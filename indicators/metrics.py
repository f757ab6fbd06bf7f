"""The registry of computed metrics.

A metric is a named, documented function of a `Period` that returns the queryset of
the records behind a figure (people, events, organisations or attendances); the
`@metric` decorator registers it and turns it into a callable that returns a
`MetricResult`: `.value` is one aggregate query, `.records()` the queryset staff
drill down into. An `Indicator` of kind "computed" names its metric.

Where a metric counts people, one person is counted once however many events or
outcomes they have in the period. "RSA recipient" means the person received RSA
(revenu de solidarité active, the French minimum income) at entry, whatever else
held: people who have since left RSA still count. Dates are compared in Europe/Paris.
"""

import datetime
import inspect
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Lower
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import Beneficiary, Outcome, Pathway
from events.models import Attendance, Event, EventOrganisation
from partners.models import Country, Organisation

from . import selectors
from .quarters import PARIS

PEOPLE = "people"
PARTICIPATIONS = "participations"
EVENTS = "events"
ORGANISATIONS = "organisations"
REFERRALS = "referrals"  # referrals between partners (app referrals)

COUNTED = {
    PEOPLE: _("people"),
    PARTICIPATIONS: _("participations"),
    EVENTS: _("events"),
    ORGANISATIONS: _("organisations"),
    REFERRALS: _("referrals"),
}
# Small counts of these could identify someone: reports outside staff suppress them.
DESCRIBES_PEOPLE = {PEOPLE, PARTICIPATIONS, REFERRALS}


@dataclass(frozen=True)
class Period:
    """A half-open span of time [start, end) between two aware datetimes."""

    start: datetime.datetime
    end: datetime.datetime

    def __post_init__(self):
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("A period needs aware datetimes.")
        if self.end <= self.start:
            raise ValueError("A period must end after it starts.")

    @classmethod
    def of_days(cls, first_day, last_day):
        """From the first to the last day included, in Europe/Paris."""
        return cls(
            datetime.datetime.combine(first_day, datetime.time.min, PARIS),
            datetime.datetime.combine(
                last_day + datetime.timedelta(days=1), datetime.time.min, PARIS
            ),
        )

    @classmethod
    def of_quarter(cls, quarter):
        return cls(quarter.start, quarter.end)

    @property
    def first_day(self):
        """The first day the period touches, in Europe/Paris."""
        return self.start.astimezone(PARIS).date()

    @property
    def last_day(self):
        """The last day the period touches, in Europe/Paris (for date fields)."""
        return (self.end - datetime.timedelta(microseconds=1)).astimezone(PARIS).date()

    def clip(self, start=None, end=None):
        """The part of the period between `start` and `end` (either may be None);
        None when nothing is left."""
        new_start = max(self.start, start) if start else self.start
        new_end = min(self.end, end) if end else self.end
        if new_end <= new_start:
            return None
        return Period(new_start, new_end)


class MetricResult:
    """A metric evaluated over a period: its value (one aggregate query, run on first
    access) and the records behind it."""

    def __init__(self, metric, period, programme=None):
        self.metric = metric
        self.period = period
        # A programme narrows the events counted to those that serve it.
        self.programme = programme

    def records(self):
        if self.metric.scoped:
            return self.metric.build(self.period, programme=self.programme)
        return self.metric.build(self.period)

    @cached_property
    def value(self):
        records = self.records()
        if self.metric.aggregate is not None:
            return self.metric.aggregate(records) or 0
        return records.count()

    def __repr__(self):
        return f"<MetricResult {self.metric.name} {self.period.first_day}…{self.period.last_day}>"


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    counts: str
    description: str
    build: object  # function(period) -> QuerySet
    aggregate: object = None  # function(QuerySet) -> int; default: count()
    scoped: bool = False  # build takes the programme (events that serve it)

    def __call__(self, period, programme=None):
        return MetricResult(self, period, programme)

    @property
    def describes_people(self):
        return self.counts in DESCRIBES_PEOPLE

    @property
    def unit(self):
        return COUNTED[self.counts]


REGISTRY = {}


class UnknownMetric(KeyError):
    pass


def metric(name, *, label, counts, aggregate=None, description=None):
    """Register the decorated function as the metric `name`."""
    if counts not in COUNTED:
        raise ImproperlyConfigured(f"Unknown kind of count {counts!r} for metric {name}.")

    def register(function):
        if name in REGISTRY:
            raise ImproperlyConfigured(f"The metric {name} is registered twice.")
        doc = description or inspect.getdoc(function)
        if not doc:
            raise ImproperlyConfigured(f"The metric {name} needs a docstring.")
        scoped = "programme" in inspect.signature(function).parameters
        REGISTRY[name] = Metric(name, label, counts, doc, function, aggregate, scoped)
        return REGISTRY[name]

    return register


def get_metric(name):
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownMetric(name) from None


def metric_choices():
    """(name, label) pairs for forms, sorted by name."""
    return [(name, f"{name} – {m.label}") for name, m in sorted(REGISTRY.items())]


def count_distinct_people(attendances):
    """Distinct people among attendance rows: a followed person by their record, a
    registered person by their email, an anonymous or unlinked walk-in once per row.
    The three kinds never overlap, so they are counted apart in one pass: distinct
    person ids, distinct emails of sign-ups linked to no one, and walk-ins linked to
    no one (cheaper than one distinct text key per row, which spills to disk)."""
    person_id = Coalesce("beneficiary_id", "registration__beneficiary_id")
    unlinked = Q(beneficiary__isnull=True, registration__beneficiary__isnull=True)
    figures = attendances.order_by().aggregate(
        people=Count(person_id, distinct=True),
        emails=Count(
            Lower("registration__email"),
            distinct=True,
            filter=unlinked & Q(registration__isnull=False),
        ),
        walk_ins=Count("pk", filter=unlinked & Q(registration__isnull=True)),
    )
    return figures["people"] + figures["emails"] + figures["walk_ins"]


def _people(queryset):
    return queryset.select_related("neighbourhood").order_by("reference")


def _events(queryset):
    return queryset.select_related("venue").order_by("start", "pk")


def _organisations(queryset):
    return queryset.order_by("name")


def _attendances(queryset):
    return queryset.select_related("event", "registration", "beneficiary").order_by(
        "event__start", "pk"
    )


def _present_at(events):
    """Whether the person of the outer row was present at one of `events`, linked by
    staff or through their registration: two EXISTS that each follow an index, where
    `pk IN (every attendance of the period)` builds a hash of all of them."""
    present = Attendance.objects.filter(present=True, event__in=events.values("pk"))
    return Exists(present.filter(beneficiary=OuterRef("pk"))) | Exists(
        present.filter(registration__beneficiary=OuterRef("pk"))
    )


# Activity ---------------------------------------------------------------------------


@metric("events_held", label=_("Events held"), counts=EVENTS)
def events_held(period, programme=None):
    """Published events that ended within the period; drafts and cancelled events are
    left out."""
    return _events(selectors.held_events(period, programme))


def _register_events_by_format():
    for event_format in Event.Format:

        def build(period, programme=None, event_format=event_format):
            return _events(selectors.held_events(period, programme).filter(format=event_format))

        metric(
            f"events_held_{event_format.value}",
            label=format_lazy(_("Events held: {format}"), format=event_format.label),
            counts=EVENTS,
            description=(
                f"Published events of the format “{event_format.value}” that ended within "
                "the period."
            ),
        )(build)


_register_events_by_format()


@metric("events_held_outside_centre", label=_("Events held outside the centre"), counts=EVENTS)
def events_held_outside_centre(period, programme=None):
    """Events held in the period outside the centre ("hors les murs"): flagged so, or
    at a venue other than the centre."""
    return _events(selectors.held_events(period, programme).filter(selectors.OUTSIDE_CENTRE))


@metric("participations", label=_("Participations in events"), counts=PARTICIPATIONS)
def participations(period, programme=None):
    """Attendances marked present at events held in the period: a person at three
    events counts three times; no-shows are left out."""
    return _attendances(selectors.present_attendances(selectors.held_events(period, programme)))


@metric(
    "unique_participants",
    label=_("People taking part in events"),
    counts=PEOPLE,
    aggregate=count_distinct_people,
)
def unique_participants(period, programme=None):
    """Distinct people present at events held in the period (a person at three events
    counts once); records are their attendances."""
    return _attendances(selectors.present_attendances(selectors.held_events(period, programme)))


# Cross-border cooperation (Interreg common indicators) ------------------------------


@metric(
    "cross_border_events",
    label=_("Public events across borders jointly organised"),
    counts=EVENTS,
)
def cross_border_events(period, programme=None):
    """Events held in the period whose hosts and co-organisers come from at least two
    countries (Interreg RCO 115)."""
    return _events(selectors.cross_border_events(period, programme))


@metric(
    "cross_border_participations",
    label=_("Participations in joint actions across borders"),
    counts=PARTICIPATIONS,
)
def cross_border_participations(period, programme=None):
    """Attendances marked present at cross-border events held in the period (Interreg
    RCO 81): each participation counts."""
    return _attendances(
        selectors.present_attendances(selectors.cross_border_events(period, programme))
    )


@metric(
    "cross_border_unique_participants",
    label=_("People taking part in joint actions across borders"),
    counts=PEOPLE,
    aggregate=count_distinct_people,
)
def cross_border_unique_participants(period, programme=None):
    """Distinct people present at cross-border events held in the period (RCO 81
    counted as people); records are their attendances."""
    return _attendances(
        selectors.present_attendances(selectors.cross_border_events(period, programme))
    )


@metric(
    "cross_border_organisations",
    label=_("Organisations cooperating across borders"),
    counts=ORGANISATIONS,
)
def cross_border_organisations(period, programme=None):
    """Organisations hosting or co-organising cross-border events held in the period
    (Interreg RCO 87)."""
    return _organisations(
        selectors.organisations_taking_part(
            selectors.cross_border_events(period, programme), roles=selectors.ORGANISING_ROLES
        )
    )


def _joint_actions(period, programme, openness):
    return selectors.cross_border_events(period, programme).filter(openness=openness)


@metric(
    "public_cross_border_events",
    label=_("Public events across borders jointly organised, open to all"),
    counts=EVENTS,
)
def public_cross_border_events(period, programme=None):
    """Public events open to all, held in the period, whose hosts and co-organisers
    come from at least two countries (Interreg RCO 115): each counts once. Closed joint
    actions count in RCO 81 instead, internal meetings in neither."""
    return _events(_joint_actions(period, programme, Event.Openness.PUBLIC))


@metric(
    "joint_action_participations",
    label=_("Participations in closed joint actions across borders"),
    counts=PARTICIPATIONS,
)
def joint_action_participations(period, programme=None):
    """Attendances marked present at closed joint actions (invited groups, workshops
    for a cohort) held in the period and organised from at least two countries
    (Interreg RCO 81): each participation counts. Public events count in RCO 115
    instead, internal meetings in neither."""
    events = _joint_actions(period, programme, Event.Openness.CLOSED)
    return _attendances(selectors.present_attendances(events))


@metric(
    "joint_action_participants",
    label=_("People taking part in closed joint actions across borders (project figure)"),
    counts=PEOPLE,
    aggregate=count_distinct_people,
)
def joint_action_participants(period, programme=None):
    """Distinct people present at the closed joint actions of RCO 81 (a person at three
    counts once): the project's own figure beside RCO 81, not an EU indicator; records
    are their attendances."""
    events = _joint_actions(period, programme, Event.Openness.CLOSED)
    return _attendances(selectors.present_attendances(events))


@metric(
    "project_partners",
    label=_("Organisations cooperating in the project"),
    counts=ORGANISATIONS,
)
def project_partners(period, programme=None):
    """Organisations of the programme's partnership (lead, partners, associated
    partners) counted once, in the first period of the programme their cooperation
    covers (Interreg RCO 87): over several quarters, each counts in one quarter and
    once in the cumulative value; event organisers outside the partnership do not
    count."""
    return _organisations(selectors.partners_first_cooperating(period, programme))


# Convention 2020, axis 1: forward-looking management of jobs and skills (GPTEC) ----


@metric(
    "companies_in_working_circles",
    label=_("Companies taking part in working circles"),
    counts=ORGANISATIONS,
)
def companies_in_working_circles(period, programme=None):
    """Companies taking part, in any role, in companies' working circles held in the
    period."""
    circles = selectors.held_events(period, programme).filter(format=Event.Format.WORKING_CIRCLE)
    return _organisations(
        selectors.organisations_taking_part(circles).filter(kind=Organisation.Kind.COMPANY)
    )


@metric(
    "rsa_recipients_in_gptec_programmes",
    label=_("RSA recipients in GPTEC programmes"),
    counts=PEOPLE,
)
def rsa_recipients_in_gptec_programmes(period, programme=None):
    """RSA recipients in a GPTEC pathway open during the period, or present at a
    recruitment meeting (job dating) held in the period."""
    pathways = selectors.pathways_active_in(period, Pathway.Scheme.GPTEC)
    meetings = selectors.held_events(period, programme).filter(
        format=Event.Format.RECRUITMENT_MEETING
    )
    return _people(
        selectors.rsa_recipients().filter(
            Q(pk__in=pathways.values("beneficiary"))
            | Q(pk__in=selectors.present_person_ids(meetings))
        )
    )


# Axis 2: priority neighbourhoods (QPV) and deep poverty -----------------------------


@metric(
    "inclusive_actions_by_companies",
    label=_("Inclusive actions offered by companies"),
    counts=EVENTS,
)
def inclusive_actions_by_companies(period, programme=None):
    """Events held in the period in which a company takes part (hosting, co-organising
    or opening its doors), except working circles and employer afterworks, which
    gather companies among themselves."""
    companies = EventOrganisation.objects.filter(organisation__kind=Organisation.Kind.COMPANY)
    return _events(
        selectors.held_events(period, programme)
        .exclude(format__in=[Event.Format.WORKING_CIRCLE, Event.Format.EMPLOYER_AFTERWORK])
        .filter(pk__in=companies.values("event"))
    )


@metric("rsa_recipients_leaving_rsa", label=_("RSA recipients leaving RSA"), counts=PEOPLE)
def rsa_recipients_leaving_rsa(period):
    """RSA recipients with an exit from RSA dated within the period."""
    exits = selectors.outcomes_in(period, Outcome.Kind.RSA_EXIT)
    return _people(selectors.rsa_recipients().filter(pk__in=exits.values("beneficiary")))


# Axis 3: accessibility and proximity (the KaleidosCOOP third place) -----------------


@metric(
    "residents_and_rsa_recipients_outside_centre",
    label=_("Port du Rhin residents and RSA recipients at events outside the centre"),
    counts=PEOPLE,
)
def residents_and_rsa_recipients_outside_centre(period, programme=None):
    """Followed people living in the Port du Rhin priority neighbourhood, or RSA
    recipients, present at an event held outside the centre in the period."""
    outside = selectors.held_events(period, programme).filter(selectors.OUTSIDE_CENTRE)
    return _people(
        Beneficiary.objects.filter(pk__in=selectors.present_person_ids(outside)).filter(
            Q(neighbourhood__code=selectors.PORT_DU_RHIN) | Q(rsa_recipient=True)
        )
    )


@metric(
    "rsa_recipients_developing_a_business",
    label=_("Self-employed RSA recipients developing their business at the centre"),
    counts=PEOPLE,
)
def rsa_recipients_developing_a_business(period):
    """RSA recipients with a business creation dated within the period who have taken
    part in at least one event at the centre by the end of the period."""
    creations = selectors.outcomes_in(period, Outcome.Kind.BUSINESS_CREATION)
    at_centre = Event.objects.filter(status=Event.Status.PUBLISHED, end__lt=period.end).exclude(
        selectors.OUTSIDE_CENTRE
    )
    # The few creators first, then one indexed look-up of their attendances each.
    return _people(
        selectors.rsa_recipients()
        .filter(Exists(creations.filter(beneficiary=OuterRef("pk"))))
        .filter(_present_at(at_centre))
    )


# Axis 4: cross-border employment -----------------------------------------------------


@metric(
    "rsa_recipients_employed_in_germany",
    label=_("RSA recipients employed in German companies"),
    counts=PEOPLE,
)
def rsa_recipients_employed_in_germany(period):
    """RSA recipients with a job in Germany dated within the period."""
    jobs = selectors.outcomes_in(period, Outcome.Kind.JOB).filter(country=Country.GERMANY)
    return _people(selectors.rsa_recipients().filter(pk__in=jobs.values("beneficiary")))


@metric(
    "rsa_recipients_in_tailored_pathways",
    label=_("RSA recipients in tailored pathways"),
    counts=PEOPLE,
)
def rsa_recipients_in_tailored_pathways(period):
    """RSA recipients in a Tremplin sur le Rhin three-month tailored pathway open during
    the period."""
    pathways = selectors.pathways_active_in(period, Pathway.Scheme.TREMPLIN)
    return _people(selectors.rsa_recipients().filter(pk__in=pathways.values("beneficiary")))


@metric(
    "rsa_recipients_in_bilingual_training",
    label=_("RSA recipients in bilingual training"),
    counts=PEOPLE,
)
def rsa_recipients_in_bilingual_training(period):
    """RSA recipients with a bilingual or German language training dated within the
    period."""
    trainings = selectors.outcomes_in(period, Outcome.Kind.TRAINING).filter(language_training=True)
    return _people(selectors.rsa_recipients().filter(pk__in=trainings.values("beneficiary")))


@metric(
    "referrals_to_placement_service",
    label=_("People referred to the cross-border placement service in Kehl"),
    counts=PEOPLE,
)
def referrals_to_placement_service(period):
    """Followed people referred to the Service de Placement Transfrontalier in Kehl
    within the period."""
    referrals = selectors.outcomes_in(period, Outcome.Kind.PLACEMENT_REFERRAL)
    return _people(Beneficiary.objects.filter(pk__in=referrals.values("beneficiary")))
