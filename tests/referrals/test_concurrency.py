"""The hourly task run by two beats at once (PostgreSQL): each due referral is
reminded once and expired once, and the partner gets one email, not two. The same
referral sent several times at once (a double tap) is sent once."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from referrals import services, tasks
from referrals.models import Referral, ReferralTransition
from tests.factories import BeneficiaryFactory, ContactFactory, OrganisationFactory

from .helpers import send

RUNS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_runs_remind_and_expire_each_referral_once():
    spt = OrganisationFactory(german=True)
    ContactFactory(organisation=spt, email="spt@example.de")
    now = timezone.now()
    due = [send(organisation=spt, now=now - datetime.timedelta(days=12)) for _ in range(3)]
    late = send(organisation=spt, now=now - datetime.timedelta(days=31))
    mail.outbox.clear()
    barrier = threading.Barrier(RUNS)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(tasks.remind_and_expire_referrals())
        except Exception as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(r["reminded"] for r in results) == 3
    assert sum(r["expired"] for r in results) == 1
    assert len(mail.outbox) == 3
    assert ReferralTransition.objects.filter(step="reminded").count() == 3
    assert Referral.objects.get(pk=late.pk).state == Referral.State.EXPIRED
    assert {r.pk for r in due} == set(
        ReferralTransition.objects.filter(step="reminded").values_list("referral", flat=True)
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_sends_of_one_referral_make_one():
    spt = OrganisationFactory(german=True)
    ContactFactory(organisation=spt, email="spt@example.de")
    person = BeneficiaryFactory()
    barrier = threading.Barrier(RUNS)
    sent, refused, errors = [], [], []

    def run():
        try:
            barrier.wait(timeout=30)
            sent.append(send(person, spt))
        except services.ReferralError:
            refused.append(True)
        except Exception as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert (len(sent), len(refused)) == (1, RUNS - 1)
    assert Referral.objects.filter(beneficiary=person).count() == 1
    assert len(mail.outbox) == 1
