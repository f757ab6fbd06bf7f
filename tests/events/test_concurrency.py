"""Capacity holds when many people register at the same moment (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.factories import EventFactory

THREADS = 30
CAPACITY = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_simultaneous_registrations_fill_ten_places_and_wait_list_twenty():
    event = EventFactory(published=True, capacity=CAPACITY)
    barrier = threading.Barrier(THREADS)
    errors = []

    def register(number):
        try:
            barrier.wait(timeout=30)
            services.register(
                event,
                first_name="Person",
                last_name=str(number),
                email=f"person{number}@example.org",
                phone="",
                language="fr",
                consent=True,
            )
        except Exception as exc:  # collected and reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == CAPACITY
    assert statuses.count(Registration.Status.WAITLISTED) == THREADS - CAPACITY


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_cancellations_promote_each_waiting_person_once():
    event = EventFactory(published=True, capacity=5)
    holders = [
        services.register(
            event,
            first_name="Holder",
            last_name=str(n),
            email=f"holder{n}@example.org",
            language="fr",
            consent=True,
        )
        for n in range(5)
    ]
    for n in range(5):
        services.register(
            event,
            first_name="Waiting",
            last_name=str(n),
            email=f"waiting{n}@example.org",
            language="fr",
            consent=True,
        )
    barrier = threading.Barrier(len(holders))
    errors = []

    def cancel(registration):
        try:
            barrier.wait(timeout=30)
            services.cancel(registration)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.CANCELLED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 0
