"""Emails reminding referents of the FSE+ steps due for the people they follow.

Each step of each participation is reminded once: the reminder is recorded in the
same transaction as the email is sent, so a second run finds it and sends nothing,
and a failed send leaves it to the next run."""

import itertools

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from partners.models import Country

from .lifecycle import due_steps, participants
from .models import Reminder


def language_of(user):
    """A partner referent of a German or Swiss organisation reads German; the team
    and the others, French."""
    contact = getattr(user, "partner_contact", None)
    if contact is not None and contact.organisation.country in (
        Country.GERMANY,
        Country.SWITZERLAND,
    ):
        return "de"
    return "fr"


def steps_to_remind(today):
    """Due steps of people with an active referent with an email, not yet reminded."""
    participations = (
        participants()
        .filter(
            beneficiary__referent__is_active=True,
            beneficiary__anonymised_at__isnull=True,
        )
        .exclude(beneficiary__referent__email="")
    )
    reminded = set(Reminder.objects.values_list("participation_id", "step"))
    return [
        step
        for step in due_steps(participations, today)
        if (step.participation.pk, step.step) not in reminded
    ]


def send_reminders(today=None):
    """One email per referent listing their newly due steps; returns how many emails
    were sent."""
    today = today or timezone.localdate()
    steps = sorted(steps_to_remind(today), key=lambda s: s.participation.beneficiary.referent_id)
    sent = 0
    for _referent_id, group in itertools.groupby(
        steps, key=lambda s: s.participation.beneficiary.referent_id
    ):
        group = list(group)
        try:
            with transaction.atomic():
                Reminder.objects.bulk_create(
                    [Reminder(participation=s.participation, step=s.step) for s in group]
                )
                _send(group[0].participation.beneficiary.referent, group, today)
        except IntegrityError:
            continue  # another run reminded them meanwhile
        sent += 1
    return sent


def _send(referent, steps, today):
    language = language_of(referent)
    with translation.override(language):
        context = {
            "referent": referent,
            "steps": [
                {
                    "label": step.label,
                    "person": step.participation.beneficiary.reference,
                    "operation": step.participation.operation.name,
                    "deadline": formats.date_format(step.deadline, "SHORT_DATE_FORMAT"),
                    "overdue": step.overdue(today),
                }
                for step in steps
            ],
            "url": settings.SITE_URL + reverse("fse:steps_due"),
        }
        subject = render_to_string("fse/email/steps_due_subject.txt", context).strip()
        body = render_to_string("fse/email/steps_due.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [referent.email]).send()
