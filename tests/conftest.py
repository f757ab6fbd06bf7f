import pytest


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    """Keep files written by tests (reports, uploads) out of the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
