import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from events import links, tokens
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def event_url(event, language):
    with translation.override(language):
        return links.event_path(event)


def cancel_path(registration, language):
    with translation.override(language):
        return reverse("events:cancel", kwargs={"token": tokens.cancel_token(registration)})


def form_data(**overrides):
    return {
        "first_name": "Ada",
        "last_name": "Martin",
        "email": "ada@example.org",
        "phone": "+33 6 12 34 56 78",
        "language": "fr",
        "consent": "on",
        "website": "",
        **overrides,
    }


def test_whole_cycle_confirm_waitlist_cancel_promote(client, django_capture_on_commit_callbacks):
    event = EventFactory(published=True, capacity=1, title_fr="Atelier CV", title_de="CV-Workshop")

    # A French visitor takes the only place.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event_url(event, "fr"), form_data(language="fr"))
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert done.context["registration"].status == Registration.Status.CONFIRMED
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["ada@example.org"]
    assert "Atelier CV" in confirmation.subject
    assert confirmation.alternatives[0][1] == "text/html"
    assert confirmation.attachments[0][0] == "event.ics"

    # A German visitor, on the German page, joins the waiting list.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event_url(event, "de"),
            form_data(first_name="Jonas", email="jonas@example.de", language="de"),
        )
    assert response.status_code == 302
    waiting = client.get(response["Location"]).context["registration"]
    assert waiting.status == Registration.Status.WAITLISTED
    waitlisted_mail = mail.outbox[-1]
    assert waitlisted_mail.to == ["jonas@example.de"]
    assert "CV-Workshop" in waitlisted_mail.subject
    assert '<html lang="de">' in waitlisted_mail.alternatives[0][0]

    # The first person cancels through the link in her email.
    ada = Registration.objects.get(email="ada@example.org")
    path = cancel_path(ada, "fr")
    assert settings.SITE_URL + path in confirmation.body
    assert settings.SITE_URL + path in confirmation.alternatives[0][0]
    page = client.get(path)
    assert page.status_code == 200
    assert Registration.objects.get(email="ada@example.org").status == "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 302
    assert Registration.objects.get(email="ada@example.org").status == "cancelled"

    # The German visitor gets the place and an email in German.
    assert Registration.objects.get(email="jonas@example.de").status == "confirmed"
    promotion = mail.outbox[-1]
    assert promotion.to == ["jonas@example.de"]
    assert "CV-Workshop" in promotion.subject
    assert '<html lang="de">' in promotion.alternatives[0][0]
    assert promotion.attachments[0][0] == "event.ics"
    cancellation = mail.outbox[-2]
    assert cancellation.to == ["ada@example.org"]
    assert '<html lang="fr">' in cancellation.alternatives[0][0]
    assert len(mail.outbox) == 4


def test_emails_follow_the_chosen_language_not_the_page_language(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(published=True, title_fr="Atelier CV", title_de="CV-Workshop")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event_url(event, "fr"), form_data(language="de"))
    message = mail.outbox[0]
    assert "CV-Workshop" in message.subject
    assert f"/de/{_segment('de', 'events/')}{event.pk}-cv-workshop/" in message.body
    registration = Registration.objects.get()
    assert settings.SITE_URL + cancel_path(registration, "de") in message.body


def _segment(language, words):
    with translation.override(language):
        return translation.gettext(words)


def test_the_form_preselects_the_page_language(client):
    event = EventFactory(published=True)
    assert client.get(event_url(event, "de")).context["form"]["language"].value() == "de"
    assert client.get(event_url(event, "fr")).context["form"]["language"].value() == "fr"


@pytest.mark.parametrize(
    "field, value",
    [
        ("first_name", ""),
        ("first_name", "   "),
        ("first_name", "1234"),
        ("first_name", "A" * 101),
        ("last_name", ""),
        ("last_name", "--"),
        ("email", ""),
        ("email", "ada.example.org"),
        ("email", "ada@"),
        ("email", "a" * 250 + "@example.org"),
        ("phone", "+33 6 12 34 56 78 90 12 34 56 78 90"),
        ("phone", "call me"),
        ("phone", "12"),
        ("language", ""),
        ("language", "en"),
        ("consent", ""),
    ],
)
def test_bad_input_is_answered_next_to_the_field_and_nothing_is_saved(
    client, language, field, value
):
    event = EventFactory(published=True)
    data = form_data(**{field: value})
    if field == "consent":
        del data["consent"]
    response = client.post(event_url(event, language), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert str(form.errors[field][0]) in html.replace("&#x27;", "'")
    if field != "language":
        assert re.search(rf'aria-describedby="[^"]*id_{field}_error', html)
    assert f'<html lang="{language}">' in html
    # What was typed stays in the form.
    if field not in ("language", "consent"):
        assert form[field].value() == value
    assert form["email"].value() == data["email"]
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_second_registration_with_the_same_email_gets_a_polite_message(client, language):
    event = EventFactory(published=True)
    RegistrationFactory(event=event, email="ada@example.org")
    response = client.post(event_url(event, language), form_data(email="Ada@example.org"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert 'id="id_email_error"' in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert response.context["form"]["first_name"].value() == "Ada"
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "event_kwargs",
    [{"published": True, "capacity": 0}, {"published": True, "past": True}, {"cancelled": True}],
    ids=["no-registration", "past", "cancelled"],
)
def test_closed_event_answers_with_a_message_and_saves_nothing(client, event_kwargs):
    event = EventFactory(**event_kwargs)
    response = client.post(event_url(event, "fr"), form_data())
    assert response.status_code == 200
    assert response.context["closed_because"]
    assert str(response.context["closed_because"]) in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert not Registration.objects.exists()


def test_draft_event_refuses_registration_with_404(client):
    event = EventFactory(draft=True)
    assert client.post(event_url(event, "fr"), form_data()).status_code == 404
    assert not Registration.objects.exists()


def test_honeypot_filled_in_is_treated_as_spam(client):
    event = EventFactory(published=True)
    response = client.post(event_url(event, "fr"), form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "events/registration_received.html" in [t.name for t in response.templates]
    assert not Registration.objects.exists()
    assert mail.outbox == []


@override_settings(RATE_LIMITS={"registration": (3, 600)})
def test_too_many_registrations_from_one_address_are_refused_with_429(client):
    event = EventFactory(published=True, capacity=None)
    for number in range(3):
        response = client.post(event_url(event, "de"), form_data(email=f"p{number}@example.org"))
        assert response.status_code == 302
    response = client.post(event_url(event, "de"), form_data(email="p9@example.org"))
    assert response.status_code == 429
    assert '<html lang="de">' in response.content.decode()
    assert Registration.objects.count() == 3


@override_settings(RATE_LIMITS={"registration": (1, 600)})
def test_the_rate_limit_counts_per_address(client):
    event = EventFactory(published=True, capacity=None)
    first = client.post(event_url(event, "fr"), form_data(), REMOTE_ADDR="10.0.0.1")
    other = client.post(
        event_url(event, "fr"), form_data(email="b@example.org"), REMOTE_ADDR="10.0.0.2"
    )
    assert first.status_code == other.status_code == 302


@override_settings(RATE_LIMITS={"registration": (1, 600)})
def test_a_forged_forwarded_address_does_not_escape_the_limit(client):
    event = EventFactory(published=True, capacity=None)
    first = client.post(event_url(event, "fr"), form_data(), HTTP_X_FORWARDED_FOR="10.0.0.1")
    second = client.post(
        event_url(event, "fr"), form_data(email="b@example.org"), HTTP_X_FORWARDED_FOR="10.0.0.2"
    )
    assert (first.status_code, second.status_code) == (302, 429)


@override_settings(RATE_LIMITS={"registration": (1, 600)}, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_counts_per_forwarded_address(client):
    event = EventFactory(published=True, capacity=None)
    proxy = {"REMOTE_ADDR": "172.18.0.2"}
    first = client.post(
        event_url(event, "fr"), form_data(), HTTP_X_FORWARDED_FOR="10.0.0.1", **proxy
    )
    other = client.post(
        event_url(event, "fr"),
        form_data(email="b@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2",
        **proxy,
    )
    again = client.post(
        event_url(event, "fr"),
        form_data(email="c@example.org"),
        HTTP_X_FORWARDED_FOR="10.0.0.1",
        **proxy,
    )
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)


def test_confirmation_page_needs_a_valid_token(client):
    registration = RegistrationFactory()
    forged = tokens.done_token(registration)[:-2] + "xx"
    with translation.override("fr"):
        url = reverse("events:registration_done", kwargs={"token": forged})
    assert client.get(url).status_code == 404


def test_cancel_link_shows_a_confirmation_and_get_does_not_cancel(client, language):
    registration = RegistrationFactory()
    response = client.get(cancel_path(registration, language))
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert 'name="robots" content="noindex' in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_post_on_the_cancel_link_cancels(client):
    registration = RegistrationFactory()
    path = cancel_path(registration, "fr")
    response = client.post(path)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert client.get(path).context["is_cancelled"] is True


def test_forged_cancel_link_is_not_found(client):
    registration = RegistrationFactory()
    token = tokens.cancel_token(registration)
    # Change the last character to another one, whatever it is.
    forged_token = token[:-1] + ("B" if token.endswith("A") else "A")
    with translation.override("fr"):
        forged = reverse("events:cancel", kwargs={"token": forged_token})
        done_as_cancel = reverse("events:cancel", kwargs={"token": tokens.done_token(registration)})
    assert client.post(forged).status_code == 404
    assert client.post(done_as_cancel).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_registration_for_a_past_event_cannot_be_cancelled(client):
    registration = RegistrationFactory(event=EventFactory(published=True, past=True))
    response = client.post(cancel_path(registration, "fr"))
    assert response.status_code == 200
    assert response.context["is_over"] is True
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
