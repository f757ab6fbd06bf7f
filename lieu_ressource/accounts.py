from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site

from . import mail


class ClosedSignupAdapter(DefaultAccountAdapter):
    """Accounts are created by staff in the admin: the public registers to events
    without one, so there is no self-service sign-up."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """As allauth sends it (password reset, unknown account), but a mail server
        that is down leaves a message on the page and a queued retry, not an error."""
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        outcome = mail.send_or_queue(message)
        if outcome != mail.SENT and request is not None:
            messages.warning(request, mail.NOT_SENT_MESSAGES[outcome])
