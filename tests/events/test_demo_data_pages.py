"""Every public page answers in both languages on the demo data."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from events import links
from events.models import Event, Registration
from events.tokens import cancel_token, done_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_db_blocker):
    call_command("seed_demo", scale=0.05, seed=1, verbosity=0)


def test_every_public_page_answers_in_both_languages_on_demo_data(client, demo):
    published = Event.objects.filter(status=Event.Status.PUBLISHED)
    assert published.exists()
    registration = Registration.objects.filter(event__in=published).first()
    for language in ("fr", "de"):
        with translation.override(language):
            urls = [
                reverse("events:home"),
                reverse("events:agenda"),
                reverse("events:agenda") + "?page=2",
                reverse("events:past"),
                reverse("partners:list"),
                reverse("events:privacy"),
                reverse("events:legal"),
                reverse("events:agenda_ics"),
                *(links.event_path(event) for event in published),
                *(reverse("events:event_ics", kwargs={"pk": e.pk}) for e in published[:5]),
            ]
            if registration:
                urls += [
                    reverse("events:cancel", kwargs={"token": cancel_token(registration)}),
                    reverse("events:registration_done", kwargs={"token": done_token(registration)}),
                ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            if response["Content-Type"].startswith("text/html"):
                assert f'<html lang="{language}">' in response.content.decode(), url
    assert client.get("/sitemap.xml").status_code == 200


def test_draft_demo_events_are_not_found(client, demo):
    for event in Event.objects.filter(status=Event.Status.DRAFT)[:5]:
        with translation.override("fr"):
            assert client.get(links.event_path(event)).status_code == 404
