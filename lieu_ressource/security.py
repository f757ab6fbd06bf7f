"""Access rules that hold across the whole site."""

from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import sees_personal_data


class RequireSecondFactorMiddleware:
    """Send accounts that can see personal data to the two-factor set-up page until
    they have one, before they reach the admin or a staff page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_STAFF_MFA
            and request.path.startswith(tuple(settings.PERSONAL_DATA_PATHS))
            and sees_personal_data(request.user)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                _("Your account can see personal data: set up two-factor authentication first."),
            )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)


def admin_login(request, extra_context=None):
    """The admin signs in through allauth, which rate-limits attempts and asks for
    the second factor."""
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return redirect(f"{reverse('account_login')}?{query}")
