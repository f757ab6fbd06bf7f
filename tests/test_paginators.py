"""Admin lists over large tables page on PostgreSQL's estimate, not a full count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Registration
from lieu_ressource import paginators
from lieu_ressource.paginators import EstimatedCountPaginator

from . import factories as f

pytestmark = pytest.mark.django_db


def _counts(queries):
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_other_databases_and_small_lists_get_the_exact_count():
    f.RegistrationFactory.create_batch(3)
    paginator = EstimatedCountPaginator(Registration.objects.order_by("pk"), 100)
    assert paginator.count == 3


@pytest.mark.postgres
def test_an_unfiltered_large_list_reads_the_tables_estimate_without_counting(monkeypatch):
    f.RegistrationFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_registration")
    # Three rows stand for a large table: every estimate is "large".
    monkeypatch.setattr(paginators, "EXACT_COUNT_BELOW", 1)
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(Registration.objects.order_by("pk"), 100).count
    assert count == 3  # reltuples after ANALYZE
    assert _counts(queries) == []


@pytest.mark.postgres
def test_a_filtered_list_counts_exactly_when_the_planner_expects_few_rows():
    wanted = f.RegistrationFactory()
    f.RegistrationFactory.create_batch(2)
    filtered = Registration.objects.filter(event=wanted.event).order_by("pk")
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(filtered, 100).count
    assert count == 1
    assert len(_counts(queries)) == 1
