"""One answer to "can I register?": the home page, the agenda and the event page show
the same badge for every state, in French and German; the service refuses exactly
when the pages say no; a cached page does not outlive a state that changes with time."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import links, page_cache, registration_state, services
from events.models import Event
from events.registration_state import state_of
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2031, 3, 3, 10, 0, tzinfo=PARIS)
OPENS = datetime(2031, 3, 10, 9, 0, tzinfo=PARIS)


def _event(**fields):
    defaults = {
        "status": Event.Status.PUBLISHED,
        "start": NOW + timedelta(days=14),
        "end": NOW + timedelta(days=14, hours=2),
        "capacity": 10,
    }
    places_left = fields.pop("places_left", None)
    event = EventFactory.build(**(defaults | fields))
    event.places_left = event.capacity if places_left is None else places_left
    return event


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({}, "open"),
        ({"capacity": None}, "open"),
        ({"places_left": 0}, "waiting_list"),
        ({"registration_opens": OPENS}, "not_yet_open"),
        ({"registration_closes": NOW - timedelta(hours=1)}, "closed"),
        ({"start": NOW - timedelta(hours=1), "end": NOW + timedelta(hours=1)}, "started"),
        ({"start": NOW - timedelta(hours=3), "end": NOW - timedelta(hours=1)}, "over"),
        ({"status": Event.Status.CANCELLED}, "cancelled"),
        ({"capacity": 0}, "no_registration"),
        ({"status": Event.Status.DRAFT}, "unpublished"),
    ],
)
def test_state_of_each_kind_of_event(fields, code):
    assert state_of(_event(**fields), NOW).code == code


def test_cancelled_wins_over_every_other_reason():
    event = _event(status=Event.Status.CANCELLED, places_left=0, registration_opens=OPENS)
    assert state_of(event, NOW).code == "cancelled"


def test_not_yet_open_carries_its_opening_date():
    assert state_of(_event(registration_opens=OPENS), NOW).moment == OPENS


def test_open_carries_the_places_left():
    assert state_of(_event(places_left=3), NOW).places_left == 3


def _in(hours=0, days=0):
    return timezone.now() + timedelta(days=days, hours=hours)


def _make(kind):
    """A real event in the state `kind`, ten days ahead unless the state needs otherwise."""
    base = {"published": True, "start": _in(days=10), "end": _in(days=10, hours=2)}
    if kind == "open":
        event = EventFactory(**base, capacity=5)
        RegistrationFactory.create_batch(2, event=event)
    elif kind == "open_unlimited":
        event = EventFactory(**base, capacity=None)
    elif kind == "waiting_list":
        event = EventFactory(**base, capacity=2)
        RegistrationFactory.create_batch(2, event=event)
    elif kind == "not_yet_open":
        event = EventFactory(**base, registration_opens=OPENING_DAY)
    elif kind == "closed":
        event = EventFactory(**base, registration_closes=_in(hours=-1))
    elif kind == "started":
        event = EventFactory(published=True, start=_in(hours=-1), end=_in(hours=2))
    elif kind == "cancelled":
        event = EventFactory(cancelled=True, start=base["start"], end=base["end"])
    elif kind == "no_registration":
        event = EventFactory(**base, capacity=0)
    return event


# When a not-yet-open event's registration opens: a fixed local time, three days on.
OPENING_DAY = (timezone.localtime() + timedelta(days=3)).replace(
    hour=9, minute=30, second=0, microsecond=0
)

# What a visitor reads, worked out by hand for each state and language.
BADGES = {
    "open": {"fr": "3 places restantes", "de": "Noch 3 Plätze frei"},
    "open_unlimited": {
        "fr": "Gratuit, inscription conseillée",
        "de": "Kostenlos, Anmeldung empfohlen",
    },
    "waiting_list": {
        "fr": "Complet : liste d'attente ouverte",
        "de": "Ausgebucht: Warteliste offen",
    },
    "not_yet_open": {
        "fr": "Inscriptions ouvertes le {date} à 09:30",
        "de": "Anmeldung ab {date} um 09:30 Uhr",
    },
    "closed": {"fr": "Inscriptions closes", "de": "Anmeldung geschlossen"},
    "started": {
        "fr": "En cours : inscriptions closes",
        "de": "Läuft bereits: Anmeldung geschlossen",
    },
    "cancelled": {"fr": "Annulé", "de": "Abgesagt"},
    "no_registration": {"fr": "Sans inscription", "de": "Keine Anmeldung nötig"},
}
LONG_DATES = {"fr": "{weekday} {day} {month} {year}", "de": "{weekday}, {day}. {month} {year}"}
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
}
MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}


def _long_date(language):
    day = OPENING_DAY.date()
    return LONG_DATES[language].format(
        weekday=WEEKDAYS[language][day.weekday()],
        day=day.day,
        month=MONTHS[language].split()[day.month - 1],
        year=day.year,
    )


def _expected(kind, language):
    return BADGES[kind][language].format(date=_long_date(language))


def _badge(html):
    found = re.findall(r'<p class="places">(.*?)</p>', html, re.S)
    assert len(found) == 1, found
    return " ".join(unescape(re.sub(r"<[^>]+>", "", found[0])).split())


def _page(client, language, name=None, event=None):
    with translation.override(language):
        url = links.event_path(event) if event else reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("kind", sorted(BADGES))
def test_home_agenda_and_event_page_show_the_same_state(client, kind, language):
    event = _make(kind)
    badges = {
        "home": _badge(_page(client, language, "events:home")),
        "agenda": _badge(_page(client, language, "events:agenda")),
        "event": _badge(_page(client, language, event=event)),
    }
    assert set(badges.values()) == {_expected(kind, language)}, badges


@pytest.mark.parametrize("kind", sorted(BADGES))
def test_the_form_shows_exactly_when_the_service_accepts(client, kind):
    event = _make(kind)
    html = _page(client, "fr", event=event)
    try:
        services.check_registration_open(event)
    except services.RegistrationError as exc:
        assert 'name="first_name"' not in html
        assert str(exc.message).replace("'", "&#x27;") in html
    else:
        assert 'name="first_name"' in html
        # The link near the top leads to the form.
        assert html.index('href="#register"') < html.index('id="register"')


def test_not_yet_open_page_says_when_registration_opens(client):
    event = _make("not_yet_open")
    html = _page(client, "de", event=event)
    assert f"Die Anmeldung öffnet am {_long_date('de')} um 09:30 Uhr." in html


def test_refusal_before_opening_gives_the_opening_date():
    event = _make("not_yet_open")
    with translation.override("fr"), pytest.raises(services.RegistrationClosed) as refused:
        services.register(
            event,
            first_name="Ada",
            last_name="L",
            email="a@example.org",
            language="fr",
            consent=True,
        )
    assert str(refused.value.message) == (
        f"Les inscriptions ouvrent le {_long_date('fr')} à 09:30."
    )


@pytest.fixture
def stored_seconds(monkeypatch):
    """How long each page the cache stores is kept."""
    kept = []
    store = page_cache._store

    def recording(key, version, content, seconds):
        kept.append(seconds)
        return store(key, version, content, seconds)

    monkeypatch.setattr(page_cache, "_store", recording)
    return kept


@pytest.mark.parametrize("name", ["events:home", "events:agenda"])
def test_a_list_is_cached_no_longer_than_until_registration_opens(client, stored_seconds, name):
    EventFactory(published=True, registration_opens=_in() + timedelta(seconds=20))
    _page(client, "fr", name)
    assert stored_seconds and 0 < stored_seconds[-1] <= 20


@pytest.mark.parametrize("name", ["events:home", "events:agenda"])
def test_a_list_is_cached_no_longer_than_until_an_event_starts(client, stored_seconds, name):
    EventFactory(published=True, start=_in() + timedelta(seconds=30), end=_in(hours=2))
    _page(client, "fr", name)
    assert stored_seconds and 0 < stored_seconds[-1] <= 30


def test_a_list_without_a_coming_change_keeps_the_usual_time(client, stored_seconds):
    EventFactory(published=True)
    _page(client, "fr", "events:agenda")
    assert stored_seconds == [page_cache.PAGE_SECONDS]


def test_seconds_to_next_change_takes_the_soonest_moment():
    events = [
        _event(registration_opens=NOW + timedelta(seconds=50)),
        _event(start=NOW + timedelta(seconds=10), end=NOW + timedelta(hours=1)),
    ]
    assert registration_state.seconds_to_next_change(events, NOW, longest=60) == 10
    assert registration_state.seconds_to_next_change([], NOW, longest=60) == 60


def test_the_employers_page_is_cached_no_longer_than_until_registration_opens(
    client, stored_seconds
):
    EventFactory(
        published=True,
        format=Event.Format.EMPLOYER_AFTERWORK,
        registration_opens=_in() + timedelta(seconds=25),
    )
    with translation.override("fr"):
        assert client.get(reverse("partners:employers")).status_code == 200
    assert stored_seconds and 0 < stored_seconds[-1] <= 25
