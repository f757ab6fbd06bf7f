"""Production mode: styled pages from gunicorn alone (WhiteNoise), compressed static
files with far-future caching, uploaded media served, robots.txt."""

import urllib.request

import pytest

pytestmark = [pytest.mark.production, pytest.mark.e2e]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_secure_session_cookie_survives_over_http_on_localhost(production_site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{production_site.url}/accounts/login/")
    cookies = context.cookies()
    context.close()
    assert cookies, cookies
