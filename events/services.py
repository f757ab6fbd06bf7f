"""Operations that change events and registrations.

Each operation runs in one transaction and locks the event row first, so that two
sign-ups at the same moment are counted one after the other and the capacity is
never exceeded (on PostgreSQL; SQLite serialises writers anyway). Emails leave only
once the transaction has committed.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lieu_ressource.errors import Refused

from . import registration_state
from .models import Event, EventOrganisation, Registration

logger = logging.getLogger(__name__)


class RegistrationError(Refused):
    """A sign-up or a cancellation the rules refuse; `message` is shown to the person."""

    message = _("This registration is not possible.")


class EventNotOpen(RegistrationError):
    """The event is a draft, cancelled or already over."""

    message = _("This event is not open for registration.")


class RegistrationClosed(RegistrationError):
    """The registration window is shut, or the event takes no registrations."""

    message = _("Registration for this event is closed.")


class AlreadyRegistered(RegistrationError):
    """The same email already holds a place (or a waiting-list spot) for the event."""

    message = _(
        "This email address is already registered for this event. The confirmation email "
        "we sent you contains a link to cancel."
    )


def check_registration_open(event, now=None):
    """Raise the domain error that explains why `event` takes no sign-up now, if any:
    the same answer the public pages show (events/registration_state.py)."""
    # Whether places are left does not matter here: a full event takes the waiting list.
    state = registration_state.state_of(event, now, places_taken=0)
    if state.accepts_registrations:
        return
    message = registration_state.explanation(state)
    if state.code in EVENT_NOT_OPEN_STATES:
        raise EventNotOpen(message)
    raise RegistrationClosed(message)


EVENT_NOT_OPEN_STATES = {
    registration_state.CANCELLED,
    registration_state.OVER,
    registration_state.UNPUBLISHED,
}


def register(
    event, *, first_name, last_name, email, phone="", organisation_name="", language, consent
):
    """Sign a person up: a confirmed place while there is room, else the waiting list.

    Raises EventNotOpen, RegistrationClosed or AlreadyRegistered; saves nothing then.
    """
    if not consent:
        raise ValueError("A registration needs the person's consent.")
    email = email.strip()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        now = timezone.now()
        check_registration_open(event, now)
        active = event.registrations.exclude(status=Registration.Status.CANCELLED)
        # Lower() rather than email__iexact (UPPER … LIKE on PostgreSQL): the check then
        # uses the lower(email) unique index while the event row is locked.
        same_email = active.annotate(email_lower=Lower("email"))
        if same_email.filter(email_lower=Lower(Value(email))).exists():
            raise AlreadyRegistered()
        confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
        has_room = event.capacity is None or confirmed < event.capacity
        try:
            # A savepoint, so that a unique-constraint race leaves the outer
            # transaction usable for the error path.
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    first_name=first_name.strip(),
                    last_name=last_name.strip(),
                    email=email,
                    phone=phone.strip(),
                    organisation_name=" ".join(organisation_name.split()),
                    language=language,
                    consent_at=now,
                    status=(
                        Registration.Status.CONFIRMED
                        if has_room
                        else Registration.Status.WAITLISTED
                    ),
                )
        except IntegrityError as exc:
            raise AlreadyRegistered() from exc
        kind = "confirmation" if has_room else "waitlisted"
        _email_after_commit(registration, kind)
    return registration


def cancel(registration, *, notify=True):
    """Cancel a registration and give a freed place to the oldest waitlisted person.

    Returns the promoted registration, or None. Cancelling twice changes nothing.
    `notify=False` sends the person no confirmation (an erasure: the address is about
    to be anonymised); the promoted person is told either way.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Registration.Status.CANCELLED:
            return None
        held_a_place = locked.status == Registration.Status.CONFIRMED
        locked.status = Registration.Status.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at"])
        registration.status, registration.cancelled_at = locked.status, locked.cancelled_at
        if notify:
            _email_after_commit(locked, "cancellation")
        promoted = None
        if held_a_place and event.status == Event.Status.PUBLISHED:
            if event.start > locked.cancelled_at:
                promoted = _promote_oldest_waitlisted(event)
    return promoted


def notify_event_cancelled(event):
    """Tell everyone still registered (confirmed or waiting) that `event` is cancelled,
    with the .ics that takes it out of their calendar. Call it once the event's status
    is CANCELLED (the admin does on the change); returns how many are told."""
    if event.status != Event.Status.CANCELLED:
        return 0
    registrations = list(event.registrations.exclude(status=Registration.Status.CANCELLED))
    for registration in registrations:
        _email_after_commit(registration, "event_cancelled")
    return len(registrations)


def _promote_oldest_waitlisted(event):
    """Move the first person waiting to a confirmed place if one is free.

    The caller holds the event row lock."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if event.capacity is not None and confirmed >= event.capacity:
        return None
    promoted = (
        event.registrations.select_for_update()
        .filter(status=Registration.Status.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = Registration.Status.CONFIRMED
    promoted.save(update_fields=["status"])
    _email_after_commit(promoted, "promotion")
    return promoted


def _email_after_commit(registration, kind, **details):
    """Queue the `kind` email once the transaction commits; `details` (JSON-ready)
    go to the task, e.g. what changed for an "event_changed" email."""
    from .tasks import send_registration_email

    def send():
        try:
            send_registration_email.delay(registration.pk, kind, **details)
        except Exception:
            # The registration is saved; a lost email must not turn into an error page.
            logger.exception(
                "Could not queue the %s email of registration %s", kind, registration.pk
            )

    transaction.on_commit(send)


def duplicate_weekly(event, weeks):
    """Copy `event` once a week for `weeks` weeks (1–52), each copy a draft.

    Copies keep the texts in every language, venue, capacity, audiences, axes and
    organisers. Start, end and the registration window move by whole weeks of Paris
    wall-clock time: a 10:00 permanence stays at 10:00 across a daylight-saving change.
    """
    if not 1 <= weeks <= 52:
        raise ValueError("Between 1 and 52 weekly copies.")
    with transaction.atomic():
        source = Event.objects.get(pk=event.pk)
        audience_ids = list(source.audiences.values_list("pk", flat=True))
        axis_ids = list(source.axes.values_list("pk", flat=True))
        participations = list(source.participations.values_list("organisation_id", "role"))
        copies = []
        for week in range(1, weeks + 1):
            copy = Event.objects.get(pk=event.pk)
            copy.pk = None
            copy._state.adding = True
            copy.status = Event.Status.DRAFT
            for name in ("start", "end", "registration_opens", "registration_closes"):
                setattr(copy, name, _weeks_later_same_local_time(getattr(source, name), week))
            copy.save()
            copies.append(copy)
        Event.audiences.through.objects.bulk_create(
            Event.audiences.through(event_id=copy.pk, audience_id=audience_id)
            for copy in copies
            for audience_id in audience_ids
        )
        Event.axes.through.objects.bulk_create(
            Event.axes.through(event_id=copy.pk, axis_id=axis_id)
            for copy in copies
            for axis_id in axis_ids
        )
        EventOrganisation.objects.bulk_create(
            EventOrganisation(event=copy, organisation_id=organisation_id, role=role)
            for copy in copies
            for organisation_id, role in participations
        )
    return copies


def _weeks_later_same_local_time(moment, weeks):
    if moment is None:
        return None
    # Arithmetic on an aware datetime in a zoneinfo zone keeps the wall-clock time;
    # the UTC offset is worked out again for the new date.
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return local + timedelta(weeks=weeks)
