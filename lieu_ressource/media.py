"""Uploaded media (event images, partner logos) served by the application itself.

WhiteNoise only knows the files present when the process starts, so media, which
staff upload at any time, are read from MEDIA_ROOT at each request instead. Django's
`serve` refuses paths that leave MEDIA_ROOT; reports live under PRIVATE_ROOT, outside
it, and are only given out by permission-checked views.
"""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def serve_media(request, path):
    if path.startswith(".") or "/." in path:
        raise Http404  # no hidden files or directories
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # A stored name never changes content (uploads get a fresh name), so browsers
    # may keep it; a day rather than forever, as staff may replace a file.
    patch_cache_control(response, public=True, max_age=settings.MEDIA_MAX_AGE)
    # An uploaded file is shown as an image or downloaded, never run as a page.
    response.headers.setdefault("Content-Security-Policy", "default-src 'none'; sandbox")
    return response
