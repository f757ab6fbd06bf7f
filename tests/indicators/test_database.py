"""The report's aggregate queries run without PostgreSQL's JIT compilation, for their
own transaction only; on SQLite nothing is sent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators import database, snapshots, values
from indicators.models import Programme
from indicators.quarters import Quarter

from .conftest import paris

Q3 = Quarter(2025, 3)
AFTER_Q3 = paris(2025, 10, 2, 9)
POSTGRESQL = connection.vendor == "postgresql"


def _jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0]


def test_jit_is_off_inside(db):
    if POSTGRESQL:
        assert _jit() == "on"  # the default the block changes
        with database.aggregate_queries():
            assert _jit() == "off"
    else:
        # Nothing to turn off: the block sends nothing of its own.
        with CaptureQueriesContext(connection) as captured:
            with database.aggregate_queries():
                pass
        assert captured.captured_queries == []


def test_an_error_inside_leaves_the_setting_as_it_was(db):
    """Inside the test's transaction the block is a savepoint: rolled back on the
    error, with its SET LOCAL (at a real commit PostgreSQL drops the setting too)."""
    before = _jit() if POSTGRESQL else None
    with pytest.raises(ZeroDivisionError), database.aggregate_queries():
        if POSTGRESQL:
            assert _jit() == "off"
        1 / 0  # noqa: B018
    if POSTGRESQL:
        assert _jit() == before


class Statements:
    def __init__(self):
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def test_values_and_snapshot_run_their_queries_without_jit(world):
    """Every metric query of a refresh and of a snapshot comes after the setting."""
    programme = Programme.objects.get(code="interreg-lieu-ressource")
    quarters = values.trend_quarters(programme, Q3, now=AFTER_Q3)
    period = values.quarter_period(programme, Q3, now=AFTER_Q3)
    for run in (
        lambda: values.refresh_values(programme, quarters, now=AFTER_Q3),
        lambda: snapshots.build_snapshot(
            programme, Q3, period=period, trend_quarters=quarters, as_of=AFTER_Q3
        ),
    ):
        log = Statements()
        with connection.execute_wrapper(log):
            run()
        settings = [i for i, sql in enumerate(log.sql) if sql == "SET LOCAL jit = off"]
        counts = [i for i, sql in enumerate(log.sql) if "COUNT(" in sql]
        assert counts, "the run computed nothing"
        if POSTGRESQL:
            assert len(settings) == 1 and settings[0] < min(counts)
        else:
            assert settings == []
