from celery import shared_task

from .retention import purge_expired


@shared_task(acks_late=True)
def purge_personal_data():
    """Weekly: anonymise personal data past its retention period (idempotent)."""
    people, registrations = purge_expired()
    return {"beneficiaries": people, "registrations": registrations}
