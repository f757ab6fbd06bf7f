"""Taking attendance at the door: who came, walk-ins, and linking attendees to the
people the centre follows.

Services change state, each in one transaction, and raise a `CheckInError` whose
message is shown to staff; selectors read what the check-in pages show, with the
joins they need so that the number of queries does not grow with the attendees.

An attendee left unlinked is counted in the figures but not followed.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from beneficiaries.models import Beneficiary
from beneficiaries.selectors import visible_beneficiaries
from lieu_ressource.errors import Refused

from .models import Attendance, Event, Registration

REFERENCE_PREFIX = "LR-"


class CheckInError(Refused):
    """A check-in operation the rules refuse; `message` is shown to staff."""

    message = _("This cannot be recorded.")


class AlreadyOnTheList(CheckInError):
    """The person is already linked to another attendee of the same event."""

    message = _("This person is already on the attendance list of this event.")


class RegistrationCancelled(CheckInError):
    message = _("This registration was cancelled.")


class PersonAnonymised(CheckInError):
    message = _("This person's record was anonymised: it cannot be linked.")


# Services ---------------------------------------------------------------------------


def mark_present(registration, present, by):
    """Record whether a registered person came (the first mark creates their row on
    the attendance list). A person already followed is linked at once."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise RegistrationCancelled()
        attendance = Attendance.objects.filter(registration=registration).first()
        if attendance is None:
            attendance = Attendance(event_id=registration.event_id, registration=registration)
            person = registration.beneficiary
            if (
                person is not None
                and person.anonymised_at is None
                and not Attendance.objects.filter(
                    event_id=registration.event_id, beneficiary=person
                ).exists()
            ):
                attendance.beneficiary = person
        attendance.present = bool(present)
        attendance.recorded_by = by
        attendance.save()
        return attendance


def add_walk_in(event, name, by):
    """Add someone who came without registering; with no name they are counted
    as an anonymous attendee."""
    with transaction.atomic():
        return Attendance.objects.create(
            event=event,
            walk_in_name=(name or "").strip()[:200],
            present=True,
            recorded_by=by,
        )


def link_to_beneficiary(attendance, beneficiary):
    """Link an attendee (and their registration, if any) to a followed person."""
    if beneficiary.anonymised_at is not None:
        raise PersonAnonymised()
    with transaction.atomic():
        attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
        already = (
            Attendance.objects.filter(event_id=attendance.event_id, beneficiary=beneficiary)
            .exclude(pk=attendance.pk)
            .exists()
        )
        if already:
            raise AlreadyOnTheList()
        attendance.beneficiary = beneficiary
        try:
            with transaction.atomic():
                attendance.save(update_fields=["beneficiary", "recorded_at"])
        except IntegrityError:
            # Someone linked the same person to another attendee a moment ago.
            raise AlreadyOnTheList() from None
        if attendance.registration_id:
            _link_registration(attendance.registration_id, beneficiary)
        return attendance


def leave_anonymous(attendance):
    """Undo a link: the attendee is counted again, but not followed."""
    with transaction.atomic():
        attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
        attendance.beneficiary = None
        attendance.save(update_fields=["beneficiary", "recorded_at"])
        if attendance.registration_id:
            _link_registration(attendance.registration_id, None)
        return attendance


def _link_registration(registration_id, beneficiary):
    """Link the registration too, with a line in its change history (who linked it);
    an update, not a save, so the public pages' cache stays (places are unchanged)."""
    registration = Registration.objects.get(pk=registration_id)
    registration.beneficiary = beneficiary
    bulk_update_with_history([registration], Registration, ["beneficiary"])


def next_reference():
    """The next free pseudonymous reference, LR-000001 onwards."""
    numbered = (
        Beneficiary.objects.filter(reference__regex=rf"^{REFERENCE_PREFIX}[0-9]+$")
        .annotate(number=Cast(Substr("reference", len(REFERENCE_PREFIX) + 1), IntegerField()))
        .aggregate(last=Max("number"))
    )
    return f"{REFERENCE_PREFIX}{(numbered['last'] or 0) + 1:06d}"


def create_beneficiary_from_attendance(attendance, *, by, referent=None, **details):
    """Start following an attendee: a new person with a fresh reference, consent
    given now, entered on the day of the event, and linked to the attendee.

    `details` are Beneficiary fields (first_name, last_name, email, phone,
    the facts of the situation at entry, consent_scope, …)."""
    entry_date = min(timezone.localdate(attendance.event.start), timezone.localdate())
    for _attempt in range(5):
        try:
            with transaction.atomic():
                person = Beneficiary(
                    reference=next_reference(),
                    consent_at=timezone.now(),
                    entry_date=entry_date,
                    referent=referent,
                    **details,
                )
                person.full_clean()
                person.save()
                link_to_beneficiary(attendance, person)
                return person
        except IntegrityError:
            # Two people created at the same moment took the same reference: retry.
            continue
    raise CheckInError(_("The person could not be created: please try again."))


# Selectors --------------------------------------------------------------------------


@dataclass
class RegisteredRow:
    registration: Registration
    attendance: Attendance | None

    @property
    def present(self):
        return None if self.attendance is None else self.attendance.present


@dataclass
class CheckInSheet:
    event: Event
    confirmed: list
    waitlisted: list
    walk_ins: list

    @property
    def present_count(self):
        registered = [row for row in self.confirmed + self.waitlisted if row.present]
        return len(registered) + sum(1 for a in self.walk_ins if a.present)

    @property
    def anonymous_count(self):
        rows = [row.attendance for row in self.confirmed + self.waitlisted if row.attendance]
        return sum(1 for a in rows + self.walk_ins if a.present and a.beneficiary_id is None)


def _count(queryset):
    """A subquery counting the rows of `queryset` for each event (OuterRef "pk")."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("event").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def check_in_events(now=None, days_before=7, days_after=14):
    """Events around today that staff may take attendance for (not cancelled), with
    their confirmed registrations and attendees present counted."""
    now = now or timezone.now()
    confirmed = Registration.objects.filter(
        event=OuterRef("pk"), status=Registration.Status.CONFIRMED
    )
    present = Attendance.objects.filter(event=OuterRef("pk"), present=True)
    return (
        Event.objects.exclude(status=Event.Status.CANCELLED)
        .filter(
            end__gte=now - datetime.timedelta(days=days_before),
            start__lte=now + datetime.timedelta(days=days_after),
        )
        .select_related("venue")
        .annotate(confirmed_count=_count(confirmed), present_count=_count(present))
        .order_by("start", "pk")
    )


def check_in_sheet(event):
    """The registered people of an event (confirmed and waiting list apart) with their
    attendance, and the walk-ins, in three queries."""
    registrations = (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("attendance__beneficiary", "beneficiary")
        .order_by("last_name", "first_name", "pk")
    )
    confirmed, waitlisted = [], []
    for registration in registrations:
        attendance = getattr(registration, "attendance", None)
        row = RegisteredRow(registration, attendance)
        if registration.status == Registration.Status.WAITLISTED:
            waitlisted.append(row)
        else:
            confirmed.append(row)
    walk_ins = list(
        event.attendances.filter(registration__isnull=True)
        .select_related("beneficiary")
        .order_by("pk")
    )
    return CheckInSheet(event, confirmed, waitlisted, walk_ins)


def attendee_details(attendance):
    """What is known of an attendee, to prefill a new person's form: names, email
    and phone from the registration, or the walk-in's name split in two."""
    registration = attendance.registration
    if registration is not None:
        return {
            "first_name": registration.first_name,
            "last_name": registration.last_name,
            "email": registration.email,
            "phone": registration.phone,
        }
    first, _space, last = attendance.walk_in_name.strip().partition(" ")
    return {"first_name": first, "last_name": last}


# Finding people: names compare without case, accents or separators, so that
# "Müller", "MULLER" and "muller" are the same, as are "Jean-Pierre" and "Jean Pierre".

_SEPARATORS = "-' ’"


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letter_variants():
    variants = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        folded = _fold(char)
        if len(folded) == 1 and "a" <= folded <= "z":
            variants.setdefault(folded, set()).update({char, char.lower(), char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in variants.items()}


_VARIANTS = _letter_variants()


def _loose_pattern(text):
    """A regular expression (valid in PostgreSQL and SQLite) matching `text` whatever
    its case, accents and separators."""
    folded = re.sub(f"[{_SEPARATORS}]+", " ", _fold(text)).strip()
    parts = []
    i = 0
    while i < len(folded):
        char = folded[i]
        if folded.startswith("ss", i):
            parts.append("(ss|SS|Ss|ß|ẞ)")
            i += 2
            continue
        if char == " ":
            parts.append(f"[{_SEPARATORS}]*")
        elif char in _VARIANTS:
            parts.append(f"[{_VARIANTS[char]}]")
        else:
            parts.append(re.escape(char))
        i += 1
    return "".join(parts)


def _followed_people(user):
    return visible_beneficiaries(user).filter(anonymised_at__isnull=True)


def search_beneficiaries(user, query, limit=20):
    """People this account may see whose name, email or reference contains every
    word of `query`."""
    words = [w for w in re.split(r"\s+", query.strip()) if w][:5]
    if not words:
        return Beneficiary.objects.none()
    people = _followed_people(user)
    for word in words:
        pattern = _loose_pattern(word)
        people = people.filter(
            Q(first_name__regex=pattern)
            | Q(last_name__regex=pattern)
            | Q(email__icontains=word)
            | Q(reference__icontains=word)
        )
    return people.select_related("referring_organisation").order_by(
        "last_name", "first_name", "pk"
    )[:limit]


def likely_duplicates(user, first_name="", last_name="", email="", limit=10):
    """People this account may see who are probably the same person: same email, or
    same first and last name (case, accents and separators aside)."""
    match = Q(pk__in=[])
    if email and email.strip():
        match |= Q(email__iexact=email.strip())
    if first_name and first_name.strip() and last_name and last_name.strip():
        match |= Q(first_name__regex=rf"^\s*{_loose_pattern(first_name)}\s*$") & Q(
            last_name__regex=rf"^\s*{_loose_pattern(last_name)}\s*$"
        )
    return (
        _followed_people(user)
        .filter(match)
        .select_related("referring_organisation")
        .order_by("last_name", "first_name", "pk")[:limit]
    )
