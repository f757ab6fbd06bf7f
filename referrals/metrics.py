"""Referral figures: metrics of the indicators registry (so that a programme can
report them) and the quarter's table by receiving organisation and by country, with
the median time to an answer, for the team's dashboard.

A referral counts in the period in which the step happened: sent by its sending
date, accepted, refused or expired by the date of that answer (or expiry), a result
by the result's date. Dates are compared in Europe/Paris.
"""

import statistics

from django.db.models import Count, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators.metrics import REFERRALS, metric
from partners.models import Country

from .models import Referral

State = Referral.State


def _referrals(queryset):
    return queryset.select_related("beneficiary", "receiving_organisation").order_by(
        "sent_at", "pk"
    )


def sent_in(period):
    return Referral.objects.filter(sent_at__gte=period.start, sent_at__lt=period.end)


def answered_in(period, state):
    return Referral.objects.filter(
        state=state, answered_at__gte=period.start, answered_at__lt=period.end
    )


def results_in(period):
    return Referral.objects.filter(
        result_date__gte=period.first_day, result_date__lte=period.last_day
    ).exclude(result="")


@metric("referrals_sent", label=_("Referrals sent to partners"), counts=REFERRALS)
def referrals_sent(period):
    """Referrals sent to a partner organisation within the period."""
    return _referrals(sent_in(period))


@metric("referrals_accepted", label=_("Referrals accepted by partners"), counts=REFERRALS)
def referrals_accepted(period):
    """Referrals the receiving organisation accepted within the period."""
    return _referrals(answered_in(period, State.ACCEPTED))


@metric("referrals_refused", label=_("Referrals refused by partners"), counts=REFERRALS)
def referrals_refused(period):
    """Referrals the receiving organisation refused within the period, whatever the
    reason."""
    return _referrals(answered_in(period, State.REFUSED))


@metric("referrals_expired", label=_("Referrals expired without an answer"), counts=REFERRALS)
def referrals_expired(period):
    """Referrals that reached their expiry within the period with no answer."""
    return _referrals(answered_in(period, State.EXPIRED))


@metric("referrals_with_result", label=_("Referrals with a result"), counts=REFERRALS)
def referrals_with_result(period):
    """Accepted referrals whose result (any kind) is dated within the period."""
    return _referrals(results_in(period))


def _register_breakdowns():
    for reason in Referral.RefusalReason:

        def by_reason(period, reason=reason):
            return _referrals(answered_in(period, State.REFUSED).filter(refusal_reason=reason))

        metric(
            f"referrals_refused_{reason.value}",
            label=format_lazy(_("Referrals refused: {reason}"), reason=reason.label),
            counts=REFERRALS,
            description=(f"Referrals refused within the period for the reason “{reason.value}”."),
        )(by_reason)
    for result in Referral.Result:

        def by_result(period, result=result):
            return _referrals(results_in(period).filter(result=result))

        metric(
            f"referrals_result_{result.value}",
            label=format_lazy(_("Referrals with the result: {result}"), result=result.label),
            counts=REFERRALS,
            description=f"Accepted referrals with the result “{result.value}” dated in the period.",
        )(by_result)
    for country in Country:

        def by_country(period, country=country):
            return _referrals(sent_in(period).filter(receiving_organisation__country=country))

        metric(
            f"referrals_sent_to_{country.value.lower()}",
            label=format_lazy(_("Referrals sent to partners in {country}"), country=country.label),
            counts=REFERRALS,
            description=(
                f"Referrals sent within the period to organisations in the country "
                f"“{country.value}”."
            ),
        )(by_country)


_register_breakdowns()


# The quarter's table ----------------------------------------------------------------


def _counts(period):
    in_period = Q(answered_at__gte=period.start, answered_at__lt=period.end)
    return dict(
        sent=Count("pk", filter=Q(sent_at__gte=period.start, sent_at__lt=period.end)),
        accepted=Count("pk", filter=in_period & Q(state=State.ACCEPTED)),
        refused=Count("pk", filter=in_period & Q(state=State.REFUSED)),
        expired=Count("pk", filter=in_period & Q(state=State.EXPIRED)),
        results=Count(
            "pk",
            filter=Q(result_date__gte=period.first_day, result_date__lte=period.last_day)
            & ~Q(result=""),
        ),
    )


def _touching(period):
    """Referrals with a step in the period: only those rows are grouped."""
    return Referral.objects.filter(
        Q(sent_at__gte=period.start, sent_at__lt=period.end)
        | Q(answered_at__gte=period.start, answered_at__lt=period.end)
        | Q(result_date__gte=period.first_day, result_date__lte=period.last_day)
    ).order_by()


FIGURES = ("sent", "accepted", "refused", "expired", "results")


def figures_by_organisation(period):
    """One row per receiving organisation with a step in the period (its country
    too): sent, accepted, refused, expired and results counted as the metrics count
    them. One query."""
    return list(
        _touching(period)
        .values(
            "receiving_organisation",
            "receiving_organisation__name",
            "receiving_organisation__country",
        )
        .annotate(**_counts(period))
        .order_by("receiving_organisation__name")
    )


def figures_by_country(period, by_organisation=None):
    """The same figures summed by the receiving organisation's country (its name as
    `country`), from `figures_by_organisation` (read again when not given)."""
    if by_organisation is None:
        by_organisation = figures_by_organisation(period)
    countries = {}
    for row in by_organisation:
        code = row["receiving_organisation__country"]
        total = countries.setdefault(
            code,
            {"receiving_organisation__country": code, "country": Country(code).label}
            | dict.fromkeys(FIGURES, 0),
        )
        for figure in FIGURES:
            total[figure] += row[figure]
    return [countries[code] for code in sorted(countries)]


def refusals_and_results(period):
    """({reason: count} of the refusals in the period, {result: count} of the results
    dated in it), zeros left out. One query."""
    refused = Q(state=State.REFUSED, answered_at__gte=period.start, answered_at__lt=period.end)
    dated = Q(result_date__gte=period.first_day, result_date__lte=period.last_day)
    counts = _touching(period).aggregate(
        **{
            f"reason_{reason}": Count("pk", filter=refused & Q(refusal_reason=reason))
            for reason in Referral.RefusalReason.values
        },
        **{
            f"result_{result}": Count("pk", filter=dated & Q(result=result))
            for result in Referral.Result.values
        },
    )
    reasons = {
        r: counts[f"reason_{r}"] for r in Referral.RefusalReason.values if counts[f"reason_{r}"]
    }
    results = {r: counts[f"result_{r}"] for r in Referral.Result.values if counts[f"result_{r}"]}
    return reasons, results


def median_days_to_answer(period):
    """The median time, in days, between sending and the partner's answer (accept or
    refuse) of the referrals answered in the period; None without any. Expiry is no
    answer and is left out. One query."""
    answered = (
        Referral.objects.filter(
            state__in=[State.ACCEPTED, State.REFUSED],
            answered_at__gte=period.start,
            answered_at__lt=period.end,
        )
        .order_by()
        .values_list("sent_at", "answered_at")
    )
    durations = [
        (answered_at - sent_at).total_seconds() / 86400 for sent_at, answered_at in answered
    ]
    if not durations:
        return None
    return round(statistics.median(durations), 1)


def quarter_figures(period):
    """Everything the dashboard shows about referrals for one period: three
    queries."""
    by_organisation = figures_by_organisation(period)
    refusals, results = refusals_and_results(period)
    return {
        "by_organisation": by_organisation,
        "by_country": figures_by_country(period, by_organisation),
        "refusals": [
            (reason.label, refusals[reason.value])
            for reason in Referral.RefusalReason
            if reason.value in refusals
        ],
        "results": [
            (result.label, results[result.value])
            for result in Referral.Result
            if result.value in results
        ],
        "median_days": median_days_to_answer(period),
    }


def report_totals(period):
    """The quarterly report's referral lines: sent, accepted, refused, expired and
    with a result in the period (as the metrics count them), and the median days to
    an answer. Two queries."""
    totals = Referral.objects.order_by().aggregate(**_counts(period))
    return totals | {"median_days": median_days_to_answer(period)}
