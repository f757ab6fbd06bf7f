"""The site in production mode, as the README's "Production" section sets it up.

`production_site` (session scope) needs PostgreSQL (DATABASE_URL) and Redis
(CELERY_BROKER_URL): it skips locally without them and fails under REQUIRE_SERVICES=1.
It creates a fresh database of its own (the test database's name + "_prod"), runs
`bin/production setup` (translations, collectstatic into a temporary STATIC_ROOT,
migrate, `check --deploy` with the production settings unchanged), `seed_demo` (the
README's demo accounts), then starts `bin/production web` (gunicorn, two workers,
DEBUG off) on 127.0.0.1 and `bin/production worker` (a real Celery worker on its own
queue). After the session it stops both and drops the database.

The one difference from a real deployment is SECURE_SSL_REDIRECT=0 (the site is
reached over plain http): cookies stay `Secure`, which Chromium accepts from
http://127.0.0.1 and http://localhost (they count as secure contexts). Drive the site
with the `browser` fixture; a plain HTTP client would drop the session cookie.

API of the yielded `ProductionSite`:

- `site.url`: base URL without a trailing slash, e.g. "http://127.0.0.1:8100".
- `site.env`: the environment gunicorn and the worker run with (DATABASE_URL,
  VAR_DIR, STATIC_ROOT, CELERY_QUEUE, SECRET_KEY, ...).
- `site.media_root`, `site.static_root`, `site.var_dir`: `Path`s the site uses.
- `site.manage(*args)`: run `manage.py` in that environment (against the site's own
  database); returns the CompletedProcess, raises if the command fails.
- `site.second_factor(email)`: give a demo account a TOTP authenticator and recovery
  codes, as its owner would at the first login (REQUIRE_STAFF_MFA is on), and return
  a `SecondFactor` with `.totp()` (a code for the current time window; if that code
  was already handed out it waits for the next window, as allauth refuses a code used
  twice) and `.recovery_code()` (an unused recovery code, each given once; ten per
  account, and no waiting: prefer it when one account logs in several times). Both
  go into the login's second step (`input[name=code]`). Calling it again for the
  same email returns the same object. Until then the account has no
  second factor, and opening /admin/ or /staff/ leads to the TOTP set-up page.
- `site.log(name)`: the text of the "web" or "worker" log, for failure messages.
- `site.accounts`: role -> email of the demo accounts, as `seed_demo` created them:
  "superuser", "staff" (a team member, not superuser), "committee",
  "partner_referent"; all with the password `DEMO_PASSWORD`.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from django.conf import settings

from lieu_ressource.celery import app as celery_app
from lieu_ressource.demo.accounts import DEMO_PASSWORD
from tests.conftest import ROOT, on_postgresql, skip_unless

__all__ = ["DEMO_PASSWORD", "ProductionSite", "SecondFactor"]

SCRIPT = os.path.join(ROOT, "bin", "production")
START_TIMEOUT = 120
# Gives an account a TOTP authenticator and recovery codes and prints them as JSON.
SECOND_FACTOR_SCRIPT = """
import json
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(email={email!r})
secret = generate_totp_secret()
TOTP.activate(user, secret)
print(json.dumps({{"secret": secret, "codes": RecoveryCodes.activate(user).get_unused_codes()}}))
"""
# The demo accounts by role, as seed_demo made them (staff emails are generated).
ACCOUNTS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
users = get_user_model().objects.order_by("pk")
print(json.dumps({
    "superuser": users.get(username="admin").email,
    "staff": users.filter(is_staff=True, is_superuser=False).first().email,
    "committee": users.get(username="comite").email,
    "partner_referent": users.get(username="referent.partenaire").email,
}))
"""


@dataclass
class SecondFactor:
    email: str
    secret: str
    recovery_codes: list
    _last_counter: int = field(default=-1, repr=False)

    def totp(self):
        from allauth.mfa.totp.internal.auth import (
            format_hotp_value,
            hotp_value,
            yield_hotp_counters_from_time,
        )

        counter = next(yield_hotp_counters_from_time())
        while counter <= self._last_counter:
            time.sleep(1)
            counter = next(yield_hotp_counters_from_time())
        self._last_counter = counter
        return format_hotp_value(hotp_value(self.secret, counter))

    def recovery_code(self):
        return self.recovery_codes.pop()


@dataclass
class ProductionSite:
    url: str
    env: dict
    var_dir: Path
    static_root: Path
    logs: Path
    accounts: dict = field(default_factory=dict)
    _second_factors: dict = field(default_factory=dict, repr=False)

    @property
    def media_root(self):
        return self.var_dir / "media"

    def manage(self, *args):
        return run([sys.executable, "manage.py", *args], self.env)

    def second_factor(self, email):
        if email not in self._second_factors:
            result = self.manage("shell", "-c", SECOND_FACTOR_SCRIPT.format(email=email))
            data = json.loads(result.stdout.strip().splitlines()[-1])
            self._second_factors[email] = SecondFactor(email, data["secret"], data["codes"])
        return self._second_factors[email]

    def log(self, name):
        return (self.logs / f"{name}.log").read_text(errors="replace")


def run(command, env):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def free_port():
    """PRODUCTION_TEST_PORT when set (a port given to this machine's user), else any."""
    if os.environ.get("PRODUCTION_TEST_PORT"):
        return int(os.environ["PRODUCTION_TEST_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_admin(db):
    import psycopg

    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def database_url(db, name):
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{name}"


def wait_until(ready, process, what, log):
    deadline = time.monotonic() + START_TIMEOUT
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start; its log:\n{log.read_text(errors='replace')}")
        time.sleep(0.5)


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def production_site(tmp_path_factory):
    skip_unless(on_postgresql(), "needs PostgreSQL: set DATABASE_URL")
    skip_unless(settings.CELERY_BROKER_URL, "needs Redis: set CELERY_BROKER_URL")
    db = settings.DATABASES["default"]
    # The test database's name, whether or not pytest-django has switched to it yet.
    test_name = db["NAME"] if db["NAME"].startswith("test_") else f"test_{db['NAME']}"
    name = (db.get("TEST", {}).get("NAME") or test_name) + "_prod"
    with postgres_admin(db) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')

    base = tmp_path_factory.mktemp("production")
    logs = base / "logs"
    logs.mkdir()
    port = free_port()
    unset = ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT", "VAR_DIR", "CELERY_QUEUE")
    unset += ("CACHE_URL", "CACHE_KEY_PREFIX", "SECURE_SSL_REDIRECT", "SERVE_MEDIA")
    queue = f"prod-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        DJANGO_SETTINGS_MODULE="lieu_ressource.settings",
        PYTHON=sys.executable,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url(db, name),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_QUEUE=queue,
        # Shared by the two gunicorn workers (login throttling, used TOTP codes), on
        # the broker's Redis under a prefix of our own: others use that database.
        CACHE_URL=settings.CELERY_BROKER_URL,
        CACHE_KEY_PREFIX=queue,
        VAR_DIR=str(base / "var"),
        STATIC_ROOT=str(base / "static"),
        SITE_URL=f"http://127.0.0.1:{port}",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        BIND=f"127.0.0.1:{port}",
        WEB_WORKERS="2",
    )
    processes = []
    try:
        # The README's steps, with the production settings unchanged (check --deploy).
        run([SCRIPT, "setup"], env)
        run([sys.executable, "manage.py", "seed_demo"], env)
        # Reached over http on 127.0.0.1: no redirect to https.
        env["SECURE_SSL_REDIRECT"] = "0"

        worker_name = f"{queue}@{socket.gethostname()}"
        worker_log = logs / "worker.log"
        with open(worker_log, "w") as out:
            worker = subprocess.Popen(
                [SCRIPT, "worker", "--concurrency=1", "-n", worker_name, "--without-gossip"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        processes.append(worker)
        web_log = logs / "web.log"
        with open(web_log, "w") as out:
            web = subprocess.Popen(
                [SCRIPT, "web"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        processes.append(web)

        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: answers(f"{url}/health/"), web, "gunicorn", web_log)
        wait_until(
            lambda: celery_app.control.ping(destination=[worker_name], timeout=1.0),
            worker,
            "the Celery worker",
            worker_log,
        )
        site = ProductionSite(
            url=url, env=env, var_dir=base / "var", static_root=base / "static", logs=logs
        )
        output = site.manage("shell", "-c", ACCOUNTS_SCRIPT).stdout
        site.accounts = json.loads(output.strip().splitlines()[-1])
        yield site
    finally:
        for process in reversed(processes):
            stop(process)
        with postgres_admin(db) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        for key in client.scan_iter(match=f"{queue}:*"):
            client.delete(key)
        client.close()
