"""The login throttle and the registration limit hold across processes that share
the Redis cache (CACHE_URL), as gunicorn's workers do in production.

Each process is `tests.posting_client`, a Django process of its own posting to the
site; both read the test database (PostgreSQL) and, with CACHE_URL, count in Redis
under a key prefix of their own.
"""

import json
import os
import subprocess
import sys
import uuid

import pytest
import redis
from django.conf import settings

from events import links
from events.models import Registration
from tests.accounts import staff_member
from tests.conftest import ROOT, database_url_of_tests
from tests.factories import EventFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    # Restores the rows migrations made (groups, programmes) for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOGIN = "/accounts/login/"
PASSWORD = "a-long-password-1"
THROTTLED = "too_many_login_attempts"


@pytest.fixture
def shared_cache():
    """A CACHE_URL on the broker's Redis, with a key prefix that no other run uses;
    its keys are deleted afterwards (the database is not flushed: others use it)."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    yield {"CACHE_URL": settings.CELERY_BROKER_URL, "CACHE_KEY_PREFIX": prefix}
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def post_from_another_process(path, count, fields, env):
    """Post `fields` `count` times from a new process; one [status, form error codes]
    per attempt."""
    base = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "CACHE_KEY_PREFIX")}
    result = subprocess.run(
        [sys.executable, "-m", "tests.posting_client", path, str(count), json.dumps(fields)],
        cwd=ROOT,
        env={**base, "DATABASE_URL": database_url_of_tests(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def wrong_password(email):
    return {"login": email, "password": "not-the-password"}


def test_five_login_failures_split_across_two_processes_refuse_the_sixth(shared_cache):
    user = staff_member(second_factor=False, email="anna@example.org")
    user.set_password(PASSWORD)
    user.save()

    first = post_from_another_process(LOGIN, 3, wrong_password(user.email), shared_cache)
    second = post_from_another_process(LOGIN, 3, wrong_password(user.email), shared_cache)

    assert [status for status, _codes in first + second] == [200] * 6
    assert [THROTTLED in codes for _status, codes in first] == [False, False, False]
    assert [THROTTLED in codes for _status, codes in second] == [False, False, True]
    # While throttled, even the right password is refused, from either process.
    right = post_from_another_process(
        LOGIN, 1, {"login": user.email, "password": PASSWORD}, shared_cache
    )
    assert right[0][0] == 200 and THROTTLED in right[0][1]


def test_without_a_shared_cache_each_process_counts_alone():
    """What the shared cache fixes: local memory lets 3 + 3 failures through."""
    attempts = [
        post_from_another_process(LOGIN, 3, wrong_password("ben@example.org"), {})
        for _process in range(2)
    ]
    assert all(THROTTLED not in codes for run in attempts for _status, codes in run)


def test_the_registration_limit_holds_across_two_processes(shared_cache):
    event = EventFactory(published=True, capacity=None)
    path = links.event_path(event)
    fields = {
        "first_name": "Ada",
        "last_name": "Martin",
        "email": "ada{n}@example.org",
        "phone": "",
        "language": "fr",
        "consent": "on",
        "website": "",
    }
    env = {**shared_cache, "REGISTRATION_RATE_LIMIT": "4"}

    first = post_from_another_process(path, 2, fields, env)
    second = post_from_another_process(path, 3, {**fields, "email": "bea{n}@example.org"}, env)

    assert [status for status, _codes in first] == [302, 302]
    assert [status for status, _codes in second] == [302, 302, 429]
    assert Registration.objects.filter(event=event).count() == 4
