"""A referral's arrival email on a real Celery worker, over Redis and PostgreSQL (run
in CI): sending queues the email once the transaction commits, and the worker
delivers it (its backend writes each message to a file the test reads)."""

import time
import uuid

import pytest
from django.core import mail

from referrals.models import Referral
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory
from tests.worker_mail import messages_to, wait_for_messages

from .helpers import send


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_delivers_the_arrival_email(celery_worker):
    key = uuid.uuid4().hex[:8]
    spt = OrganisationFactory(name=f"SPT Kehl {key}", german=True)
    address = f"spt-{key}@example.de"
    ContactFactory(organisation=spt, email=address)
    person = BeneficiaryFactory(first_name="Léa", last_name=f"Martin{key}")

    referral = send(person, spt, shared=("name",))

    # Nothing was sent by this process: the email went to the worker through Redis.
    assert mail.outbox == []
    (message,) = wait_for_messages(address)
    # (Folded on its way to the file: the parsed header starts with a space.)
    assert message["Subject"].strip() == f"Eine Vermittlung für Ihre Organisation: SPT Kehl {key}"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "/de/vermittlung/" in body
    assert person.reference in body
    assert person.last_name not in body
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "/de/vermittlung/" in html
    assert Referral.objects.get(pk=referral.pk).state == Referral.State.SENT
    # Delivered once: no retry queued behind it.
    time.sleep(1)
    assert len(messages_to(address)) == 1
