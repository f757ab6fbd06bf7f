"""The duplicate-email check of a registration uses a lower(email) index."""

import pytest
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Lower
from django.test.utils import CaptureQueriesContext

from events import services
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register(event, email):
    return services.register(
        event, first_name="Ada", last_name="Martin", email=email, language="fr", consent=True
    )


def test_duplicate_check_compares_lowercased_emails_not_upper_like():
    event = EventFactory(published=True)
    with CaptureQueriesContext(connection) as queries:
        register(event, "Ada@Example.org")
    [check] = [q["sql"] for q in queries.captured_queries if "LIMIT 1" in q["sql"]]
    assert 'LOWER("events_registration"."email")' in check
    assert "UPPER" not in check and "LIKE" not in check


def test_the_same_email_in_other_letters_is_refused():
    event = EventFactory(published=True)
    RegistrationFactory(event=event, email="ada@example.org")
    with pytest.raises(services.AlreadyRegistered):
        register(event, "ADA@example.ORG")


@pytest.mark.postgres
def test_duplicate_check_is_answered_from_a_lower_email_index_on_postgresql():
    event = EventFactory(published=True, capacity=500)
    RegistrationFactory(event=event, email="ada@example.org")
    # With a handful of rows the planner may as well walk the event's index and
    # filter; a real event's worth of registrations and fresh statistics make the
    # choice the one production gets.
    RegistrationFactory.create_batch(200, event=event)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_registration")
    active = event.registrations.exclude(status="cancelled")
    check = active.annotate(email_lower=Lower("email")).filter(
        email_lower=Lower(Value("ADA@example.org"))
    )
    with connection.cursor() as cursor:
        sql, params = check.query.sql_with_params()
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The partial unique index or the plain lower(email) one (data rights): either
    # answers the check from the index, never by reading the event's rows.
    assert "Index Cond: (lower((email)::text)" in plan
    assert "registration_one_per_email_and_event" in plan or "registration_email_lower" in plan
