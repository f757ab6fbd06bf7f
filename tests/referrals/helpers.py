"""Referrals for tests, sent through the service as the admin sends them."""

import datetime

from django.utils import timezone

from referrals import services
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory

ALL_SHARED = ["name", "email", "situation"]


def send(person=None, organisation=None, *, now=None, shared=("situation",), **kwargs):
    now = now or timezone.now()
    organisation = organisation or OrganisationFactory()
    if not organisation.contacts.exists():
        ContactFactory(organisation=organisation)
    return services.send_referral(
        person or BeneficiaryFactory(),
        organisation,
        reason=kwargs.pop("reason", "Recherche d'emploi en Allemagne"),
        looking_for=kwargs.pop("looking_for", "Un poste de cariste à Kehl"),
        shared_fields=list(shared),
        consent_at=kwargs.pop("consent_at", now - datetime.timedelta(minutes=5)),
        now=now,
        **kwargs,
    )
