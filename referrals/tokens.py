"""Signed links for partners without an account.

A token names one referral and one step: "answer" (accept or refuse) or "result".
It is signed with a timestamp and only opens its referral while that step is still
to do: once the referral is answered the answer link stops working, once its result
is recorded the result link does. The answer link also dies with the referral's
expiry, the result link after REFERRAL_RESULT_LINK_DAYS.
"""

import uuid

from django.conf import settings
from django.core import signing

from .models import Referral

SALT = "referrals.referral.link"
ANSWER = "answer"
RESULT = "result"
STEPS = (ANSWER, RESULT)


def make_token(referral, step):
    if step not in STEPS:
        raise ValueError(step)
    return signing.TimestampSigner(salt=SALT).sign(f"{referral.public_id.hex}.{step}")


def _max_age(step):
    days = settings.REFERRAL_EXPIRY_DAYS if step == ANSWER else settings.REFERRAL_RESULT_LINK_DAYS
    return days * 24 * 3600


def referral_for_token(token, now=None):
    """(referral, step) for a valid token whose step is still to do, else None."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=None)
        public_id, step = value.rsplit(".", 1)
        if step not in STEPS:
            return None
        signing.TimestampSigner(salt=SALT).unsign(token, max_age=_max_age(step))
        public_id = uuid.UUID(hex=public_id)
    except (signing.BadSignature, ValueError):
        return None
    referral = (
        Referral.objects.select_related(
            "beneficiary", "receiving_organisation", "sending_organisation", "receiving_referent"
        )
        .filter(public_id=public_id)
        .first()
    )
    if referral is None or not still_to_do(referral, step, now):
        return None
    return referral, step


def still_to_do(referral, step, now=None):
    from django.utils import timezone

    now = now or timezone.now()
    if step == ANSWER:
        return referral.state == Referral.State.SENT and referral.expires_at > now
    return referral.state == Referral.State.ACCEPTED and not referral.result
