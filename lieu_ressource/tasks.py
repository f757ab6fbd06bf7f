"""Celery tasks of the project package, found by the worker's autodiscovery."""

from .mail import send_email_later

__all__ = ["send_email_later"]
