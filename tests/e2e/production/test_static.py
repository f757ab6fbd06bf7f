"""Production mode: gunicorn alone serves a styled site (WhiteNoise), static files
compressed and cached for good under their hashed names, media uploaded after the
start, and robots.txt. Screenshots at phone and desktop width in test-artifacts/."""

import io
import re
import urllib.error
import urllib.request

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from tests.e2e.conftest import BROWSER_LOCALES, DESKTOP, PHONE

pytestmark = [pytest.mark.production, pytest.mark.e2e]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
PUBLIC_PAGES = {
    "home": "events:home",
    "agenda": "events:agenda",
    "partners": "partners:list",
    "privacy": "events:privacy",
    "legal-notice": "events:legal",
}
EVENT_PATH = re.compile(r"/\d+-[\w-]+/$")
TEN_YEARS = 315360000


def fetch(url, headers=None):
    """GET without a browser: (status, headers, body); HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def public_path(name, language):
    with translation.override(language):
        return reverse(name)


def open_styled(page, url):
    """Open `url` and check that it links stylesheets and each one came back as CSS."""
    sheets = {}
    page.on(
        "response",
        lambda r: sheets.__setitem__(r.url, r) if r.request.resource_type == "stylesheet" else None,
    )
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.status == 200, f"{url}: HTTP {response.status}"
    links = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")
    assert links, f"{page.url} links no stylesheet"
    for href in links:
        assert href in sheets, f"{page.url}: {href} was not loaded"
        assert sheets[href].status == 200, f"{href}: HTTP {sheets[href].status}"
        assert sheets[href].headers["content-type"].startswith("text/css"), href
    return response


def first_event_with_a_form(site, page, language):
    page.goto(site.url + public_path("events:agenda", language))
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(l => l.href)")
    for href in dict.fromkeys(h for h in hrefs if EVENT_PATH.search(h)):
        page.goto(href)
        if page.locator("input[name=website]").count():
            return href
    pytest.fail("no event of the demo data takes registrations")


def log_in(site, page, role, recovery=False):
    """Log in from the login page; a recovery code instead of a TOTP code spares
    waiting for the next TOTP window when another test logged in just before."""
    email = site.accounts[role]
    second_factor = site.second_factor(email)
    page.goto(f"{site.url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "lieu-ressource-demo")
    page.press("input[name=password]", "Enter")
    page.wait_for_selector("input[name=code]")
    code = second_factor.recovery_code() if recovery else second_factor.totp()
    page.fill("input[name=code]", code)
    page.press("input[name=code]", "Enter")
    page.wait_for_load_state("load")
    assert "/accounts/" not in page.url, f"still at {page.url} after the second factor"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_public_pages_are_styled(production_site, browser, screenshot, language, viewport):
    context = browser.new_context(locale=BROWSER_LOCALES[language], viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        for name, url_name in PUBLIC_PAGES.items():
            open_styled(page, production_site.url + public_path(url_name, language))
            screenshot(page, f"production-{name}-{language}-{viewport}")
        event = first_event_with_a_form(production_site, page, language)
        open_styled(page, event)
        screenshot(page, f"production-event-{language}-{viewport}")
        # Hidden by the stylesheet: a visitor never sees "Leave this field empty".
        assert page.locator("input[name=website]").count() == 1
        assert not page.locator("input[name=website]").is_visible()
        assert not page.locator("label[for=id_website]").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_login_pages_are_styled(production_site, browser, screenshot, language):
    context = browser.new_context(locale=BROWSER_LOCALES[language], viewport=PHONE)
    page = context.new_page()
    try:
        open_styled(page, f"{production_site.url}/accounts/login/")
        screenshot(page, f"production-login-{language}-phone")
        # The admin's own login leads to a styled login page too, whatever it is.
        open_styled(page, f"{production_site.url}/admin/login/")
        screenshot(page, f"production-admin-login-{language}-phone")
    finally:
        context.close()


def test_admin_and_staff_pages_are_styled(production_site, browser, screenshot):
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page = context.new_page()
    try:
        log_in(production_site, page, "superuser")
        for viewport, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            open_styled(page, f"{production_site.url}/admin/")
            screenshot(page, f"production-admin-index-{viewport}")
            open_styled(page, f"{production_site.url}/staff/check-in/")
            screenshot(page, f"production-staff-check-in-{viewport}")
    finally:
        context.close()


def hashed_stylesheet(site):
    _status, _headers, body = fetch(site.url + public_path("events:home", "fr"))
    match = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert match, "the home page links no hashed site.css"
    return site.url + match.group(1).decode()


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_hashed_static_files_are_compressed_and_cached_for_good(production_site, encoding):
    url = hashed_stylesheet(production_site)
    status, headers, body = fetch(url, {"Accept-Encoding": encoding})
    assert status == 200
    assert headers["Content-Encoding"] == encoding
    assert headers["Content-Type"].startswith("text/css")
    assert f"max-age={TEN_YEARS}" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    _status, _headers, plain = fetch(url, {"Accept-Encoding": "identity"})
    assert len(body) < len(plain)


def test_a_logo_uploaded_in_the_admin_is_served(production_site, browser):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page = context.new_page()
    try:
        log_in(production_site, page, "superuser", recovery=True)
        page.goto(f"{production_site.url}/admin/partners/organisation/")
        page.locator("#result_list tbody tr th a").first.click()
        page.set_input_files(
            "input[name=logo]",
            files=[{"name": "logo.png", "mimeType": "image/png", "buffer": buffer.getvalue()}],
        )
        page.click("input[name=_continue]")
        page.wait_for_load_state("load")
        # The change form links the stored file ("Currently: logos/logo….png").
        href = page.locator("a[href*='/media/logos/']").first.get_attribute("href")
    finally:
        context.close()

    status, headers, body = fetch(production_site.url + href)
    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert body == buffer.getvalue()
    assert "max-age=86400" in headers["Cache-Control"]
    assert (production_site.media_root / href.removeprefix("/media/")).is_file()


def test_private_files_are_never_served_as_media(production_site):
    report = production_site.var_dir / "private" / "reports" / "secret.pdf"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_bytes(b"%PDF-1.7 personal data")
    for path in ("../private/reports/secret.pdf", "%2e%2e/private/reports/secret.pdf"):
        status, _headers, body = fetch(f"{production_site.url}/media/{path}")
        assert status == 404, path
        assert b"personal data" not in body


def test_robots_txt_points_at_the_sitemap(production_site):
    status, headers, body = fetch(f"{production_site.url}/robots.txt")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {production_site.url}/sitemap.xml" in body.decode()


def test_the_worker_takes_the_sites_tasks(production_site):
    # check_worker sends a task on the site's queue and waits for the worker's answer.
    output = production_site.manage("check_worker", "--timeout", "30").stdout
    assert "Worker answered" in output
    assert "'database': 'ok'" in output
