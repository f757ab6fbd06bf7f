"""The email that carries the signed link to a person's data page."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events import centre, selectors

from .tokens import make_token


def link_url(email, language):
    with translation.override(language):
        return settings.SITE_URL + reverse("privacy:data", args=[make_token(email)])


def send_link(email, language):
    venue = selectors.centre_venue()
    with translation.override(language):
        context = {
            "url": link_url(email, language),
            "hours": settings.PRIVACY_LINK_HOURS,
            "centre": venue,
            "site_url": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            subject=_("Your personal data at the Lieu ressource"),
            body=render_to_string("privacy/emails/link.txt", context),
            to=[email],
            reply_to=centre.reply_to(venue),
        )
        message.attach_alternative(
            render_to_string("privacy/emails/link.html", context), "text/html"
        )
        message.send()
