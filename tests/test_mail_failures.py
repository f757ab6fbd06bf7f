"""A mail server that is down: the page still answers with a message, the email is
queued for a retry where a worker can retry it, and nothing is lost on the way."""

import pytest
from django.core import mail as outbox
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from events import links
from events.models import Registration
from events.tasks import send_registration_email
from lieu_ressource import mail
from tests.accounts import staff_member
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"


@pytest.fixture
def anna():
    return staff_member(second_factor=False, email="anna@example.org")


@pytest.fixture
def queued(monkeypatch, settings):
    """A deployment with a worker: what is queued for it is recorded here."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    calls = []
    monkeypatch.setattr(mail.send_email_later, "delay", lambda data: calls.append(data))
    return calls


@pytest.fixture
def retries_run_at_once(monkeypatch):
    """Eagerly, Celery runs each retry at once, without the back-off; it must not
    raise the first failure (as eager tasks do in tests) but go on retrying."""
    from lieu_ressource.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "serveur de messagerie"), ("de", "Mailserver")],
)
def test_password_reset_with_the_mail_server_down_answers_with_a_message(
    client, anna, mail_server_down, language, words
):
    with translation.override(language):
        response = client.post(
            RESET, {"email": "anna@example.org"}, follow=True, HTTP_ACCEPT_LANGUAGE=language
        )
    assert response.status_code == 200
    (message,) = messages_of(response)
    assert words in message
    # Shown on the page that follows, in the page's language.
    assert words in response.content.decode()
    assert outbox.outbox == []


def test_password_reset_with_the_mail_server_down_is_queued_for_the_worker(
    client, anna, mail_server_down, queued
):
    response = client.post(RESET, {"email": "anna@example.org"}, follow=True)
    assert response.status_code == 200
    (message,) = messages_of(response)
    assert str(message) == str(mail.NOT_SENT_MESSAGES[mail.QUEUED])
    (data,) = queued
    assert data["to"] == ["anna@example.org"]
    assert "/accounts/password/reset/key/" in data["body"]


def test_unknown_address_with_the_mail_server_down_looks_the_same(
    client, anna, mail_server_down, queued
):
    known = client.post(RESET, {"email": "anna@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert messages_of(known) == messages_of(unknown)
    assert known.redirect_chain == unknown.redirect_chain


def test_password_reset_with_a_working_server_sends_at_once(client, anna):
    response = client.post(RESET, {"email": "anna@example.org"}, follow=True)
    assert messages_of(response) == []
    (email,) = outbox.outbox
    assert email.to == ["anna@example.org"]


def test_broker_down_too_still_answers(client, anna, mail_server_down, monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def broker_down(data):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(mail.send_email_later, "delay", broker_down)
    response = client.post(RESET, {"email": "anna@example.org"}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == [str(mail.NOT_SENT_MESSAGES[mail.FAILED])]


def test_the_queued_copy_is_the_same_email():
    message = EmailMultiAlternatives(
        "Sujet", "Texte", "from@example.org", ["to@example.org"], reply_to=["r@example.org"]
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    mail.send_email_later.apply(args=[mail.as_data(message)]).get()
    (sent,) = outbox.outbox
    assert (sent.subject, sent.body, sent.from_email, sent.to, sent.reply_to) == (
        "Sujet",
        "Texte",
        "from@example.org",
        ["to@example.org"],
        ["r@example.org"],
    )
    assert sent.alternatives == [("<p>Texte</p>", "text/html")]


def test_the_retry_task_tries_again_until_the_server_answers(monkeypatch, retries_run_at_once):
    attempts = []
    real_send = EmailMultiAlternatives.send

    def fails_twice(self, fail_silently=False):
        attempts.append(self.subject)
        if len(attempts) <= 2:
            raise ConnectionRefusedError("mail server down")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", fails_twice)
    message = EmailMultiAlternatives("Sujet", "Texte", "from@example.org", ["to@example.org"])
    mail.send_email_later.apply(args=[mail.as_data(message)]).get()
    assert len(attempts) == 3
    assert [email.subject for email in outbox.outbox] == ["Sujet"]


def test_registration_with_the_mail_server_down_is_saved_and_shown(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    event = EventFactory(published=True)
    with translation.override("fr"):
        path = links.event_path(event)
    data = {
        "first_name": "Ada",
        "last_name": "Martin",
        "email": "ada@example.org",
        "language": "fr",
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert Registration.objects.get(event=event).email == "ada@example.org"


def test_registration_email_task_retries_on_a_mail_server_error(
    mail_server_down, retries_run_at_once, monkeypatch
):
    attempts = []
    real_send = EmailMultiAlternatives.send

    def counted(self, fail_silently=False):
        attempts.append(self.to)
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", counted)
    registration = RegistrationFactory(event=EventFactory(published=True))
    result = send_registration_email.apply(args=[registration.pk, "confirmation"])
    assert result.failed()
    assert isinstance(result.result, OSError)
    # The first attempt and every retry reached for the mail server.
    assert len(attempts) == 1 + send_registration_email.max_retries


def test_registration_emails_are_retried_for_hours_not_seconds():
    # Celery's back-off doubles from retry_backoff up to retry_backoff_max (no jitter,
    # which would draw each wait anywhere below that): the retries must outlast a
    # mail server outage of an hour.
    task = send_registration_email
    assert not task.retry_jitter
    longest = sum(
        min(task.retry_backoff * 2**attempt, task.retry_backoff_max)
        for attempt in range(task.max_retries)
    )
    assert longest >= 3 * 3600
    assert not mail.send_email_later.retry_jitter


@pytest.mark.parametrize("task", [send_registration_email, mail.send_email_later])
def test_no_retry_waits_past_the_brokers_visibility_timeout(settings, task):
    # Past it, Redis hands the waiting retry to another worker too: sent twice.
    visibility_timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert task.retry_backoff_max < visibility_timeout
