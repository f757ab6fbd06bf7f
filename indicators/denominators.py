"""Metrics that serve as the denominator of a proportion ("number and proportion of
RSA recipients in the programmes", convention article 5, C1.3).

Kept apart from `metrics` (the numerators' registry, tuned for speed elsewhere) and
registered in the same registry when the app is ready.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import selectors
from .metrics import PEOPLE, _people, metric


@metric("rsa_recipients_followed", label=_("RSA recipients followed"), counts=PEOPLE)
def rsa_recipients_followed(period):
    """RSA recipients followed at some point of the period: entered before its end and
    not left before its start."""
    return _people(
        selectors.rsa_recipients()
        .filter(entry_date__lte=period.last_day)
        .filter(Q(exit_date__isnull=True) | Q(exit_date__gte=period.first_day))
    )
