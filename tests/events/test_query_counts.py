"""The public pages run the same number of queries with 10 events as with 1,000."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, EventOrganisation, Registration
from tests.factories import AudienceFactory, EventFactory, OrganisationFactory, VenueFactory

pytestmark = pytest.mark.django_db

# Count, page, audiences, organisers, the filter's audiences and its months.
MAX_QUERIES = 7


def create_events(count):
    """`count` published coming events, each with audiences, organisers and
    registrations, written in bulk."""
    venue = VenueFactory()
    audiences = AudienceFactory.create_batch(2)
    organisations = OrganisationFactory.create_batch(2)
    start = timezone.now() + timedelta(days=1)
    events = Event.objects.bulk_create(
        Event(
            title_fr=f"Atelier {n}",
            title_de=f"Workshop {n}",
            slug_fr=f"atelier-{n}",
            slug_de=f"workshop-{n}",
            summary_fr="Résumé",
            summary_de="Zusammenfassung",
            format=Event.Format.BILINGUAL_WORKSHOP,
            language=Event.Language.BILINGUAL,
            start=start + timedelta(hours=n),
            end=start + timedelta(hours=n, minutes=90),
            venue=venue,
            capacity=3,
            status=Event.Status.PUBLISHED,
        )
        for n in range(count)
    )
    Through = Event.audiences.through
    Through.objects.bulk_create(
        Through(event=event, audience=audience) for event in events for audience in audiences
    )
    EventOrganisation.objects.bulk_create(
        EventOrganisation(event=event, organisation=organisation, role="host")
        for event in events
        for organisation in organisations
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            first_name="Ada",
            last_name="Martin",
            email=f"p{i}@example.org",
            consent_at=timezone.now(),
            status=Registration.Status.CONFIRMED,
        )
        for event in events
        for i in range(2)
    )
    return events


def page_urls(event):
    urls = []
    for language in ("fr", "de"):
        with translation.override(language):
            urls += [
                reverse("events:home"),
                reverse("events:agenda"),
                reverse("events:agenda") + "?audience=" + event.audiences.first().code,
                reverse("events:past"),
                reverse("events:detail", kwargs={"pk": event.pk, "slug": event.slug}),
            ]
    return urls


@pytest.mark.parametrize("count", [10, 1000])
def test_public_pages_query_count_does_not_grow_with_events(
    client, django_assert_max_num_queries, count
):
    events = create_events(count)
    for url in page_urls(events[-1]):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("count", [10, 1000])
def test_partner_page_and_calendar_feed_query_count_is_constant(
    client, django_assert_max_num_queries, count
):
    create_events(count)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("partners:list")).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("events:agenda_ics")).status_code == 200


def test_event_page_shows_the_places_left_from_the_annotation(client):
    [event] = create_events(1)
    with translation.override("fr"):
        url = reverse("events:detail", kwargs={"pk": event.pk, "slug": event.slug})
    assert client.get(url).context["event"].places_left == 1


def test_places_left_never_goes_below_zero(client):
    event = EventFactory(published=True, capacity=1)
    from tests.factories import RegistrationFactory

    RegistrationFactory.create_batch(2, event=event)  # capacity lowered after sign-ups
    from events.selectors import public_event

    assert public_event(event.pk).places_left == 0
