"""Celery tasks of the privacy app."""

from celery import shared_task
from django.utils import timezone

from lieu_ressource.mail import EMAIL_TASK_RETRIES

from . import emails, holdings, inactivity
from .tokens import forget_expired_links


@shared_task(**EMAIL_TASK_RETRIES)
def send_rights_link(email, language):
    """Email the signed link if the portal holds something for the address, in the
    language of the person's latest registration. The request page answers the same
    either way, before this runs: nothing tells a stranger whether it is known."""
    if not holdings.is_known(email):
        return False
    latest = holdings.registrations_of(email).order_by("-created_at").first()
    emails.send_link(email, latest.language if latest else language)
    return True


@shared_task
def warn_inactive_people():
    """Warn referents of the people to be anonymised for inactivity (once each), and
    forget the expired links to people's data."""
    forget_expired_links()
    return inactivity.warn_due(timezone.localdate())
