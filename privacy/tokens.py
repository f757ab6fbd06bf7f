"""The signed link of the self-service rights page.

The token names one email address and the moment it was issued; it expires after
PRIVACY_LINK_HOURS, and an erasure of that address since the moment it was issued
kills it, so that a link forwarded or found later opens nothing.
"""

import time

from django.conf import settings
from django.core import signing

from beneficiaries.retention import anonymous_email

SALT = "privacy.rights.link"


def normalise(email):
    return email.strip().lower()


def subject_of(email):
    """The keyed hash the request log keeps instead of the address."""
    return anonymous_email(normalise(email)).removeprefix("anon-").split("@")[0]


def make_token(email, now=None):
    issued = int(now if now is not None else time.time())
    return signing.dumps({"e": normalise(email), "t": issued}, salt=SALT)


def email_for_token(token):
    """The address a valid token names, or None: forged, expired, or issued before
    that address was erased."""
    from .models import RightsRequest

    try:
        data = signing.loads(token, salt=SALT)
        email, issued = data["e"], int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if time.time() - issued > settings.PRIVACY_LINK_HOURS * 3600:
        return None
    erased = RightsRequest.objects.filter(
        subject=subject_of(email), action=RightsRequest.Action.ERASURE
    ).values_list("created_at", flat=True)
    if any(moment.timestamp() >= issued for moment in erased):
        return None
    return email
