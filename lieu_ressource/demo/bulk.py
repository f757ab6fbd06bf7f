"""Writing demo rows in bulk: bulk_create in batches, and a raw insert (COPY on
PostgreSQL, executemany elsewhere) for the largest tables."""

from contextlib import contextmanager

from django.db import connection, models, reset_queries

from beneficiaries.models import Beneficiary
from events.models import Event

BATCH_SIZE = 2000
# Registrations, attendance and contact notes are written every this many rows, so
# that memory stays flat whatever the scale.
FLUSH_EVERY = 10_000


@contextmanager
def given_timestamps():
    """Let bulk_create keep the creation dates we compute, so that the demo has a
    believable history instead of every row dated today."""
    fields = [
        Event._meta.get_field("created_at"),
        Event._meta.get_field("updated_at"),
        Beneficiary._meta.get_field("created_at"),
        Beneficiary._meta.get_field("updated_at"),
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def in_batches(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def create_in_batches(model, rows):
    """bulk_create in batches; returns the rows, their primary keys set."""
    for batch in in_batches(rows):
        model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        # With DEBUG on, Django keeps the SQL of the last 9,000 queries: at large
        # scales these inserts alone would hold hundreds of megabytes.
        reset_queries()
    return rows


def insert_rows(model, rows):
    """Write named tuples, whose names are the model's field attnames, to its table.

    For the largest tables only (registrations, attendance, contact notes):
    preparing an instance per row through bulk_create costs three times as much on
    SQLite, and PostgreSQL's COPY is five times faster than its INSERTs. Primary keys
    are left to the database unless the rows carry an `id`. SQLite gets an
    executemany with datetimes and UUIDs adapted as the ORM does; psycopg adapts
    them itself for COPY. The database still checks every constraint.
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0]._fields]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        adapters = []
        for i, f in enumerate(fields):
            if isinstance(f, models.DateTimeField):
                adapters.append((i, connection.ops.adapt_datetimefield_value))
            elif isinstance(f, models.UUIDField):
                adapters.append((i, lambda value, f=f: f.get_db_prep_value(value, connection)))
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        for batch in in_batches(rows):
            params = []
            for row in batch:
                values = list(row)
                for i, adapt in adapters:
                    if values[i] is not None:
                        values[i] = adapt(values[i])
                params.append(values)
            cursor.executemany(sql, params)
            reset_queries()
