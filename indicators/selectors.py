"""Reads behind the indicators and the comité de suivi report.

Every selector takes a `Period` and returns a queryset or a small dict of counts
computed by the database (aggregates grouped by a few keys, never a loop over
records). "Held" events are published events that ended within the period; an
event is outside the centre ("hors les murs") when flagged so or held at a venue
other than the centre.
"""

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from beneficiaries.models import SITUATION_FACTS, Beneficiary, Outcome, Pathway
from events.models import Attendance, Event, EventOrganisation, Registration
from partners.models import Organisation, ProjectPartnership

from .models import IndicatorValue, QuarterlyReport
from .quarters import PARIS

PORT_DU_RHIN = "port-du-rhin"
OUTSIDE_CENTRE = Q(outside_centre=True) | Q(venue__is_centre=False)
ORGANISING_ROLES = (EventOrganisation.Role.HOST, EventOrganisation.Role.CO_ORGANISER)


# Base querysets ---------------------------------------------------------------------


def serving(events, programme):
    """The events that serve `programme`: linked to it directly or through one of its
    axes; an event linked to no programme at all serves every programme running when
    it ends. All events when `programme` is None."""
    if programme is None:
        return events
    direct = Event.programmes.through.objects.filter(event=OuterRef("pk"))
    by_axis = Event.axes.through.objects.filter(event=OuterRef("pk"))
    untagged = ~Exists(direct) & ~Exists(by_axis)
    runs = Q(end__gte=datetime.datetime.combine(programme.start_date, datetime.time.min, PARIS))
    if programme.end_date:
        day_after = programme.end_date + datetime.timedelta(days=1)
        runs &= Q(end__lt=datetime.datetime.combine(day_after, datetime.time.min, PARIS))
    return events.filter(
        Exists(direct.filter(programme=programme))
        | Exists(by_axis.filter(axis__programme=programme))
        | (untagged & runs)
    )


def held_events(period, programme=None):
    """Published events that ended within the period (drafts and cancelled excluded),
    among those that serve `programme` when one is given."""
    return serving(
        Event.objects.filter(
            status=Event.Status.PUBLISHED, end__gte=period.start, end__lt=period.end
        ),
        programme,
    )


def cross_border_events(period, programme=None):
    """Events held in the period whose hosts and co-organisers come from at least two
    countries: the project's joint actions across borders."""
    countries = (
        EventOrganisation.objects.filter(event=OuterRef("pk"), role__in=ORGANISING_ROLES)
        .order_by()
        .values("event")
        .annotate(n=Count("organisation__country", distinct=True))
        .values("n")
    )
    return (
        held_events(period, programme)
        .annotate(organiser_countries=Subquery(countries, output_field=IntegerField()))
        .filter(organiser_countries__gte=2)
    )


def present_attendances(events):
    """Attendance rows marked present at the given events (no-shows excluded)."""
    return Attendance.objects.filter(present=True, event__in=events.values("pk"))


def present_person_ids(events):
    """Ids of the followed people present at the given events, whether staff linked
    the attendance or the registration to them (may hold NULLs)."""
    return (
        present_attendances(events)
        .annotate(person=Coalesce("beneficiary_id", "registration__beneficiary_id"))
        .values("person")
    )


def rsa_recipients():
    """People who received RSA (the French minimum income) at entry, whatever else
    held; they stay counted as such after leaving RSA."""
    return Beneficiary.objects.filter(rsa_recipient=True)


def outcomes_in(period, kind):
    """Outcomes of a kind dated within the period (dates read in Europe/Paris)."""
    return Outcome.objects.filter(kind=kind, date__gte=period.first_day, date__lte=period.last_day)


def pathways_active_in(period, scheme):
    """Pathways of a scheme that were open at some point of the period."""
    return Pathway.objects.filter(scheme=scheme, start_date__lte=period.last_day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period.first_day)
    )


def partners_first_cooperating(period, programme=None):
    """Organisations of the programme's partnership whose cooperation covers part of
    the period and none of the programme before it: each organisation counts in one
    period only, the first, and once over the programme."""
    partnerships = ProjectPartnership.objects.all()
    if programme is not None:
        partnerships = partnerships.filter(programme=programme)
    covering = partnerships.filter(start_date__lte=period.last_day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period.first_day)
    )
    # Cooperating on a day of the programme before the period: counted already.
    earlier = partnerships.filter(
        organisation=OuterRef("pk"),
        start_date__lt=period.first_day,
        programme__start_date__lt=period.first_day,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=F("programme__start_date")))
    return Organisation.objects.filter(pk__in=covering.values("organisation")).exclude(
        Exists(earlier)
    )


def organisations_taking_part(events, roles=None):
    """Organisations taking part in the given events (in the given roles, if any).

    Without roles, an organisation also takes part through a person who registered
    for it (an employer at an afterwork), once staff linked the registration to it:
    a confirmed place, unless the person was recorded absent."""
    participations = EventOrganisation.objects.filter(event__in=events.values("pk"))
    if roles:
        participations = participations.filter(role__in=roles)
        return Organisation.objects.filter(pk__in=participations.values("organisation"))
    registered = (
        Registration.objects.filter(
            event__in=events.values("pk"),
            organisation__isnull=False,
            status=Registration.Status.CONFIRMED,
        )
        .exclude(attendance__present=False)
        .values("organisation")
    )
    return Organisation.objects.filter(
        Q(pk__in=participations.values("organisation")) | Q(pk__in=registered)
    )


# Report sections --------------------------------------------------------------------


def events_by_format_and_language(period, programme=None):
    """Count of events held, by (format, language)."""
    rows = (
        held_events(period, programme)
        .order_by()
        .values("format", "language")
        .annotate(n=Count("pk"))
        .values_list("format", "language", "n")
    )
    return {(fmt, language): n for fmt, language, n in rows}


def event_counts(period, programme=None):
    """Events held, cancelled and held outside the centre in the period."""
    events = serving(Event.objects.filter(end__gte=period.start, end__lt=period.end), programme)
    return events.aggregate(
        held=Count("pk", filter=Q(status=Event.Status.PUBLISHED)),
        outside_centre=Count("pk", filter=Q(status=Event.Status.PUBLISHED) & OUTSIDE_CENTRE),
        cancelled=Count("pk", filter=Q(status=Event.Status.CANCELLED)),
    )


def registration_counts(period, programme=None):
    """Sign-ups to the events held in the period, by status, and how many confirmed
    sign-ups were present (attendance rate = present / confirmed)."""
    registrations = Registration.objects.filter(
        event__in=held_events(period, programme).values("pk")
    )
    figures = registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        present=Count(
            "pk",
            filter=Q(status=Registration.Status.CONFIRMED, attendance__present=True),
        ),
    )
    attendances = present_attendances(held_events(period, programme)).aggregate(
        present=Count("pk"), walk_ins=Count("pk", filter=Q(registration__isnull=True))
    )
    figures["participations"] = attendances["present"]
    figures["walk_ins"] = attendances["walk_ins"]
    return figures


def participants_by_situation(period, programme=None):
    """Distinct followed people present at events held in the period, counted under
    each fact of their situation at entry that holds (one person may count under
    several): {fact: count}, in one query."""
    ids = present_person_ids(held_events(period, programme))
    return Beneficiary.objects.filter(pk__in=ids).aggregate(
        **{fact: Count("pk", filter=Q(**{fact: True})) for fact in SITUATION_FACTS}
    )


def participants_by_neighbourhood(period, programme=None):
    """Distinct followed people living in a priority neighbourhood (QPV) present at
    events held in the period, by neighbourhood: {code: (name, count)}."""
    ids = present_person_ids(held_events(period, programme))
    rows = (
        Beneficiary.objects.filter(pk__in=ids, neighbourhood__isnull=False)
        .order_by()
        .values("neighbourhood__code", "neighbourhood__name")
        .annotate(n=Count("pk"))
        .values_list("neighbourhood__code", "neighbourhood__name", "n")
    )
    return {code: (name, n) for code, name, n in rows}


def outcome_counts(period):
    """Outcomes dated within the period, by kind, country, contract and whether the
    training is bilingual: {(kind, country, contract, language_training): count}."""
    rows = (
        Outcome.objects.filter(date__gte=period.first_day, date__lte=period.last_day)
        .order_by()
        .values("kind", "country", "contract", "language_training")
        .annotate(n=Count("pk"))
        .values_list("kind", "country", "contract", "language_training", "n")
    )
    return {(kind, country, contract, training): n for kind, country, contract, training, n in rows}


def partner_engagement(period, programme=None):
    """Distinct organisations taking part in events held in the period, by role and by
    country: {(role, country): count}."""
    rows = (
        EventOrganisation.objects.filter(event__in=held_events(period, programme).values("pk"))
        .order_by()
        .values("role", "organisation__country")
        .annotate(n=Count("organisation", distinct=True))
        .values_list("role", "organisation__country", "n")
    )
    return {(role, country): n for role, country, n in rows}


def most_engaged_organisations(period, programme=None, limit=12):
    """The organisations taking part in the most events held in the period, with
    their count of events as host or co-organiser and as participant."""
    events = held_events(period, programme).values("pk")
    in_period = Q(event_participations__event__in=events)
    return (
        Organisation.objects.annotate(
            organised=Count(
                "event_participations",
                filter=in_period & Q(event_participations__role__in=ORGANISING_ROLES),
            ),
            participated=Count(
                "event_participations",
                filter=in_period & Q(event_participations__role=EventOrganisation.Role.PARTICIPANT),
            ),
        )
        .annotate(total=Coalesce("organised", 0) + Coalesce("participated", 0))
        .filter(total__gt=0)
        .order_by("-total", "name")
        .values("name", "acronym", "country", "kind", "organised", "participated")[:limit]
    )


def event_series(period, programme=None):
    """Events held in the period grouped into series (same titles, format, language and
    venue), with their sessions, first and last dates, confirmed sign-ups and people
    present. A weekly drop-in is one line, not thirteen."""
    present = (
        Attendance.objects.filter(event=OuterRef("pk"), present=True)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CONFIRMED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        held_events(period, programme)
        .order_by()
        .values(
            "title_fr",
            "title_de",
            "format",
            "language",
            "venue__name",
            "venue__city",
            "venue__is_centre",
            "outside_centre",
        )
        .annotate(
            sessions=Count("pk"),
            first=Min("start"),
            last=Max("start"),
            confirmed=Sum(Coalesce(Subquery(confirmed, output_field=IntegerField()), 0)),
            present=Sum(Coalesce(Subquery(present, output_field=IntegerField()), 0)),
        )
        .order_by("first", "title_fr", "venue__name")
    )


# Stored values and reports ----------------------------------------------------------


def values_for(indicators, quarters):
    """Stored values of the indicators for the quarters: {(indicator_id, (y, q)): value}."""
    years = {q.year for q in quarters}
    wanted = {(q.year, q.number) for q in quarters}
    rows = IndicatorValue.objects.filter(indicator__in=indicators, year__in=years)
    return {
        (row.indicator_id, (row.year, row.quarter)): row
        for row in rows
        if (row.year, row.quarter) in wanted
    }


def manual_cumulative_sums(indicators, first, last):
    """Sum of the stored quarter values of each indicator from quarter `first` to
    `last` included: {indicator_id: total}."""
    after_first = Q(year__gt=first.year) | Q(year=first.year, quarter__gte=first.number)
    before_last = Q(year__lt=last.year) | Q(year=last.year, quarter__lte=last.number)
    rows = (
        IndicatorValue.objects.filter(indicator__in=indicators)
        .filter(after_first, before_last)
        .order_by()
        .values("indicator")
        .annotate(total=Sum("value"))
        .values_list("indicator", "total")
    )
    return dict(rows)


def published_reports():
    """Published reports, newest quarter first, with their programme."""
    return (
        QuarterlyReport.objects.filter(status=QuarterlyReport.Status.PUBLISHED)
        .select_related("programme")
        .order_by("programme__start_date", "programme__code", "-year", "-quarter", "-version")
    )


def latest_report(programme, quarter, language):
    """The highest version of a programme's report for a quarter and a language."""
    return (
        QuarterlyReport.objects.filter(
            programme=programme, year=quarter.year, quarter=quarter.number, language=language
        )
        .order_by("-version")
        .first()
    )
