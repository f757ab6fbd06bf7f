"""Signed tokens in the private links of a registration.

The cancellation link goes into emails and stays valid; the confirmation link only
leads from the form to its "thank you" page and expires after two days.
"""

import uuid

from django.core import signing

from .models import Registration

CANCEL_SALT = "events.registration.cancel"
DONE_SALT = "events.registration.done"
DONE_MAX_AGE = 2 * 24 * 3600


def cancel_token(registration):
    return signing.Signer(salt=CANCEL_SALT).sign(registration.public_id.hex)


def done_token(registration):
    return signing.TimestampSigner(salt=DONE_SALT).sign(registration.public_id.hex)


def registration_for_cancel_token(token):
    """The registration a cancellation token points to, or None if it is forged."""
    try:
        public_id = signing.Signer(salt=CANCEL_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return _by_public_id(public_id)


def registration_for_done_token(token):
    """The registration a confirmation-page token points to, or None (forged, expired)."""
    try:
        public_id = signing.TimestampSigner(salt=DONE_SALT).unsign(token, max_age=DONE_MAX_AGE)
    except signing.BadSignature:
        return None
    return _by_public_id(public_id)


def _by_public_id(public_id):
    try:
        public_id = uuid.UUID(hex=public_id)
    except ValueError:
        return None
    return Registration.objects.select_related("event__venue").filter(public_id=public_id).first()
