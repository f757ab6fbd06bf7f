"""Celery tasks of referrals: the emails, and the hourly reminders and expiry."""

import logging

from celery import shared_task

from . import emails, services
from .models import Referral

logger = logging.getLogger(__name__)


@shared_task
def send_referral_email(referral_id, kind):
    """Send an email of `referrals.emails.KINDS` about one referral."""
    referral = Referral.objects.select_related(
        "receiving_organisation", "sending_organisation", "receiving_referent", "beneficiary"
    ).get(pk=referral_id)
    return emails.send(referral, kind)


@shared_task
def remind_and_expire_referrals():
    """Expire the referrals past their date, then remind the organisations of those
    unanswered for REFERRAL_REMINDER_DAYS. Idempotent: each referral is claimed once
    (see services), so a second run sends nothing."""
    expired = services.expire_due()
    reminded = services.remind_due()
    for pk in reminded:
        try:
            send_referral_email(pk, "reminder")
        except Exception:
            logger.exception("Could not send the reminder of referral %s", pk)
    return {"expired": len(expired), "reminded": len(reminded)}
