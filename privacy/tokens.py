"""The signed link of the self-service rights page.

The link carries a random key, signed (django.core.signing), that names one
AccessLink row holding the address. It works for PRIVACY_LINK_HOURS after it was
sent, and an erasure of the address deletes its rows: a link forwarded or found
later opens nothing, and no address appears in a URL.
"""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone

from beneficiaries.retention import anonymous_email

SALT = "privacy.rights.link"


def normalise(email):
    return email.strip().lower()


def subject_of(email):
    """The keyed hash the request log keeps instead of the address."""
    return anonymous_email(normalise(email)).removeprefix("anon-").split("@")[0]


def _validity():
    return datetime.timedelta(hours=settings.PRIVACY_LINK_HOURS)


def forget_expired_links(now=None):
    """Delete the links past their validity (they hold an address)."""
    from .models import AccessLink

    now = now or timezone.now()
    return AccessLink.objects.filter(created_at__lt=now - _validity()).delete()[0]


def make_token(email, now=None):
    """A new link for `email`; `now` (a POSIX time) dates it, for tests of expiry."""
    from .models import AccessLink

    created = (
        datetime.datetime.fromtimestamp(now, tz=datetime.UTC) if now is not None else timezone.now()
    )
    forget_expired_links()
    key = secrets.token_urlsafe(24)
    AccessLink.objects.create(key=key, email=normalise(email), created_at=created)
    return signing.Signer(salt=SALT).sign(key)


def email_for_token(token):
    """The address a valid token names, or None: forged, expired, or its address
    erased since."""
    from .models import AccessLink

    try:
        key = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    link = AccessLink.objects.filter(key=key).first()
    if link is None or timezone.now() - link.created_at > _validity():
        return None
    return link.email


def forget_links_of(email):
    """An erasure ends every link to the address."""
    from .models import AccessLink

    AccessLink.objects.filter(email=normalise(email)).delete()
