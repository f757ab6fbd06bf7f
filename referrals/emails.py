"""Emails to the receiving organisation's contacts: a referral has arrived, a
reminder before it expires, and the link to record the result once accepted. Each
in the organisation's language (German for German and Swiss partners, French
otherwise), plain text with an HTML alternative, sent through `lieu_ressource.mail`
so that a mail server down is retried."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from lieu_ressource import mail
from partners.models import Country

from . import links, tokens

KINDS = ("arrival", "reminder", "accepted")


def language_of(organisation):
    return "de" if organisation.country in (Country.GERMANY, Country.SWITZERLAND) else "fr"


def recipients(referral):
    """Who gets the email: the receiving referent once accepted, otherwise every
    contact of the receiving organisation with an email address."""
    if referral.receiving_referent_id and referral.receiving_referent.email:
        return [referral.receiving_referent.email]
    return sorted({c.email for c in referral.receiving_organisation.contacts.all() if c.email})


def _subject(kind, referral):
    subjects = {
        "arrival": _("A referral for your organisation: %(org)s"),
        "reminder": _("Reminder: a referral awaits your answer until %(date)s"),
        "accepted": _("Referral accepted: record its result when you know it"),
    }
    return subjects[kind] % {
        "org": referral.receiving_organisation.name,
        "date": formats.date_format(referral.expires_at, "SHORT_DATE_FORMAT"),
    }


def send(referral, kind):
    """Send one email of `kind` about `referral`; returns the number of recipients."""
    to = recipients(referral)
    if not to:
        return 0
    language = language_of(referral.receiving_organisation)
    step = tokens.RESULT if kind == "accepted" else tokens.ANSWER
    with translation.override(language):
        context = {
            "referral": referral,
            "signed_url": links.signed_url(referral, step, language),
            "portal_url": links.portal_url(referral),
        }
        message = EmailMultiAlternatives(
            subject=_subject(kind, referral),
            body=render_to_string(f"referrals/emails/{kind}.txt", context),
            to=to,
        )
        message.attach_alternative(
            render_to_string(f"referrals/emails/{kind}.html", context), "text/html"
        )
    mail.send_or_queue(message)
    return len(to)
