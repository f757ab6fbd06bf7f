"""The change history a real year leaves behind: one creation row per tracked record.

Bulk writes bypass django-simple-history's signals, so without this the demo's
history tables stay empty and their admin lists look fast whatever they do. Each
table gets one `INSERT … SELECT` from its model's table, dated when the record was
made (its creation time, or its first date for records that keep no time), by
nobody (the public, an import): seconds at `--scale 250`, no row held in Python.
"""

from django.db import connection, models
from django.db.models.functions import Cast

from beneficiaries.models import Beneficiary, ContactNote, Outcome, Pathway
from events.models import Attendance, Registration
from fse.models import Participation
from referrals.models import Following, Referral

# When each tracked record came to be.
CREATED = {
    Registration: "created_at",
    Attendance: "recorded_at",
    Beneficiary: "created_at",
    Pathway: "start_date",
    Outcome: "date",
    ContactNote: "created_at",
    Referral: "sent_at",
    Following: "start_date",
    Participation: "created_at",
}
# The history's own columns: every other one copies the record's.
HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}


def write_creation_history():
    """Give every tracked record its creation row ("+"); returns the rows written."""
    written = 0
    for model, created in CREATED.items():
        history = model.history.model
        columns = [
            field.attname
            for field in history._meta.concrete_fields
            if field.attname not in HISTORY_FIELDS
        ]
        source = (
            model._base_manager.order_by()
            .annotate(_history_date=Cast(created, models.DateTimeField()))
            .values_list(*columns, "_history_date")
        )
        select, params = source.query.sql_with_params()
        quote = connection.ops.quote_name
        targets = ", ".join(quote(name) for name in [*columns, "history_date", "history_type"])
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({targets}) "
                f"SELECT src.*, '+' FROM ({select}) src",
                params,
            )
            written += cursor.rowcount
    return written
