"""Admin pagination over large tables without an exact COUNT(*).

An exact count of 500,000 registrations reads the whole table on every page of the
admin list. On PostgreSQL the planner already knows about how many rows there are;
past a few thousand rows nobody needs the exact figure to page through them.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows (as the planner estimates them) the exact count is cheap and
# shown; above it, the estimate stands in for it.
EXACT_COUNT_BELOW = 10_000


class EstimatedCountPaginator(Paginator):
    """A paginator whose count is PostgreSQL's estimate on large lists: the table's
    `reltuples` when the list is unfiltered, the planner's row estimate when it is
    filtered. Small lists, and other databases, get the exact count."""

    @cached_property
    def count(self):
        estimate = planner_estimate(self.object_list)
        if estimate is None or estimate < EXACT_COUNT_BELOW:
            return super().count
        return estimate


def planner_estimate(queryset):
    """PostgreSQL's estimate of the number of rows of `queryset`, or None where there
    is none (another database, a table never analysed, not a queryset)."""
    query = getattr(queryset, "query", None)
    if query is None:
        return None
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        if not query.where and not query.distinct and not query.combinator:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
            return row[0] if row and row[0] >= 0 else None
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:
            # A filter that can match nothing (an id past the column's range): the
            # exact count answers 0 without a query.
            return None
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
