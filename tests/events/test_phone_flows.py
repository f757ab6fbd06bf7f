"""Phone-first flows without JavaScript: the agenda's filters send the visitor to the
results, a failed registration comes back with the error summary focused and the
error in the page title, a link near the top leads to the form; the agenda's filter
wording (no "Alle" twice, no "0 found", only months that have events)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import links
from events.models import Audience
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _agenda(client, language, **query):
    with translation.override(language):
        response = client.get(reverse("events:agenda"), query)
    assert response.status_code == 200
    return unescape(response.content.decode())


def _title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_filter_form_sends_the_visitor_to_the_results(client):
    html = _agenda(client, "fr")
    assert re.search(r'<form class="filters" method="get" action="/fr/[^"]*#results"', html)
    assert 'id="results" tabindex="-1"' in html


@pytest.mark.parametrize(
    ("language", "none", "one"),
    [
        ("fr", "Aucun événement trouvé", "1 événement trouvé"),
        ("de", "Keine Veranstaltung gefunden", "1 Veranstaltung gefunden"),
    ],
)
def test_results_count_says_none_in_words(client, language, none, one):
    assert none in _agenda(client, language)
    EventFactory(published=True)
    html = _agenda(client, language)
    assert one in html and none not in html


def test_german_audience_filter_says_alle_once(client):
    html = _agenda(client, "de")
    select = re.search(r'<select name="audience".*?</select>', html, re.S).group(0)
    options = re.findall(r"<option[^>]*>(.*?)</option>", select)
    assert options[0] == "Alle Zielgruppen"
    assert len(options) == len(set(options)) == Audience.objects.count() + 1


def test_months_offered_are_only_those_with_events(client):
    local = timezone.localtime()
    in_two_months = (local.replace(day=1) + timedelta(days=62)).replace(day=15, hour=10)
    EventFactory(published=True, start=in_two_months, end=in_two_months + timedelta(hours=2))
    html = _agenda(client, "fr")
    select = re.search(r'<select name="month".*?</select>', html, re.S).group(0)
    values = re.findall(r'<option value="([^"]+)"', select)
    assert values == [f"{in_two_months:%Y-%m}"]


def test_invalid_filter_puts_the_error_in_the_title(client):
    html = _agenda(client, "de", format="no-such-format")
    assert _title(html).startswith("Fehler: ")


def _post(client, event, language, **data):
    with translation.override(language):
        url = links.event_path(event)
    fields = {
        "first_name": "Ada",
        "last_name": "Martin",
        "email": "ada@example.org",
        "language": language,
        "consent": "on",
        "website": "",
    } | data
    response = client.post(url, fields)
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.parametrize(("language", "prefix"), [("fr", "Erreur : "), ("de", "Fehler: ")])
def test_failed_registration_says_error_in_the_title_and_focuses_the_summary(
    client, language, prefix
):
    event = EventFactory(published=True)
    html = _post(client, event, language, email="not an email", consent="")
    assert _title(html).startswith(prefix + event.title)
    summary = re.search(r'<div class="notice notice--error[^"]*"[^>]*>', html).group(0)
    assert 'id="errors"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    # Each error links to its field.
    assert 'href="#id_email"' in html and 'href="#id_consent"' in html
    # One autofocus only on the page: the summary.
    assert html.count("autofocus") == 1


def test_a_page_without_errors_has_no_error_title_or_autofocus(client):
    event = EventFactory(published=True)
    with translation.override("fr"):
        html = unescape(client.get(links.event_path(event)).content.decode())
    assert not _title(html).startswith("Erreur")
    assert "autofocus" not in html


@pytest.mark.parametrize(("language", "label"), [("fr", "S'inscrire"), ("de", "Anmelden")])
def test_register_link_near_the_top_leads_to_the_form(client, language, label):
    event = EventFactory(published=True)
    with translation.override(language):
        html = unescape(client.get(links.event_path(event)).content.decode())
    link = html.index(f'<a class="button" href="#register">{label}</a>')
    assert link < html.index('class="event-facts"') < html.index('id="register"')


def test_a_full_event_links_to_the_waiting_list(client):
    event = EventFactory(full=True)
    with translation.override("de"):
        html = unescape(client.get(links.event_path(event)).content.decode())
    assert '<a class="button" href="#register">Auf die Warteliste setzen</a>' in html


def test_no_register_link_when_registration_is_closed(client):
    start = timezone.now() + timedelta(days=3)
    event = EventFactory(published=True, start=start, registration_closes=timezone.now())
    with translation.override("fr"):
        html = client.get(links.event_path(event)).content.decode()
    assert 'href="#register"' not in html


def test_registration_still_works_after_the_changes(client):
    event = EventFactory(published=True)
    with translation.override("fr"):
        response = client.post(
            links.event_path(event),
            {
                "first_name": "Ada",
                "last_name": "Martin",
                "email": "ada@example.org",
                "language": "fr",
                "consent": "on",
                "website": "",
            },
        )
    assert response.status_code == 302
    assert event.registrations.count() == 1
