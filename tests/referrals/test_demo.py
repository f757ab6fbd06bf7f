"""The demo's referrals: every one consistent with its steps, the same for the same
seed, and each accepted referral making its organisation follow the person."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from referrals.models import Following, Referral, ReferralTransition

pytestmark = pytest.mark.django_db


def seed(seed=7):
    call_command("seed_demo", stdout=StringIO(), scale=0.5, today="2025-03-12", seed=seed)


def snapshot():
    return list(
        Referral.objects.order_by("public_id").values_list(
            "public_id",
            "beneficiary__reference",
            "receiving_organisation__name",
            "state",
            "sent_at",
            "answered_at",
            "refusal_reason",
            "result",
            "result_date",
        )
    )


def test_demo_referrals_are_consistent():
    seed()
    referrals = Referral.objects.all()
    assert referrals.count() >= 5
    assert {"sent", "accepted", "refused", "expired"} <= set(
        referrals.values_list("state", flat=True)
    )
    for referral in referrals.prefetch_related("transitions"):
        steps = [t.step for t in referral.transitions.all()]
        assert steps[0] == ReferralTransition.Step.SENT
        if referral.state != Referral.State.SENT:
            assert referral.state in steps
        if referral.reminder_sent_at:
            assert "reminded" in steps
        if referral.state == Referral.State.ACCEPTED:
            assert referral.receiving_referent.organisation == referral.receiving_organisation
            assert Following.objects.filter(
                beneficiary=referral.beneficiary, organisation=referral.receiving_organisation
            ).exists()
        assert set(referral.shared_fields) >= {"name", "situation"}


def test_same_seed_gives_the_same_referrals():
    with transaction.atomic():
        seed()
        first = snapshot()
        transaction.set_rollback(True)
    seed()
    assert first and snapshot() == first
