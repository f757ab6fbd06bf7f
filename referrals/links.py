"""Absolute addresses of the referral pages, for emails."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from . import tokens


def signed_url(referral, step, language):
    """The signed link of `step` in `language` (its slugs are translated)."""
    with translation.override(language):
        path = reverse("referrals_link:answer", args=[tokens.make_token(referral, step)])
    return settings.SITE_URL + path


def portal_url(referral):
    return settings.SITE_URL + reverse("referrals:detail", args=[referral.pk])
