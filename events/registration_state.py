"""Whether a visitor can register for an event, decided in one place.

The home page, the agenda, the event page, its JSON-LD and the registration service
all read `state_of(event)`, so a badge can never promise places that the form then
refuses. The event must carry `places_left` (selectors.with_places) when it has a
capacity.

Some states change with time alone (registration opens at a date, the event starts):
`seconds_to_next_change` tells the page cache how long a rendering stays true.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Event

OPEN = "open"
WAITING_LIST = "waiting_list"
NOT_YET_OPEN = "not_yet_open"
CLOSED = "closed"
STARTED = "started"
OVER = "over"
CANCELLED = "cancelled"
NO_REGISTRATION = "no_registration"
# Drafts: never shown to the public, refused by the service.
UNPUBLISHED = "unpublished"

# The states in which the form is shown and a sign-up is accepted.
ACCEPTING = {OPEN, WAITING_LIST}


@dataclass(frozen=True)
class RegistrationState:
    code: str
    # Places still free (None: no limit, or not relevant to the state).
    places_left: int | None = None
    # When registration opens (NOT_YET_OPEN) or closed (CLOSED), if known.
    moment: datetime | None = None

    @property
    def accepts_registrations(self):
        return self.code in ACCEPTING

    @property
    def is_waiting_list(self):
        return self.code == WAITING_LIST

    def __str__(self):
        return self.code


def state_of(event, now=None, *, places_taken=None):
    """The registration state of `event` at `now`. `places_taken` overrides the
    annotation (the service counts under a row lock)."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return RegistrationState(CANCELLED)
    if event.status != Event.Status.PUBLISHED:
        return RegistrationState(UNPUBLISHED)
    if event.end <= now:
        return RegistrationState(OVER)
    if event.start <= now:
        return RegistrationState(STARTED)
    if event.capacity == 0:
        return RegistrationState(NO_REGISTRATION)
    if event.registration_opens and now < event.registration_opens:
        return RegistrationState(NOT_YET_OPEN, moment=event.registration_opens)
    if event.registration_closes and now >= event.registration_closes:
        return RegistrationState(CLOSED, moment=event.registration_closes)
    if event.capacity is None:
        return RegistrationState(OPEN)
    if places_taken is None:
        left = event.places_left
    else:
        left = max(0, event.capacity - places_taken)
    if left == 0:
        return RegistrationState(WAITING_LIST, places_left=0)
    return RegistrationState(OPEN, places_left=left)


def seconds_to_next_change(events, now=None, *, longest):
    """Seconds until the state of any of `events` may change by time alone
    (registration opens or closes, an event starts or ends), at most `longest`."""
    now = now or timezone.now()
    seconds = longest
    for event in events:
        for moment in (event.registration_opens, event.registration_closes, event.start, event.end):
            if moment and moment > now:
                seconds = min(seconds, (moment - now).total_seconds())
    return max(0, int(seconds))


def explanation(state):
    """Why no sign-up is taken in `state`, as the visitor reads it; None when the form
    is open (places or waiting list)."""
    # Imported here: the services' errors carry the default messages, and the
    # template helpers write dates as the pages do.
    from .services import EventNotOpen, RegistrationClosed
    from .templatetags.public_site import long_date

    if state.accepts_registrations:
        return None
    if state.code == NOT_YET_OPEN:
        moment = timezone.localtime(state.moment)
        return _("Registration opens on %(date)s at %(time)s.") % {
            "date": long_date(moment),
            "time": date_format(moment, "TIME_FORMAT"),
        }
    messages = {
        CANCELLED: _("This event has been cancelled."),
        OVER: _("This event is over."),
        STARTED: _("This event has already started: registration is closed."),
        NO_REGISTRATION: _("This event takes no registration: just come along."),
        CLOSED: RegistrationClosed.message,
    }
    return messages.get(state.code, EventNotOpen.message)
