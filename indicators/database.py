"""How the indicators' aggregate queries run on the database.

PostgreSQL compiles a query to machine code (JIT) when its estimated cost passes
`jit_above_cost`. The metrics' queries run once each, in tens of milliseconds, but
the "events that serve the programme" filter (EXISTS over the programme and axis
links, or no link at all) makes the planner over-estimate them by orders of
magnitude: at scale 250 the compilation took 0.2-0.45 s of a 0.8 s query, in every
cumulative metric. The report's computations therefore run with JIT off, for their
own transaction only (SET LOCAL); other databases have nothing to turn off.
"""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def aggregate_queries():
    """On PostgreSQL, run the enclosed indicator queries in one transaction without JIT
    compilation (restored when the outermost transaction ends); elsewhere as they are."""
    if connection.vendor != "postgresql":
        # No transaction either: on SQLite a long read one would hold its table locks.
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield
