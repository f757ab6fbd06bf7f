from celery import shared_task

from .reminders import send_reminders


@shared_task(acks_late=True)
def remind_fse_steps_due():
    """Daily: remind referents of the FSE+ steps due (each step once: idempotent)."""
    return send_reminders()
