"""Browser fixtures: Playwright driving Debian's Chromium against the live server."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.conftest import skip_unless

# Where Django keeps the database snapshot taken after migrations (django.test.utils).
SERIALIZED = "_test_serialized_contents"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# The browser language that makes the site answer in each of its languages.
BROWSER_LOCALES = {"fr": "fr-FR", "de": "de-DE"}
# Without these flags Chromium tries to reach Google's hosts, which our network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    skip_unless(chromium, "needs Debian's chromium (make test installs it)")
    from playwright.sync_api import sync_playwright

    # While Playwright's sync API is active, an event loop runs in the test thread;
    # the ORM calls that tests (and the database teardown) make there stay plain
    # synchronous code, so Django's async guard is lifted for that time.
    serialized = {alias: getattr(connections[alias], SERIALIZED, None) for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # With a running loop, Django hands out other connection objects (asgiref keeps
        # them per context), which lack the snapshot of the shipped rows that
        # serialized_rollback restores: without it every later transactional test,
        # e2e or not, would start on a flushed database.
        for alias, contents in serialized.items():
            if contents is not None:
                setattr(connections[alias], SERIALIZED, contents)
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open pages with a given browser language and viewport; closed after the test."""
    contexts = []

    def open_page(locale="fr-FR", viewport=DESKTOP):
        context = browser.new_context(locale=locale, viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    def screenshot(page, name):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return screenshot


def log_in(page, client, live_server, user):
    """Give the browser the session of `user` (who has a second factor)."""
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
