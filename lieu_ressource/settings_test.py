"""Test settings: the production settings with fast hashing and in-memory email.

The environment still chooses the database (DATABASE_URL) and the broker
(CELERY_BROKER_URL); tasks run eagerly unless a test starts a real worker.
"""

import os

os.environ.setdefault("SECRET_KEY", "insecure-key-for-tests-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
CELERY_TASK_ALWAYS_EAGER = True
# Eager report compiles run in the test's thread, not in a background one
# (indicators.dispatch); the tests of the background thread turn this on.
REPORT_COMPILE_IN_BACKGROUND = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# No collectstatic in tests: WhiteNoise finds the files in the apps and static/.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
