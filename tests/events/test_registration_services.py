from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def sign_up(event, email="ada@example.org", language="fr", **overrides):
    details = {
        "first_name": "Ada",
        "last_name": "Martin",
        "email": email,
        "phone": "",
        "language": language,
        "consent": True,
        **overrides,
    }
    return services.register(event, **details)


def test_registration_within_capacity_is_confirmed(django_capture_on_commit_callbacks):
    event = EventFactory(published=True, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(event)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.consent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.org"]


def test_registration_past_capacity_joins_the_waiting_list(django_capture_on_commit_callbacks):
    event = EventFactory(full=True)
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(event)
    assert registration.status == Registration.Status.WAITLISTED
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 2


def test_event_without_capacity_limit_confirms_everyone():
    event = EventFactory(published=True, capacity=None)
    for number in range(30):
        assert sign_up(event, email=f"p{number}@example.org").status == "confirmed"


def test_same_email_twice_is_refused_whatever_its_case():
    event = EventFactory(published=True)
    sign_up(event, email="ada@example.org")
    with pytest.raises(services.AlreadyRegistered):
        sign_up(event, email="  ADA@Example.org ")
    assert event.registrations.count() == 1


def test_same_email_may_register_again_after_cancelling():
    event = EventFactory(published=True)
    services.cancel(sign_up(event))
    assert sign_up(event).status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "event_kwargs, error",
    [
        ({"draft": True}, services.EventNotOpen),
        ({"cancelled": True}, services.EventNotOpen),
        ({"published": True, "past": True}, services.EventNotOpen),
        ({"published": True, "capacity": 0}, services.RegistrationClosed),
    ],
    ids=["draft", "cancelled", "past", "no-registration"],
)
def test_closed_events_refuse_registration_and_save_nothing(event_kwargs, error):
    event = EventFactory(**event_kwargs)
    with pytest.raises(error):
        sign_up(event)
    assert not Registration.objects.exists()


def test_registration_window_is_respected():
    now = timezone.now()
    not_yet = EventFactory(published=True, registration_opens=now + timedelta(days=1))
    closed = EventFactory(
        published=True,
        registration_opens=now - timedelta(days=3),
        registration_closes=now - timedelta(hours=1),
    )
    with pytest.raises(services.RegistrationClosed):
        sign_up(not_yet)
    with pytest.raises(services.RegistrationClosed):
        sign_up(closed)
    assert not Registration.objects.exists()


def test_started_event_refuses_registration():
    now = timezone.now()
    event = EventFactory(
        published=True, start=now - timedelta(minutes=30), end=now + timedelta(hours=1)
    )
    with pytest.raises(services.RegistrationClosed):
        sign_up(event)


def test_registration_without_consent_is_a_programming_error():
    event = EventFactory(published=True)
    with pytest.raises(ValueError):
        sign_up(event, consent=False)
    assert not Registration.objects.exists()


def test_cancellation_promotes_the_oldest_waitlisted(django_capture_on_commit_callbacks):
    event = EventFactory(published=True, capacity=1)
    holder = RegistrationFactory(event=event)
    first_waiting = RegistrationFactory(event=event, waitlisted=True, german=True)
    RegistrationFactory(event=event, waitlisted=True)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(holder)
    assert promoted == first_waiting
    first_waiting.refresh_from_db()
    holder.refresh_from_db()
    assert first_waiting.status == Registration.Status.CONFIRMED
    assert holder.status == Registration.Status.CANCELLED
    assert holder.cancelled_at is not None
    assert event.registrations.filter(status="confirmed").count() == 1
    assert event.registrations.filter(status="waitlisted").count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [holder.email, first_waiting.email]
    )


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    event = EventFactory(published=True, capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, waitlisted=True)
    other = RegistrationFactory(event=event, waitlisted=True)
    assert services.cancel(waiting) is None
    other.refresh_from_db()
    assert other.status == Registration.Status.WAITLISTED


def test_cancelling_twice_changes_nothing(django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    services.cancel(registration)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel(registration) is None
    assert mail.outbox == []


def test_cancellation_after_the_event_started_promotes_nobody():
    now = timezone.now()
    event = EventFactory(
        published=True, capacity=1, start=now - timedelta(minutes=5), end=now + timedelta(hours=1)
    )
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, waitlisted=True)
    assert services.cancel(holder) is None
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED
