"""Retention without an exit date: a followed person with no exit date and no
activity (attendance, contact note, pathway, outcome, or their entry) for
PERSONAL_DATA_INACTIVITY_YEARS is treated as having left, and anonymised as the
retention purge anonymises those who left. Their referent is warned
INACTIVITY_WARNING_DAYS before, once per silence; nobody is anonymised for
inactivity without that warning having been given that long before."""

import datetime
import itertools

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import DateField, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from beneficiaries.models import Beneficiary, ContactNote, Outcome, Pathway
from events.models import Attendance
from fse.reminders import language_of

from .models import InactivityWarning


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def years_after(day, years):
    return years_before(day, -years)


def _latest(queryset, field):
    return Subquery(
        queryset.filter(beneficiary=OuterRef("pk"))
        .order_by()
        .values("beneficiary")
        .annotate(latest=Max(field))
        .values("latest")[:1],
        output_field=DateField(),
    )


def with_last_activity(people):
    """Annotate `last_activity`: the latest day the person came to an event, was
    contacted, began or ended a pathway, had an outcome, or entered."""
    entry = F("entry_date")
    return people.annotate(
        last_activity=Greatest(
            entry,
            Coalesce(
                _latest(
                    Attendance.objects.annotate(
                        day=TruncDate("event__end", tzinfo=timezone.get_default_timezone())
                    ),
                    "day",
                ),
                entry,
            ),
            Coalesce(_latest(ContactNote.objects.all(), "date"), entry),
            Coalesce(_latest(Pathway.objects.all(), "start_date"), entry),
            Coalesce(_latest(Pathway.objects.all(), "end_date"), entry),
            Coalesce(_latest(Outcome.objects.all(), "date"), entry),
        )
    )


def inactive_people(today, *, days_ahead=0):
    """People with no exit date, not anonymised, whose last activity will be older
    than the inactivity period `days_ahead` days from `today`."""
    cutoff = years_before(
        today + datetime.timedelta(days=days_ahead), settings.PERSONAL_DATA_INACTIVITY_YEARS
    )
    people = Beneficiary.objects.filter(exit_date__isnull=True, anonymised_at__isnull=True)
    return with_last_activity(people).filter(last_activity__lt=cutoff)


def due_for_inactivity(today):
    """Inactive people whose referent was warned of this very silence and whose
    anonymisation date has come."""
    return inactive_people(today).filter(
        inactivity_warning__last_activity=F("last_activity"),
        inactivity_warning__due_on__lte=today,
    )


def _due_on(last_activity, today):
    natural = years_after(last_activity, settings.PERSONAL_DATA_INACTIVITY_YEARS)
    natural += datetime.timedelta(days=1)
    return max(natural, today + datetime.timedelta(days=settings.INACTIVITY_WARNING_DAYS))


def _claim(person, today, now):
    """Record the warning of this silence; False when it was already recorded (by
    an earlier or a concurrent run)."""
    values = {
        "last_activity": person.last_activity,
        "due_on": _due_on(person.last_activity, today),
        "warned_at": now,
        "emailed_to": person.referent if person.referent_id else None,
    }
    # A warning of an earlier silence (the person came back, then went quiet again).
    if InactivityWarning.objects.filter(
        beneficiary=person, last_activity__lt=person.last_activity
    ).update(**values):
        return True
    try:
        with transaction.atomic():
            InactivityWarning.objects.create(beneficiary=person, **values)
    except IntegrityError:
        return False
    return True


def warn_due(today=None):
    """Warn each referent, in one email, of the people they follow who will be
    anonymised for inactivity within INACTIVITY_WARNING_DAYS; each silence is warned
    once. Returns how many people were warned."""
    today = today or timezone.localdate()
    now = timezone.now()
    people = (
        inactive_people(today, days_ahead=settings.INACTIVITY_WARNING_DAYS)
        .select_related("referent")
        .order_by("referent_id", "pk")
    )
    warned = 0
    for _referent_id, group in itertools.groupby(people, key=lambda p: p.referent_id):
        with transaction.atomic():
            claimed = [p for p in group if _claim(p, today, now)]
            warned += len(claimed)
            referent = claimed[0].referent if claimed else None
            if referent is not None and referent.is_active and referent.email:
                _send(referent, claimed)
    return warned


def _send(referent, people):
    with translation.override(language_of(referent)):
        context = {
            "referent": referent,
            "people": [
                {
                    "reference": p.reference,
                    "name": f"{p.first_name} {p.last_name}",
                    "last_activity": formats.date_format(p.last_activity, "SHORT_DATE_FORMAT"),
                    "due_on": formats.date_format(p.inactivity_warning.due_on, "SHORT_DATE_FORMAT"),
                    "url": settings.SITE_URL
                    + reverse("admin:beneficiaries_beneficiary_change", args=[p.pk]),
                }
                for p in people
            ],
            "years": settings.PERSONAL_DATA_INACTIVITY_YEARS,
        }
        subject = translation.gettext("People to be anonymised for inactivity")
        body = render_to_string("privacy/emails/inactivity.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [referent.email]).send()


def pending_warnings(today):
    """Warnings not yet acted on, soonest first, for the team's dashboard."""
    return (
        InactivityWarning.objects.filter(
            beneficiary__anonymised_at__isnull=True, beneficiary__exit_date__isnull=True
        )
        .select_related("beneficiary__referent")
        .order_by("due_on", "pk")
    )
