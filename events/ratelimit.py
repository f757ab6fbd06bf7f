"""A fixed-window rate limit per client IP, kept in Django's cache.

With no CACHES setting Django uses a per-process local-memory cache, which is enough
to slow a robot down; a shared cache (Redis) makes the limit exact across processes.
"""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

# (hits, seconds) per scope; settings.RATE_LIMITS may override them.
DEFAULT_LIMITS = {"registration": (10, 600), "privacy_link": (5, 600)}


def client_ip(request):
    """The client's address as the login throttle sees it: REMOTE_ADDR, or the
    forwarded address when TRUSTED_PROXY_COUNT says how many proxies stand in front."""
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No address, or fewer forwarded addresses than proxies: a forged or
        # misrouted request, counted together with the other unknown ones.
        return "unknown"


def exceeded(request, scope):
    """Count one more hit for the client and say whether it went over the limit.

    The limit for `scope` is (hits, seconds), from settings.RATE_LIMITS or the default."""
    hits, seconds = getattr(settings, "RATE_LIMITS", {}).get(scope, DEFAULT_LIMITS[scope])
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count > hits
