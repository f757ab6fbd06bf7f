"""Headers on every response: a strict Content-Security-Policy, and no cached copy of
a page that carries personal data."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from events import links, tokens
from indicators import services
from indicators.models import QuarterlyReport
from tests.accounts import committee_member, staff_member
from tests.factories import EventFactory, QuarterlyReportFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_private(response):
    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control, response.headers["Cache-Control"]


def assert_cacheable(response):
    assert "no-store" not in response.headers.get("Cache-Control", "")


@pytest.fixture
def staff():
    return staff_member()


@pytest.fixture
def registration():
    return RegistrationFactory(event=EventFactory(published=True))


# Content-Security-Policy


def test_public_page_has_a_strict_policy(client):
    directives = policy(client.get("/fr/"))
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[name]
        assert "'unsafe-eval'" not in directives[name]
        assert "*" not in directives[name]


@pytest.mark.parametrize(
    "path",
    ["/fr/", "/de/", "/accounts/login/", "/accounts/password/reset/", "/fr/n-existe-pas/"],
)
def test_every_public_and_login_page_carries_the_policy(client, path):
    assert "'self'" in policy(client.get(path))["default-src"]


def test_staff_and_admin_pages_carry_the_policy(client, staff):
    client.force_login(staff)
    for path in (reverse("staff_events:events"), "/admin/", "/admin/events/event/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert policy(response)["script-src"][0] == "'self'", path


def test_a_nonce_is_sent_only_when_a_page_uses_one(client):
    assert not any(
        source.startswith("'nonce-") for source in policy(client.get("/fr/"))["script-src"]
    )


def test_the_error_page_style_hash_matches_the_template():
    # The 500 page is rendered without a request (no nonce): its <style> is allowed by
    # its hash, which must follow any edit of the template.
    html = (ROOT / "templates" / "500.html").read_text()
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert settings.ERROR_PAGE_STYLE_HASH == sha256_source(style)


def sha256_source(text):
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def test_third_party_inline_attributes_are_allowed_by_their_hashes_only():
    import import_export
    import simple_history

    templates = [
        Path(simple_history.__file__).parent / "templates/simple_history/object_history_list.html",
        Path(import_export.__file__).parent / "templates/admin/import_export/export.html",
    ]
    attributes = [
        value for path in templates for value in re.findall(r'style="([^"]*)"', path.read_text())
    ]
    assert {sha256_source(value) for value in attributes} == (
        settings.THIRD_PARTY_STYLE_ATTRIBUTE_HASHES
    )
    assert policy_of_settings()["style-src-attr"][0] == "'unsafe-hashes'"
    handler = re.compile(r'\son[a-z]+="([^"]*)"')
    handlers = [value for path in templates for value in handler.findall(path.read_text())]
    assert {sha256_source(value) for value in handlers} == (
        settings.THIRD_PARTY_EVENT_HANDLER_HASHES
    )
    assert policy_of_settings()["script-src-attr"][0] == "'unsafe-hashes'"


def policy_of_settings():
    return settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


def test_our_templates_hold_no_inline_script_or_style():
    # Inline code would be blocked by the policy; e-mails (not served to browsers),
    # the PDF report (rendered by WeasyPrint) and the standalone 500 page (hashed above)
    # are the exceptions. JSON data blocks are not scripts and stay allowed.
    exceptions = {"templates/500.html", "indicators/templates/indicators/report.html"}
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(".venv/") or relative in exceptions or "/emails/" in relative:
            continue
        html = path.read_text()
        inline_scripts = [
            tag
            for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and "application/ld+json" not in tag and "nonce=" not in tag
        ]
        inline_styles = re.findall(r"<style\b(?![^>]*nonce=)|\sstyle=|\son[a-z]+=", html)
        if inline_scripts or inline_styles:
            offenders.append(relative)
    assert offenders == []


# Cache-Control: no-store on personal data


def test_public_pages_stay_cacheable(client):
    assert_cacheable(client.get("/fr/"))
    assert_cacheable(client.get(reverse("events:agenda")))


def test_registration_done_page_is_not_stored(client, registration):
    response = client.get(links.done_path(registration))
    assert response.status_code == 200
    assert_private(response)


def test_cancel_page_is_not_stored(client, registration):
    with translation.override("de"):
        path = reverse("events:cancel", kwargs={"token": tokens.cancel_token(registration)})
    response = client.get(path)
    assert response.status_code == 200
    assert_private(response)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/"])
def test_account_pages_are_not_stored(client, path):
    assert_private(client.get(path))


def test_staff_pages_are_not_stored(client, staff, registration):
    client.force_login(staff)
    for path in (
        reverse("staff_events:events"),
        reverse("staff_events:check_in", args=[registration.event.pk]),
        reverse("beneficiaries:caseload"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_private(response)


def test_admin_pages_are_not_stored(client, staff):
    client.force_login(staff)
    for path in ("/admin/", "/admin/events/registration/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_private(response)


def test_committee_pages_and_reports_are_not_stored(client):
    report = QuarterlyReportFactory(status=QuarterlyReport.Status.PUBLISHED, language="fr")
    report.file.name = services.write_private_file(
        services.report_file_name(report), b"%PDF-1.7 a report"
    )
    report.save()
    client.force_login(committee_member())
    with translation.override("fr"):
        committee = reverse("indicators:committee")
        download = reverse("indicators:download", args=[report.pk])
    for path in (committee, download):
        response = client.get(path)
        if response.streaming:  # the download: read to the end, which closes its file
            assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response.status_code == 200, path
        assert_private(response)


def test_a_signed_in_person_gets_no_stored_copy_of_public_pages(client, staff):
    client.force_login(staff)
    assert_private(client.get("/fr/"))


def test_a_registration_form_sent_back_with_errors_is_not_stored(client):
    event = EventFactory(published=True)
    with translation.override("fr"):
        path = links.event_path(event)
    response = client.post(path, {"first_name": "Ada", "last_name": "", "email": "ada@example.org"})
    assert response.status_code == 200
    assert "ada@example.org" in response.content.decode()
    assert_private(response)
    assert_cacheable(client.get(path))
