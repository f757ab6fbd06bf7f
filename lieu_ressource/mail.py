"""Sending an email while the mail server may be down: the page that sends it still
answers, tells the person, and a Celery task tries again later."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# What a mail server that refuses, resets or never answers raises: smtplib's errors,
# and socket errors (refused connection, time-out, unknown host) which are OSError.
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)

SENT = "sent"
QUEUED = "queued"
FAILED = "failed"

NOT_SENT_MESSAGES = {
    QUEUED: _(
        "Our mail server is not answering right now: the email will be sent as soon as "
        "it is back, usually within a few minutes."
    ),
    FAILED: _(
        "Our mail server is not answering right now: the email could not be sent. "
        "Please try again in a few minutes."
    ),
}


def send_or_queue(message):
    """Send `message` now; if the mail server fails, log it and queue a retry. Returns
    SENT, QUEUED (a worker will retry) or FAILED (no worker to retry: the embedded
    default runs tasks in the request, where a retry would only fail again)."""
    try:
        message.send()
        return SENT
    except MAIL_SERVER_ERRORS:
        logger.warning("Mail server failed sending %r", message.subject, exc_info=True)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        logger.error("No worker to retry the email %r: it is not sent", message.subject)
        return FAILED
    try:
        send_email_later.delay(as_data(message))
    except Exception:
        # The broker is down too: the page must still answer.
        logger.exception("Could not queue a retry of the email %r", message.subject)
        return FAILED
    return QUEUED


def as_data(message):
    """A JSON-serialisable copy of an email without attachments, for the task queue."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def from_data(data):
    alternatives = data.pop("alternatives", [])
    message = EmailMultiAlternatives(**data)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message


# The retry policy of every task that sends an email: a mail server down for hours
# still gets it out, backing off from a minute to 20 minutes (3.5 hours in all). No
# wait is longer than the broker's visibility timeout, past which Redis would deliver
# the waiting retry to a second worker as well (the email sent twice).
EMAIL_TASK_RETRIES = {
    "autoretry_for": MAIL_SERVER_ERRORS,
    "retry_backoff": 60,
    "retry_backoff_max": 1200,
    "retry_jitter": False,
    "max_retries": 14,
}


@shared_task(**EMAIL_TASK_RETRIES)
def send_email_later(data):
    """Retry an email the mail server refused (see EMAIL_TASK_RETRIES)."""
    from_data(dict(data)).send()
