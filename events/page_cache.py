"""Rendered public pages kept in Django's cache (the shared Redis when CACHE_URL is
set), per address, host and language, so that the agenda, the home page and event
pages are served without touching the database while nothing has changed.

Every cached page is stamped with one site-wide version. Saving or deleting an
event, a venue or its opening hours, an organisation, an audience or a registration
(places left change) sets a new version, which retires every cached page at once. A
page is also dropped after PAGE_SECONDS, or sooner when a state it shows changes with
time alone (registration opens or closes, an event starts: the views pass
`cache_seconds`, see events/registration_state.py), so it never says more than that
late what the time has changed.

What is never cached: a page for a signed-in person, anything answered to a POST
(form errors belong to one visitor), and the CSRF token. Pages are rendered with a
placeholder in place of the token and every visitor gets their own token put in
after the cache.
"""

import hashlib
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"
# Lists show an event that has just ended for at most this long.
PAGE_SECONDS = 60
# Never a valid token (tokens are 64 letters and digits, this has dashes) and left
# as it is by HTML escaping.
CSRF_PLACEHOLDER = "csrf-token-put-in-after-the-cache"

# Each worker also keeps the pages it served last in its own memory, and reads the
# shared version at most once a second: a cached page then costs no round trip to
# Redis (two of them halved the agenda's speed under load). Another worker sees a
# change up to VERSION_CHECK_SECONDS late; the worker that made it, at once.
VERSION_CHECK_SECONDS = 1.0
LOCAL_PAGES = 200
LOCAL_MAX_BYTES = 64 * 1024
_local_pages = OrderedDict()
_version_seen = {"version": None, "at": 0.0}


def clear_local():
    """Forget this worker's copies (tests clear the shared cache between cases)."""
    _local_pages.clear()
    _version_seen.update(version=None, at=0.0)


def current_version():
    """The site-wide version of the public content: the time of the last change
    (as a string), set on first use."""
    now = time.monotonic()
    if _version_seen["version"] is not None and now - _version_seen["at"] < VERSION_CHECK_SECONDS:
        return _version_seen["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, f"{time.time():.6f}", None)
        version = cache.get(VERSION_KEY)
    _version_seen.update(version=version, at=now)
    return version


def _set_new_version():
    version = f"{time.time():.6f}"
    cache.set(VERSION_KEY, version, None)
    _version_seen.update(version=version, at=time.monotonic())
    _local_pages.clear()


def bump_version(**kwargs):
    """Retire every cached public page (signature fits a signal receiver): now, and
    again at commit, since a page rendered meanwhile still read the old rows."""
    _set_new_version()
    transaction.on_commit(_set_new_version)


def last_change():
    """When the public content last changed, as a Unix time."""
    return float(current_version())


def _stored(key, version):
    """The content kept under `key` for `version`, from this worker or the cache."""
    local = _local_pages.get(key)
    if local is not None and local[0] == version and local[2] > time.time():
        return local[1]
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == version:
        _keep_local(key, *stored)
        return stored[1]
    return None


def _store(key, version, content, seconds):
    expires = time.time() + seconds
    cache.set(key, (version, content, expires), seconds)
    _keep_local(key, version, content, expires)


def _keep_local(key, version, content, expires):
    if len(content) > LOCAL_MAX_BYTES:
        return
    _local_pages[key] = (version, content, expires)
    _local_pages.move_to_end(key)
    while len(_local_pages) > LOCAL_PAGES:
        _local_pages.popitem(last=False)


def _page_key(request):
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    parts = "\n".join((request.get_host(), get_language() or "", request.path, query))
    return "public-page:" + hashlib.sha256(parts.encode()).hexdigest()


def _cacheable(request, parameters):
    if request.method not in ("GET", "HEAD") or not set(request.GET) <= parameters:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cached_page(request, template_name, get_context, *, parameters=frozenset()):
    """The response of `template_name` rendered with `get_context()`, from the cache
    when this address was rendered at the current version.

    `get_context` runs on a miss only. It may return a response instead (a redirect),
    passed on uncached, and may put `cache_seconds` in the context to keep the page
    less than PAGE_SECONDS (until registration closes). Only addresses whose query
    holds nothing but `parameters` are cached."""
    if not _cacheable(request, parameters):
        context = get_context()
        if isinstance(context, HttpResponse):
            return context
        context.pop("cache_seconds", None)
        return HttpResponse(render_to_string(template_name, context, request))
    key = _page_key(request)
    version = current_version()
    body = _stored(key, version)
    if body is None:
        context = get_context()
        if isinstance(context, HttpResponse):
            return context
        seconds = min(PAGE_SECONDS, context.pop("cache_seconds", PAGE_SECONDS))
        body = render_to_string(template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}, request)
        if seconds > 0:
            _store(key, version, body, seconds)
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request))
    return HttpResponse(body)


def cached_bytes(request, build, *, seconds=PAGE_SECONDS, parameters=frozenset()):
    """Bytes made by `build()` (a feed), cached like a page."""
    if not _cacheable(request, parameters):
        return build()
    key = _page_key(request)
    version = current_version()
    content = _stored(key, version)
    if content is None:
        content = build()
        _store(key, version, content, seconds)
    return content


def connect_signals():
    """Bump the version whenever public content changes.

    A signal receiver rather than calls in the services: events, venues and
    organisations are mostly edited in the admin and by imports, and a registration
    changes places left from the services, the admin and the check-in pages alike;
    one receiver per model cannot be forgotten by a new save path."""
    from partners.models import Organisation

    from .models import Audience, Event, EventOrganisation, OpeningPeriod, Registration, Venue

    models = (Event, Venue, OpeningPeriod, Organisation, EventOrganisation, Audience, Registration)
    for model in models:
        post_save.connect(bump_version, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"page-cache-del-{model}")
    for through in (Event.audiences.through, Event.organisers.through):
        m2m_changed.connect(bump_version, sender=through, dispatch_uid=f"page-cache-{through}")
