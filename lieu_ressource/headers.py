"""Response headers that hold across the whole site: no copy of a page that carries
personal data is kept by a browser or a proxy cache."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

# Pages outside the private paths that still show a person: the registration
# confirmation and cancel pages (name and email, reached by a private link) and the
# comité de suivi's reports.
PERSONAL_DATA_VIEWS = {
    "events:registration_done",
    "events:cancel",
    "indicators:committee",
    "indicators:download",
    # A person's own data, reached by the signed link of privacy/tokens.py.
    "privacy:data",
    "privacy:json",
    "privacy:html",
    "privacy:erased",
}
# Every allauth page (login, password reset, two-factor set-up) concerns one account.
ACCOUNT_PATH = "/accounts/"


def carries_personal_data(request):
    """Whether the response to `request` may show someone's personal data."""
    if request.path.startswith((*settings.PERSONAL_DATA_PATHS, ACCOUNT_PATH)):
        return True
    # A form sent back with its errors shows what the person typed (name, email).
    if request.method not in ("GET", "HEAD"):
        return True
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in PERSONAL_DATA_VIEWS:
        return True
    # A signed-in person's pages may show their name or what their role sees.
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PrivateResponseMiddleware:
    """`Cache-Control: no-store, private` (with Django's never-cache companions) on
    every response that carries personal data, so that the back button on a shared
    computer or a proxy cache never shows it to somebody else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if carries_personal_data(request):
            add_never_cache_headers(response)
        return response
