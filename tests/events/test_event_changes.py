"""Staff move an event (time or place) once people registered: each person still
registered is told once, in their language, what changed; the confirmed get the
calendar entry updated (.ics METHOD:REQUEST, the original UID, a higher SEQUENCE)."""

import datetime
from types import SimpleNamespace

import icalendar
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.admin.sites import site
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from events import calendar, services
from events.models import Event, Registration
from events.tasks import send_event_reminders, tomorrow_bounds
from tests.factories import EventFactory, RegistrationFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

PARIS = datetime.timezone(datetime.timedelta(hours=1))  # a winter date below


def _in_winter(day, hour):
    """A fixed local time in January next year (so the test never crosses a DST edge)."""
    year = timezone.now().year + 1
    return datetime.datetime(year, 1, day, hour, 0, tzinfo=PARIS)


def _vevent(message):
    [(name, content, mimetype)] = message.attachments
    return mimetype, icalendar.Calendar.from_ical(content)


def _register(event, email, language, capture):
    with capture(execute=True):
        services.register(
            event,
            first_name="Ada",
            last_name="Martin",
            email=email,
            language=language,
            consent=True,
        )
    return Registration.objects.get(email=email)


def _save_in_admin(event, changed=()):
    request = RequestFactory().post("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    request.session = {}
    request._messages = FallbackStorage(request)
    site._registry[Event].save_model(
        request, event, SimpleNamespace(changed_data=list(changed)), change=True
    )
    return [str(m) for m in request._messages]


@pytest.fixture
def event_with_people(django_capture_on_commit_callbacks):
    """A published event with a confirmed French registrant, a German one waiting,
    and a cancelled one; the confirmation's .ics kept to compare with."""
    event = EventFactory(published=True, capacity=1, start=_in_winter(12, 14))
    french = _register(event, "ada@example.org", "fr", django_capture_on_commit_callbacks)
    german = _register(event, "bea@example.org", "de", django_capture_on_commit_callbacks)
    gone = _register(event, "cy@example.org", "fr", django_capture_on_commit_callbacks)
    services.cancel(gone, notify=False)
    [confirmation] = [m for m in mail.outbox if m.to == [french.email]]
    _mimetype, original = _vevent(confirmation)
    mail.outbox.clear()
    assert french.status == Registration.Status.CONFIRMED
    assert german.status == Registration.Status.WAITLISTED
    return SimpleNamespace(event=event, french=french, german=german, original=original)


def test_a_new_time_tells_each_registrant_in_their_language_with_an_updated_ics(
    event_with_people, django_capture_on_commit_callbacks
):
    event = event_with_people.event
    event.start = _in_winter(19, 9)
    event.end = _in_winter(19, 11)
    with django_capture_on_commit_callbacks(execute=True), translation.override("fr"):
        notices = _save_in_admin(event, ["start", "end"])
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.org", "bea@example.org"]
    assert (
        "2 personnes inscrites sont prévenues par e-mail du nouvel horaire ou du nouveau lieu."
        in notices
    )

    french = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    assert french.subject == f"Horaire modifié : {event.title_fr}"
    assert "Avant : " in french.body and "Désormais : " in french.body
    assert "12 janvier" in french.body and "14:00" in french.body  # before
    assert "19 janvier" in french.body and "09:00–11:00" in french.body  # now
    assert "Votre place est maintenue." in french.body

    mimetype, updated = _vevent(french)
    assert mimetype == "text/calendar; method=REQUEST"
    assert updated["METHOD"] == "REQUEST"
    new, old = updated.walk("VEVENT")[0], event_with_people.original.walk("VEVENT")[0]
    assert new["UID"] == old["UID"] == calendar.event_uid(event)
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new["DTSTART"].dt == _in_winter(19, 9)
    assert str(new["ATTENDEE"]) == "mailto:ada@example.org"
    assert str(new["ORGANIZER"]).startswith("mailto:")

    german = next(m for m in mail.outbox if m.to == ["bea@example.org"])
    assert german.subject == f"Termin geändert: {event.title_de}"
    assert "Bisher: " in german.body and "Neu: " in german.body
    assert "19. Januar" in german.body
    assert "Sie bleiben auf der Warteliste." in german.body
    # Someone waiting never had the calendar entry: none is pushed to them.
    assert german.attachments == []


def test_a_new_venue_says_where_before_and_now(
    event_with_people, django_capture_on_commit_callbacks
):
    event = event_with_people.event
    old_venue = event.venue
    event.venue = VenueFactory(name="Maison de l'emploi", city="Kehl")
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["venue"])
    assert len(mail.outbox) == 2
    french = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    assert french.subject == f"Lieu modifié : {event.title_fr}"
    assert f"Avant : {old_venue.name}" in french.body
    assert "Désormais : Maison de l'emploi" in french.body
    _mimetype, updated = _vevent(french)
    assert "Maison de l'emploi" in str(updated.walk("VEVENT")[0]["LOCATION"])


def test_each_change_is_told_once(event_with_people, django_capture_on_commit_callbacks):
    event = event_with_people.event
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["start", "end"])
        # Saved again with the same values (staff press "save and continue"): no news.
        _save_in_admin(Event.objects.get(pk=event.pk), ["start", "end"])
    assert len(mail.outbox) == 2
    event.venue = VenueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["venue"])
    assert len(mail.outbox) == 4
    first, second = (
        int(_vevent(message)[1].walk("VEVENT")[0]["SEQUENCE"])
        for message in mail.outbox
        if message.to == ["ada@example.org"]
    )
    assert second > first


def test_a_new_title_or_text_sends_nothing(event_with_people, django_capture_on_commit_callbacks):
    event = event_with_people.event
    event.title_fr = "Nouveau titre"
    event.what_to_bring_fr = "Un stylo."
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["title_fr", "what_to_bring_fr"])
    assert mail.outbox == []


def test_a_past_event_sends_nothing(django_capture_on_commit_callbacks):
    now = timezone.now()
    event = EventFactory(
        published=True,
        start=now - datetime.timedelta(days=3),
        end=now - datetime.timedelta(days=3, hours=-2),
    )
    RegistrationFactory(event=event)
    event.start -= datetime.timedelta(hours=1)  # correcting the record afterwards
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["start"])
    assert mail.outbox == []


def test_a_draft_sends_nothing(django_capture_on_commit_callbacks):
    event = EventFactory(draft=True)
    RegistrationFactory(event=event)
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["start", "end"])
    assert mail.outbox == []


def test_cancelling_and_moving_at_once_sends_only_the_cancellation(
    event_with_people, django_capture_on_commit_callbacks
):
    event = event_with_people.event
    event.status = Event.Status.CANCELLED
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["status", "start", "end"])
    assert len(mail.outbox) == 2
    assert all(_vevent(m)[1]["METHOD"] == "CANCEL" for m in mail.outbox if m.attachments)


def test_someone_who_cancelled_before_the_email_left_gets_nothing(
    event_with_people, django_capture_on_commit_callbacks
):
    event = event_with_people.event
    event.start += datetime.timedelta(hours=2)
    event.end += datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _save_in_admin(event, ["start", "end"])
    Registration.objects.filter(pk=event_with_people.german.pk).update(
        status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
    )
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]


def test_a_reminder_sent_for_the_old_day_is_sent_again_for_the_new_one(
    django_capture_on_commit_callbacks,
):
    start, _end = tomorrow_bounds()
    event = EventFactory(
        published=True,
        start=start + datetime.timedelta(hours=10),
        end=start + datetime.timedelta(hours=12),
    )
    registration = RegistrationFactory(event=event)
    assert send_event_reminders() == 1
    event.start += datetime.timedelta(days=7)
    event.end += datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(event, ["start", "end"])
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None


@pytest.fixture
def staff_client(client):
    user = UserFactory(superuser=True, username="root")
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def test_moving_an_event_in_the_admin_form_tells_the_registrant(
    staff_client, django_capture_on_commit_callbacks
):
    event = EventFactory(published=True, start=_in_winter(12, 14), end=_in_winter(12, 16))
    registration = RegistrationFactory(event=event, language="de")
    data = {
        "title_fr": event.title_fr,
        "title_de": event.title_de,
        "slug_fr": event.slug_fr,
        "slug_de": event.slug_de,
        "summary_fr": event.summary_fr,
        "summary_de": event.summary_de,
        "description_fr": "",
        "description_de": "",
        "what_to_bring_fr": "",
        "what_to_bring_de": "",
        "format": event.format,
        "language": event.language,
        "start_0": f"13/01/{_in_winter(13, 9).year}",
        "start_1": "09:00",
        "end_0": f"13/01/{_in_winter(13, 9).year}",
        "end_1": "11:30",
        "venue": event.venue_id,
        "status": Event.Status.PUBLISHED,
        "openness": Event.Openness.PUBLIC,
        "capacity": "20",
        "participations-TOTAL_FORMS": 0,
        "participations-INITIAL_FORMS": 0,
        "registrations-TOTAL_FORMS": 1,
        "registrations-INITIAL_FORMS": 1,
        "registrations-0-id": registration.pk,
        "registrations-0-event": event.pk,
        "registrations-0-first_name": registration.first_name,
        "registrations-0-last_name": registration.last_name,
        "registrations-0-email": registration.email,
        "registrations-0-phone": "",
    }
    url = reverse("admin:events_event_change", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302, response.context["adminform"].form.errors
    [message] = mail.outbox
    assert message.to == [registration.email]
    assert message.subject.startswith("Termin geändert: ")
    assert "09:00–11:30" in message.body
