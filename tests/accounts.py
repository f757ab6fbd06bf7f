"""Accounts in each role, as the staff pages and the admin tests need them.

Accounts that see personal data get a TOTP authenticator (the second factor is
required in tests, as in production); pass `second_factor=False` to leave it out.
"""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from lieu_ressource.roles import COMMITTEE, PARTNER_REFERENT, STAFF

from .factories import ContactFactory, OrganisationFactory, UserFactory


def _with_second_factor(user, second_factor):
    if second_factor:
        TOTP.activate(user, generate_totp_secret())
    return user


def staff_member(second_factor=True, **kwargs):
    """A member of the centre's team (group équipe), with access to the admin."""
    user = UserFactory(staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=STAFF))
    return _with_second_factor(user, second_factor)


def partner_referent(organisation=None, second_factor=True, **kwargs):
    """A partner's referent: an admin account linked to a contact of `organisation`."""
    user = UserFactory(staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=PARTNER_REFERENT))
    ContactFactory(organisation=organisation or OrganisationFactory(), user=user)
    return _with_second_factor(user, second_factor)


def committee_member(**kwargs):
    """A member of the comité de suivi: reports only, no personal data."""
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=COMMITTEE))
    return user
