"""schema.org Event data on event pages: an image, when places are offered from
(validFrom), and an availability that follows the registration state (a cancelled
event is never "InStock")."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from events import links
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _json_ld(client, event):
    with translation.override("fr"):
        html = client.get(links.event_path(event)).content.decode()
    text = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(text)


def test_json_ld_gives_an_absolute_image(client):
    data = _json_ld(client, EventFactory(published=True))
    [image] = data["image"]
    assert image.startswith("http") and image.endswith(".png")


def test_json_ld_valid_from_is_the_opening_of_registration(client):
    opens = timezone.now() + timedelta(days=2)
    data = _json_ld(client, EventFactory(published=True, registration_opens=opens))
    assert data["offers"]["validFrom"] == timezone.localtime(opens).isoformat()
    assert data["offers"]["availability"] == "https://schema.org/PreSale"


def test_json_ld_valid_from_defaults_to_publication(client):
    event = EventFactory(published=True)
    data = _json_ld(client, event)
    assert data["offers"]["validFrom"] == timezone.localtime(event.created_at).isoformat()
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_json_ld_of_a_cancelled_event_is_not_in_stock(client):
    data = _json_ld(client, EventFactory(cancelled=True))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["offers"]["availability"] == "https://schema.org/Discontinued"


def test_json_ld_of_a_full_event_is_sold_out(client):
    event = EventFactory(published=True, capacity=1)
    RegistrationFactory(event=event)
    assert _json_ld(client, event)["offers"]["availability"] == "https://schema.org/SoldOut"


def test_json_ld_of_a_started_event_is_out_of_stock(client):
    now = timezone.now()
    event = EventFactory(
        published=True, start=now - timedelta(hours=1), end=now + timedelta(hours=1)
    )
    assert _json_ld(client, event)["offers"]["availability"] == "https://schema.org/OutOfStock"
