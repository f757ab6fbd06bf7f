import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files served only through permission-checked views (reports): no public URL,
    kept under PRIVATE_ROOT, which is read at each access so tests can move it."""

    def __init__(self, **kwargs):
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(settings.PRIVATE_ROOT)
