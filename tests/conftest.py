import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
from celery.result import allow_join_result
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from lieu_ressource.celery import app as celery_app
from tests import worker_mail

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def on_postgresql():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def skip_unless(condition, reason):
    """Skip locally; in CI (REQUIRE_SERVICES=1) a missing service is a failure."""
    if condition:
        return
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (REQUIRE_SERVICES is set)")
    pytest.skip(reason)


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") or item.get_closest_marker("worker"):
        skip_unless(on_postgresql(), "needs PostgreSQL: set DATABASE_URL")
    if item.get_closest_marker("worker") or item.get_closest_marker("redis"):
        skip_unless(settings.CELERY_BROKER_URL, "needs Redis: set CELERY_BROKER_URL")


def database_url_of_tests():
    """The test database as a DATABASE_URL, for processes the tests start."""
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site language, French, whatever ran before it."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits, login throttling and public pages live in the cache: each test
    starts afresh (the pages' per-process copies too)."""
    from events import page_cache

    cache.clear()
    page_cache.clear_local()


@pytest.fixture
def mail_server_down(settings):
    """The real SMTP backend, pointed at a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    return port


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    """Keep files written by tests (reports, uploads) out of the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


@contextlib.contextmanager
def running_worker(queue, *, app="lieu_ressource", log_name="worker.log", env=None):
    """A real `celery worker` process (solo pool: tasks run in that very process) on
    Redis, reading the test database and consuming `queue`; yields the process and
    the worker's name once it answers a ping, and stops it afterwards. Its emails are
    written to files in tests.worker_mail.WORKER_OUTBOX."""
    name = f"test-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lieu_ressource.settings",
        "SECRET_KEY": "insecure-key-for-the-test-worker",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url_of_tests(),
        "CELERY_QUEUE": queue,
        "VAR_DIR": os.path.join(ROOT, "var", "test-worker"),
        "EMAIL_BACKEND": "tests.worker_mail.OutboxBackend",
        "TEST_WORKER_OUTBOX": worker_mail.prepare_outbox(),
        **(env or {}),
    }
    os.makedirs(env["VAR_DIR"], exist_ok=True)
    log = open(os.path.join(env["VAR_DIR"], log_name), "w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            app,
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-Q",
            queue,
            "-n",
            name,
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[name], timeout=1.0):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the Celery worker did not start; see {log.name}")
        yield process, name
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def worker_process(django_db_setup, django_db_blocker):
    """The session's worker on the tests' queue (see `running_worker`)."""
    with running_worker(settings.CELERY_TASK_DEFAULT_QUEUE) as (_process, name):
        yield name


@pytest.fixture
def celery_worker(worker_process):
    """Send tasks to the real worker instead of running them eagerly."""
    celery_app.conf.task_always_eager = False
    # Eager tasks run earlier in this process may leave Celery believing it is
    # inside a task, where waiting for a result is refused.
    with allow_join_result():
        yield worker_process
    celery_app.conf.task_always_eager = True
