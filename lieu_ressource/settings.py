"""Settings for Lieu ressource, read from environment variables.

With no environment at all the site refuses to start (no SECRET_KEY): `make run`
sets DEBUG=1, which gives the embedded default (SQLite file, eager Celery tasks,
emails on the console). Production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL
and CELERY_BROKER_URL.
"""

import os
from datetime import date
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, not {value!r}")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def envlist(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


DEBUG = envbool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_celery_beat",
    "simple_history",
    "partners",
    "events",
    "beneficiaries",
    "indicators",
    "practices",
    "impact",
    "lieu_ressource",  # for its management commands
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from gunicorn, before any other work on the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost after security: they see every response, error pages included.
    "csp.middleware.CSPMiddleware",
    "lieu_ressource.headers.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF does, in the view step): an oversized
    # request is refused unread, in the visitor's language.
    "lieu_ressource.imports.RequestSizeLimit",
    "django.middleware.common.CommonMiddleware",
    "lieu_ressource.query_strings.RefuseNulInQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "lieu_ressource.security.RequireSecondFactorMiddleware",
]

ROOT_URLCONF = "lieu_ressource.urls"
WSGI_APPLICATION = "lieu_ressource.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default is a SQLite file in var/; DATABASE_URL selects PostgreSQL.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
_DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
# On PostgreSQL each worker keeps its connection for a minute (a new one per request
# cost more than the agenda's queries), checked before reuse after an outage.
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=envint(
            "DATABASE_CONN_MAX_AGE", 60 if _DATABASE_URL.startswith("postgres") else 0
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Wait for a concurrent writer instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# allauth: staff accounts log in with their email; the public never signs up.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "lieu_ressource.accounts.ClosedSignupAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
# Behind N reverse proxies, the client is the N-th address from the right of
# X-Forwarded-For; with 0 the header is ignored (a client could forge it). Login
# throttling and the registration limit both read the client this way.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lieu ressource"
# Accounts that see personal data need a second factor to reach these paths. Off by
# default only in DEBUG, so that the demo admin opens without an authenticator app.
REQUIRE_STAFF_MFA = envbool("REQUIRE_STAFF_MFA", not DEBUG)
PERSONAL_DATA_PATHS = ["/admin/", "/staff/"]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "de")
# Content written in one language only is shown in that language (with a note).
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr", "de")
# The admin's language tabs need jQuery UI: served from our own static files rather
# than Google's CDN, so staff browsers contact no third party.
JQUERY_UI_URL = "vendor/jquery-ui-1.13.3/jquery-ui.min.js"

# Static files: `collectstatic` (bin/production assets) copies them to STATIC_ROOT
# with a content hash in each name and gzip and Brotli copies beside them; WhiteNoise
# serves them from gunicorn, hashed names with a ten-year immutable Cache-Control.
# Without collectstatic, production pages fail (the manifest is missing).
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded media (event images, partner logos): served by lieu_ressource.media, which
# reads MEDIA_ROOT at each request, so files uploaded after the start are served too.
# SERVE_MEDIA=0 when a reverse proxy serves MEDIA_ROOT at MEDIA_URL instead.
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
SERVE_MEDIA = envbool("SERVE_MEDIA", True)
MEDIA_MAX_AGE = envint("MEDIA_MAX_AGE", 86400)
# Reports and other private files live outside MEDIA_ROOT: they are never served
# by the web server, only through permission-checked views.
PRIVATE_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "lieu_ressource.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Lieu ressource <noreply@lieu-ressource.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker, tasks run eagerly in the calling process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Results are only read by `check_worker`; they expire after an hour.
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_IMPORTS = ["lieu_ressource.health"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A report compile is the longest task: past REPORT_SOFT_TIME_LIMIT seconds it is told
# to stop (the report fails with a message), past REPORT_TIME_LIMIT its process is
# killed, so that a hung render cannot hold a worker forever.
REPORT_TIME_LIMIT = envint("REPORT_TIME_LIMIT", 900)
REPORT_SOFT_TIME_LIMIT = envint("REPORT_SOFT_TIME_LIMIT", REPORT_TIME_LIMIT - 60)
# With late acks, Redis hands an unacknowledged message to another worker after the
# visibility timeout: it must outlast a compile plus the wait of a prefetched message
# behind one, or a live compile would be started twice. (kombu's default is an hour,
# which is also how long a killed worker's report used to wait.)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 2 * REPORT_TIME_LIMIT + 300)
}
# A report still "running" with no step done for REPORT_STALE_AFTER seconds has no live
# task (a live one ends or is killed within REPORT_TIME_LIMIT): the recovery job queues
# it again, or marks it failed after REPORT_MAX_ATTEMPTS starts.
REPORT_STALE_AFTER = envint("REPORT_STALE_AFTER", REPORT_TIME_LIMIT + 60)
REPORT_MAX_ATTEMPTS = envint("REPORT_MAX_ATTEMPTS", 3)
# Results measured after a programme ends (Interreg RCR 84 / RCR 85) may be recorded
# and reported for this many months after its last day.
INDICATORS_FOLLOW_UP_MONTHS = envint("INDICATORS_FOLLOW_UP_MONTHS", 12)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "purge-personal-data": {
        "task": "beneficiaries.tasks.purge_personal_data",
        "schedule": crontab(minute=30, hour=3, day_of_week="sunday"),
    },
    "recover-stale-reports": {
        "task": "indicators.recover_stale_reports",
        "schedule": crontab(minute="*/5"),
    },
}

# Personal data is anonymised this many years after a person's exit (beneficiaries)
# or an event's end (registrations); indicator figures are kept.
PERSONAL_DATA_RETENTION_YEARS = envint("PERSONAL_DATA_RETENTION_YEARS", 3)
# A person in an open pathway with no attendance or contact for this many weeks
# shows as a drop-out risk to their referent.
DROPOUT_WEEKS = envint("DROPOUT_WEEKS", 6)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Public site: reminders the day before each event (once per person, see
# events.tasks), and the per-IP limit on registrations (hits, seconds).
CELERY_BEAT_SCHEDULE["event-reminders"] = {
    "task": "events.tasks.send_event_reminders",
    "schedule": crontab(minute=0, hour=10),
}
RATE_LIMITS = {"registration": (envint("REGISTRATION_RATE_LIMIT", 10), 600)}
# The registration limit and allauth's login throttle count in Django's cache. With
# several processes (gunicorn workers, several containers) it must be shared, or each
# process counts alone: CACHE_URL points at Redis (docker-compose.yml sets
# redis://redis:6379/1, beside the broker's db 0). Without it, the embedded default
# keeps a local-memory cache, exact for the one process `make run` starts.
# CACHE_KEY_PREFIX keeps two sites (or test runs) apart on one Redis database.
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Shown on the privacy and legal notices when set.
PUBLIC_CONTACT_EMAIL = os.environ.get("PUBLIC_CONTACT_EMAIL", "")
# The legal notice (LCEN, article 6): who publishes the site, who is responsible for
# it, who hosts it. The defaults describe the project; a deployment sets its host.
LEGAL_PUBLISHER = os.environ.get("LEGAL_PUBLISHER", "Maison de l’emploi de Strasbourg")
LEGAL_PUBLISHER_ADDRESS = os.environ.get(
    "LEGAL_PUBLISHER_ADDRESS", "Kaleidoscoop, 6 rue Jean Monnet, 67100 Strasbourg, France"
)
# Empty: the page names the function (the publisher's president) instead of a person.
LEGAL_PUBLICATION_DIRECTOR = os.environ.get("LEGAL_PUBLICATION_DIRECTOR", "")
# Empty: the publisher hosts the site on its own servers.
LEGAL_HOST = os.environ.get("LEGAL_HOST", "")
LEGAL_HOST_ADDRESS = os.environ.get("LEGAL_HOST_ADDRESS", "")
LEGAL_HOST_PHONE = os.environ.get("LEGAL_HOST_PHONE", "")
# The accessibility statement (RGAA): an audit's rate of criteria met (0-100) sets the
# conformity status; without one the site is declared not compliant (RGAA's rule).
ACCESSIBILITY_AUDIT_RATE = envint("ACCESSIBILITY_AUDIT_RATE", None)
if ACCESSIBILITY_AUDIT_RATE is not None and not 0 <= ACCESSIBILITY_AUDIT_RATE <= 100:
    raise ImproperlyConfigured("ACCESSIBILITY_AUDIT_RATE must be a percentage, 0 to 100")
try:
    ACCESSIBILITY_STATEMENT_DATE = date.fromisoformat(
        os.environ.get("ACCESSIBILITY_STATEMENT_DATE", "2026-12-01")
    )
except ValueError as exc:
    raise ImproperlyConfigured("ACCESSIBILITY_STATEMENT_DATE must be a date, YYYY-MM-DD") from exc

# Indicators: on the first day of each quarter, draft every programme's comité de
# suivi report for the quarter that just ended (staff review and publish it).
CELERY_BEAT_SCHEDULE["draft-quarterly-reports"] = {
    "task": "indicators.draft_quarterly_reports",
    "schedule": crontab(minute=0, hour=6, day_of_month=1, month_of_year="1,4,7,10"),
}
# WeasyPrint logs every layout step at INFO: keep its warnings only.
LOGGING.setdefault("loggers", {})["weasyprint"] = {"level": "WARNING"}

# Referrals between partners (app referrals): a referral with no answer expires after
# REFERRAL_EXPIRY_DAYS days, its receiving organisation is reminded after
# REFERRAL_REMINDER_DAYS; the hourly task does both, once per referral.
INSTALLED_APPS += ["referrals"]
REFERRAL_EXPIRY_DAYS = envint("REFERRAL_EXPIRY_DAYS", 30)
REFERRAL_REMINDER_DAYS = envint("REFERRAL_REMINDER_DAYS", 10)
# How long the signed link to record an accepted referral's result stays valid.
REFERRAL_RESULT_LINK_DAYS = envint("REFERRAL_RESULT_LINK_DAYS", 120)
CELERY_BEAT_SCHEDULE["referral-reminders-and-expiry"] = {
    "task": "referrals.tasks.remind_and_expire_referrals",
    "schedule": crontab(minute=15),
}

# Imports and exports (django-import-export), in the admin. An import is checked in
# full first (dry run in a transaction) and written only when no row is invalid;
# exports neutralise spreadsheet formulas. Importing needs the model's "add"
# permission (and staff membership, see the admin), exporting its "view" permission.
# The admin offers CSV and XLSX (openpyxl) only.
INSTALLED_APPS += ["import_export"]
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
# Rows in one imported file: 2,000 people take about 8 s on PostgreSQL for the preview,
# and as long again on confirmation, well under gunicorn's 30 s timeout.
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 2000)
# Bytes in one imported file (a 2,000-row CSV of people is about 0.5 MB), checked with
# the row count before the file is parsed; see lieu_ressource/imports.py.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# Uploads waiting between an import's preview and its confirmation: in VAR_DIR, which
# every web process (and container) shares; removed once used or refused.
IMPORT_TMP_DIR = VAR_DIR / "imports"
# Any request body (uploads included) over this is refused before it is read, by
# lieu_ressource.imports.RequestSizeLimit; event images and logos fit well within it.
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_EXPORT_TMP_STORAGE_CLASS = "lieu_ressource.imports.ImportTempStorage"

# Content-Security-Policy (django-csp; Django 5.2 has none of its own): everything
# from our own origin, no inline script or style. A template that cannot avoid an
# inline element gives it nonce="{{ request.csp_nonce }}". Hashes allow the few inline
# bits we cannot give a nonce: the standalone 500 page's <style> (rendered without a
# request), and three style="" attributes and one onchange="" in the admin templates
# of simple_history and import_export (only those exact values pass, see
# 'unsafe-hashes'); tests/test_headers.py recomputes each from its template.
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES  # noqa: E402

ERROR_PAGE_STYLE_HASH = "'sha256-7zQy3ege4N/1RNwb90IpMRAmBQiZLsYgSEzbhr1JflU='"
THIRD_PARTY_STYLE_ATTRIBUTE_HASHES = {
    # simple_history/object_history_list.html: style="border-top: 0"
    "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
    # admin/import_export/export.html: style="padding: 0;" and style="font-weight: bold;"
    "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",
    "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",
}
THIRD_PARTY_EVENT_HANDLER_HASHES = {
    # admin/import_export/export.html: onchange="onSelectToggleChange(event)"
    "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='",
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE, ERROR_PAGE_STYLE_HASH],
        "style-src-attr": [UNSAFE_HASHES, *sorted(THIRD_PARTY_STYLE_ATTRIBUTE_HASHES)],
        "script-src-attr": [UNSAFE_HASHES, *sorted(THIRD_PARTY_EVENT_HANDLER_HASHES)],
        # The empty favicon (data:,) spares a request for /favicon.ico.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# FSE+ participants: their operations, entry, exit and six-month data (app fse).
INSTALLED_APPS += ["fse"]
CELERY_BEAT_SCHEDULE["fse-steps-due-reminders"] = {
    "task": "fse.tasks.remind_fse_steps_due",
    "schedule": crontab(minute=30, hour=7),
}

# Personal-data rights (app privacy): a registrant asks for a signed link by email,
# valid PRIVACY_LINK_HOURS, to see, download, cancel, withdraw consent and erase. A
# followed person with no exit date and no activity for PERSONAL_DATA_INACTIVITY_YEARS
# is anonymised like one who left, once their referent was warned
# INACTIVITY_WARNING_DAYS before (daily task).
INSTALLED_APPS += ["privacy"]
PRIVACY_LINK_HOURS = envint("PRIVACY_LINK_HOURS", 24)
PERSONAL_DATA_INACTIVITY_YEARS = envint("PERSONAL_DATA_INACTIVITY_YEARS", 3)
INACTIVITY_WARNING_DAYS = envint("INACTIVITY_WARNING_DAYS", 30)
RATE_LIMITS["privacy_link"] = (envint("PRIVACY_LINK_RATE_LIMIT", 5), 600)
CELERY_BEAT_SCHEDULE["inactivity-warnings"] = {
    "task": "privacy.tasks.warn_inactive_people",
    "schedule": crontab(minute=0, hour=7),
}
