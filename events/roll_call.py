"""The check-in sheet of a big event: finding a name on it, and marking everyone
registered present at once, with an undo.

"Everyone" is every confirmed registration not marked yet: a person staff marked
absent stays absent, and the waiting list (who had no place) is left to one tap
each. The batch returns what it changed, so that the same rows, and only those
still as the batch left them, can be put back.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from .attendance import CheckInError, _fold
from .models import Attendance, Registration


def matches(query, *texts):
    """True when every word of `query` is in one of `texts`, whatever the case and
    accents ("muller" finds "Müller")."""
    words = _fold(query).split()
    folded = " ".join(_fold(text or "") for text in texts)
    return all(word in folded for word in words)


def filter_sheet(sheet, query):
    """The sheet with only the rows whose name (or email) matches `query`."""
    if not query.strip():
        return sheet

    def registered(row):
        r = row.registration
        return matches(query, r.first_name, r.last_name, r.email)

    sheet.confirmed = [row for row in sheet.confirmed if registered(row)]
    sheet.waitlisted = [row for row in sheet.waitlisted if registered(row)]
    sheet.walk_ins = [a for a in sheet.walk_ins if matches(query, a.walk_in_name)]
    return sheet


class MarkedMeanwhile(CheckInError):
    message = _("Someone was marked at the same moment: please try again.")


@dataclass
class Batch:
    """What "all present" did: the attendance rows it created, the time of the last
    one (a row changed since then is left by the undo), and the absent ones kept."""

    created: list
    until: datetime.datetime | None
    kept_absent: int

    @property
    def count(self):
        return len(self.created)

    def as_session(self):
        until = self.until.isoformat() if self.until else None
        return {"created": self.created, "until": until}


def unmarked_count(event):
    """Confirmed registrations of `event` with no attendance mark yet."""
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED, attendance__isnull=True)
        .order_by()
        .count()
    )


def mark_all_present(event, by):
    """Mark present every confirmed registration of `event` not marked yet, in one
    transaction and three queries; a person already followed is linked as a single
    tap would (unless already on the list). Returns the Batch."""
    with transaction.atomic():
        registrations = list(
            event.registrations.select_for_update(of=("self",))
            .filter(status=Registration.Status.CONFIRMED, attendance__isnull=True)
            .select_related("beneficiary")
            .order_by("pk")
        )
        linked = set(
            Attendance.objects.filter(event=event, beneficiary__isnull=False).values_list(
                "beneficiary_id", flat=True
            )
        )
        rows = []
        for registration in registrations:
            person = registration.beneficiary
            link = person is not None and person.anonymised_at is None and person.pk not in linked
            if link:
                linked.add(person.pk)
            rows.append(
                Attendance(
                    event=event,
                    registration=registration,
                    beneficiary=person if link else None,
                    present=True,
                    recorded_by=by,
                )
            )
        try:
            with transaction.atomic():
                # With its change history (privacy/models.py): who marked them present.
                created = bulk_create_with_history(rows, Attendance, default_user=by)
        except IntegrityError:
            # A tap at the door recorded one of them between our read and write.
            raise MarkedMeanwhile() from None
        kept_absent = event.attendances.filter(
            registration__status=Registration.Status.CONFIRMED, present=False
        ).count()
        until = max((row.recorded_at for row in created), default=None)
        return Batch([row.pk for row in created], until, kept_absent)


def undo_mark_all(event, created, until):
    """Take back an "all present": the rows it created go back to unmarked, except
    those staff changed since (marked absent, linked by hand: their time moved on).
    Returns how many were taken back."""
    undone, _by_model = Attendance.objects.filter(
        event=event,
        pk__in=created,
        registration__isnull=False,
        present=True,
        recorded_at__lte=until,
    ).delete()
    return undone
