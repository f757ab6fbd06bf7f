import datetime
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import gettext_noop

from . import mail
from .spaces import space_of

# allauth's own messages that its German catalogue words with "du": our catalogue
# (LOCALE_PATHS, read first) gives them in the site's "Sie" and French "vous". Listed
# here so that `makemessages` keeps them.
ALLAUTH_MESSAGES_IN_OUR_REGISTER = (
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("You must type the same email each time."),
)


class ClosedSignupAdapter(DefaultAccountAdapter):
    """Accounts are created by staff in the admin: the public registers to events
    without one, so there is no self-service sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        """Each role lands on its own space (a safe `next` comes first: allauth
        only asks here without one)."""
        return space_of(request.user).url

    def get_logout_redirect_url(self, request):
        """Back to the login page, which says the account was logged out."""
        return reverse("account_login")

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

    def is_reauthentication_required(self, *, app, **kwargs):
        """A second factor set up just after logging in (the site sends accounts
        that see personal data there), and its recovery codes shown next, need no
        second typing of the password. Changing a second factor that was there before
        this login still asks for it."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        if not required or app != "allauth.mfa":
            return required
        request = allauth_context.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return required
        logins = [record["at"] for record in get_authentication_records(request, user)]
        if not logins or time.time() - logins[-1] >= account_settings.REAUTHENTICATION_TIMEOUT:
            return True
        logged_in_at = datetime.datetime.fromtimestamp(logins[0], tz=datetime.UTC)
        return Authenticator.objects.filter(user=user, created_at__lt=logged_in_at).exists()
