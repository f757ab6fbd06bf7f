"""Access rules that hold across the whole site."""

from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
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
    """The admin's login page agrees with allauth's, so that no address loops.

    A visitor signs in through allauth (which rate-limits attempts and asks for the
    second factor); from the bare /admin/ each role then lands on its own space, from
    a deeper admin page back on that page. A logged-in account gets there only when
    the admin refused it: staff go on, the others get the 403 page and its link to
    their space, rather than a round trip back to the login."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect(next_url or reverse("admin:index"))
        raise PermissionDenied
    if next_url == reverse("admin:index"):
        next_url = ""
    query = f"?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else ""
    return redirect(reverse("account_login") + query)
