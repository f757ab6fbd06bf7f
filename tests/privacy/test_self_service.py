"""The self-service rights of registrants: the signed link, what it shows, the
downloads, cancellation, withdrawn reminders and erasure."""

import base64
import json
import re
import time

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Registration
from events.tasks import send_event_reminders
from privacy.models import RightsRequest
from privacy.tokens import make_token
from tests.factories import AttendanceFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/(?:mes-donnees|meine-daten)/(\S+)/")


def request_url(lang="fr"):
    with translation.override(lang):
        return reverse("privacy:request")


def data_url(token, lang="fr", name="privacy:data"):
    with translation.override(lang):
        return reverse(name, args=[token])


@pytest.fixture
def alice():
    past = EventFactory(published=True, past=True, title_fr="Atelier CV", title_de="Atelier CV")
    coming = EventFactory(
        published=True, title_fr="Job dating Kehl", title_de="Job dating Kehl", capacity=1
    )
    old = RegistrationFactory(event=past, email="Alice@Example.org", first_name="Alice")
    AttendanceFactory(event=past, registration=old, present=True)
    place = RegistrationFactory(event=coming, email="alice@example.org", first_name="Alice")
    return old, place


def test_known_and_unknown_addresses_get_the_same_page(client, alice):
    known = client.post(request_url(), {"email": "alice@example.org"}, follow=True)
    unknown = client.post(request_url(), {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content.decode().replace(known.wsgi_request.META.get("CSRF_COOKIE", ""), "") == (
        unknown.content.decode().replace(unknown.wsgi_request.META.get("CSRF_COOKIE", ""), "")
    )
    # Only the known address gets an email; the unknown one gets none at all.
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    # The link names no address, even encoded.
    token = LINK.search(mail.outbox[0].body).group(1)
    assert (
        "alice" not in base64.urlsafe_b64decode(token.split(":")[0] + "==").decode("latin-1")
        and "alice" not in token
    )


def test_link_email_is_in_the_registrants_language(client):
    RegistrationFactory(email="jonas@example.de", language="de")
    client.post(request_url("fr"), {"email": "jonas@example.de"})
    (message,) = mail.outbox
    assert message.subject == "Ihre persönlichen Daten beim Lieu ressource"
    assert "/de/meine-daten/" in message.body


def test_the_link_shows_every_registration_of_its_address_and_nothing_else(client, alice):
    RegistrationFactory(email="bob@example.org", first_name="Bob")
    response = client.get(data_url(make_token("alice@example.org")))
    page = response.content.decode()
    assert "Atelier CV" in page and "Job dating Kehl" in page
    assert "Bob" not in page
    assert 'name="robots" content="noindex' in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_forged_or_expired_link_opens_nothing(client, alice):
    token = make_token("alice@example.org")
    assert client.get(data_url(token[:-2] + "xx")).status_code == 404
    old = make_token("alice@example.org", now=time.time() - 25 * 3600)
    assert client.get(data_url(old)).status_code == 404
    with override_settings(PRIVACY_LINK_HOURS=48):
        assert client.get(data_url(old)).status_code == 200


def test_json_download_holds_the_records_of_the_address_only(client, alice):
    RegistrationFactory(event=alice[1].event, email="bob@example.org", first_name="Bob")
    response = client.get(data_url(make_token("alice@example.org"), name="privacy:json"))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert [r["event"] for r in data["registrations"]] == ["Atelier CV", "Job dating Kehl"]
    assert {r["email"] for r in data["registrations"]} == {"Alice@Example.org", "alice@example.org"}
    assert data["registrations"][0]["attended"] is True
    assert "Bob" not in response.content.decode()
    assert RightsRequest.objects.filter(action="export", channel="self_service").count() == 1


def test_html_download_is_a_readable_page(client, alice):
    response = client.get(data_url(make_token("alice@example.org"), "de", "privacy:html"))
    page = response.content.decode()
    assert page.startswith("<!doctype html>") and 'lang="de"' in page
    assert "Job dating Kehl" in page


def test_cancel_coming_registrations_promotes_the_waiting_list(client, alice):
    waiting = RegistrationFactory(event=alice[1].event, waitlisted=True)
    client.post(data_url(make_token("alice@example.org")), {"action": "cancel"})
    alice[1].refresh_from_db()
    waiting.refresh_from_db()
    assert alice[1].status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED


def test_withdrawn_consent_stops_the_reminder(client):
    tomorrow = timezone.now() + timezone.timedelta(days=1)
    event = EventFactory(published=True, start=tomorrow, end=tomorrow + timezone.timedelta(hours=2))
    RegistrationFactory(event=event, email="carla@example.org")
    other = RegistrationFactory(event=event, email="dan@example.org")
    client.post(data_url(make_token("carla@example.org")), {"action": "reminders"})
    mail.outbox.clear()
    send_event_reminders()
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_erasure_needs_confirmation(client, alice):
    response = client.post(data_url(make_token("alice@example.org")), {"action": "erase"})
    assert response.status_code == 200
    alice[0].refresh_from_db()
    assert alice[0].first_name == "Alice"


def test_erasure_frees_the_place_promotes_and_kills_the_link(
    client, alice, django_capture_on_commit_callbacks
):
    waiting = RegistrationFactory(event=alice[1].event, waitlisted=True, email="eve@example.org")
    token = make_token("alice@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(data_url(token), {"action": "erase", "confirm": "on"})
    assert response.status_code == 302
    for registration in alice:
        registration.refresh_from_db()
        assert registration.first_name == "—" and registration.email.endswith(".invalid")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    # The promoted person is told; the erased address gets nothing more.
    assert [m.to for m in mail.outbox] == [["eve@example.org"]]
    assert client.get(data_url(token)).status_code == 404
    # A new link for the erased address shows that nothing is held.
    assert "Alice" not in client.get(data_url(make_token("alice@example.org"))).content.decode()
    log = RightsRequest.objects.get(action="erasure")
    assert "alice" not in json.dumps(log.summary) + log.subject
    assert log.summary["places_freed"] == 1 and log.summary["promoted"] == 1


@override_settings(RATE_LIMITS={"privacy_link": (2, 600)})
def test_link_requests_are_rate_limited(client):
    for _n in range(2):
        assert client.post(request_url(), {"email": "x@example.org"}).status_code == 302
    assert client.post(request_url(), {"email": "x@example.org"}).status_code == 429


def test_bad_address_gets_a_translated_message(client):
    with translation.override("de"):
        response = client.post(request_url("de"), {"email": "not-an-address"})
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in response.content.decode()


def test_a_followed_person_is_told_the_team_answers_for_their_file(client):
    from tests.factories import BeneficiaryFactory

    BeneficiaryFactory(email="fatou@example.org", first_name="Fatou")
    client.post(request_url(), {"email": "fatou@example.org"})
    (message,) = mail.outbox
    token = LINK.search(message.body).group(1)
    page = client.get(data_url(token)).content.decode()
    assert "vous accompagne aussi" in page
    # The file itself stays with the team.
    assert "Fatou" not in page


@pytest.mark.parametrize("n", [1, 6])
def test_the_data_page_query_count_does_not_grow_with_registrations(
    client, django_assert_max_num_queries, n
):
    for _n in range(n):
        registration = RegistrationFactory(email="gil@example.org")
        AttendanceFactory(event=registration.event, registration=registration)
    url = data_url(make_token("gil@example.org"))
    client.get(url)
    # The erasures logged for the address, its registrations (twice: listed, and
    # which are coming) and whether a followed person has it.
    with django_assert_max_num_queries(4):
        response = client.get(url)
    assert len(response.context["data"]["registrations"]) == n
