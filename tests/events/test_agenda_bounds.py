"""The agenda and past events are bounded in time and never count the whole table."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import paging, selectors
from events.forms import month_choices
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def path(name, language="fr"):
    with translation.override(language):
        return reverse(name)


def at(days, hours=2):
    start = timezone.now() + timedelta(days=days)
    return {"start": start, "end": start + timedelta(hours=hours)}


def test_agenda_lists_an_event_still_running_but_not_one_past_its_horizon(client):
    EventFactory(published=True, title_fr="Semaine transfrontalière", **at(-2, hours=24 * 5))
    EventFactory(published=True, title_fr="Trop loin", **at(selectors.AGENDA_HORIZON_DAYS + 3))
    html = client.get(path("events:agenda")).content.decode()
    assert "Semaine transfrontalière" in html
    assert "Trop loin" not in html


def test_month_filter_offers_only_months_with_events():
    EventFactory(published=True, **at(40))
    offered = [value for value, _label in month_choices()]
    month = timezone.localtime(timezone.now() + timedelta(days=40)).strftime("%Y-%m")
    assert offered == [month]


def test_past_events_pages_run_no_count(client, django_assert_max_num_queries):
    EventFactory.create_batch(3, published=True, past=True)
    with django_assert_max_num_queries(3) as context:
        response = client.get(path("events:past"))
    assert response.status_code == 200
    # The places-left subquery counts one event's registrations; no page count.
    assert not any('AS "__count"' in query["sql"] for query in context.captured_queries)


def test_past_events_say_whether_another_page_follows(client, monkeypatch):
    monkeypatch.setattr("events.views.EVENTS_PER_PAGE", 2)
    EventFactory.create_batch(3, published=True, past=True)
    first = client.get(path("events:past"))
    assert first.context["page"].has_next()
    second = client.get(path("events:past") + "?page=2")
    assert not second.context["page"].has_next()
    assert len(second.context["page"].object_list) == 1


def test_past_events_beyond_the_last_offered_page_are_not_found(client):
    assert client.get(path("events:past") + f"?page={paging.MAX_PAGES + 1}").status_code == 404
