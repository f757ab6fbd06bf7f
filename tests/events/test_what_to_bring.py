"""What to bring: staff's text (FR/DE) or the format's usual advice, on the event page
and in the confirmation, promotion and reminder emails; the home page's way in for
employers."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events import emails
from events.models import Event
from events.tasks import send_event_reminders, tomorrow_bounds
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CV_FR = "Plusieurs exemplaires imprimés de votre CV"
CV_DE = "Mehrere ausgedruckte Exemplare Ihres Lebenslaufs"


def _page(client, event, language):
    with translation.override(language):
        url = reverse("events:detail", kwargs={"pk": event.pk, "slug": event.slug})
    return client.get(url).content.decode()


def test_staff_text_is_shown_in_each_language(client):
    event = EventFactory(
        published=True,
        what_to_bring_fr="Un stylo et votre CV en allemand.",
        what_to_bring_de="Einen Stift und Ihren Lebenslauf auf Französisch.",
    )
    french = _page(client, event, "fr")
    assert "À apporter" in french and "Un stylo et votre CV en allemand." in french
    german = _page(client, event, "de")
    assert "Mitzubringen" in german
    assert "Einen Stift und Ihren Lebenslauf auf Französisch." in german


def test_staff_text_in_one_language_is_shown_marked_in_the_other(client):
    event = EventFactory(published=True, what_to_bring_fr="Un stylo.", what_to_bring_de="")
    german = _page(client, event, "de")
    assert '<div lang="fr"><p>Un stylo.</p></div>' in german
    assert "nur auf Französisch verfügbar" in german


@pytest.mark.parametrize("language, advice", [("fr", CV_FR), ("de", CV_DE)])
def test_a_recruitment_meeting_asks_for_a_cv_by_default(client, language, advice):
    event = EventFactory(published=True, format=Event.Format.RECRUITMENT_MEETING)
    assert advice in _page(client, event, language)


def test_staff_text_replaces_the_format_advice(client):
    event = EventFactory(
        published=True, format=Event.Format.RECRUITMENT_MEETING, what_to_bring_fr="Rien."
    )
    page = _page(client, event, "fr")
    assert "Rien." in page and CV_FR not in page


def test_a_workshop_without_text_shows_no_what_to_bring(client):
    event = EventFactory(published=True, format=Event.Format.BILINGUAL_WORKSHOP)
    assert "À apporter" not in _page(client, event, "fr")


def test_an_edited_text_shows_at_once_on_the_cached_page(client):
    event = EventFactory(published=True)
    assert "Un stylo." not in _page(client, event, "fr")
    event.what_to_bring_fr = "Un stylo."
    event.save()
    assert "Un stylo." in _page(client, event, "fr")


@pytest.mark.parametrize("send", [emails.send_confirmation, emails.send_promotion])
def test_confirmation_emails_say_what_to_bring_in_the_persons_language(send):
    event = EventFactory(published=True, format=Event.Format.RECRUITMENT_MEETING)
    send(RegistrationFactory(event=event, german=True))
    [message] = mail.outbox
    assert "Mitzubringen:\n" + CV_DE in message.body
    html = message.alternatives[0][0]
    assert "<strong>Mitzubringen</strong>" in html and CV_DE in html


def test_the_reminder_says_what_to_bring():
    start, _end = tomorrow_bounds()
    event = EventFactory(
        published=True,
        start=start + datetime.timedelta(hours=10),
        end=start + datetime.timedelta(hours=12),
        what_to_bring_fr="Votre carte Vitale.",
    )
    RegistrationFactory(event=event)
    assert send_event_reminders() == 1
    [message] = mail.outbox
    assert "À apporter :\nVotre carte Vitale." in message.body


def test_the_waiting_list_email_does_not_say_what_to_bring():
    event = EventFactory(published=True, what_to_bring_fr="Un stylo.")
    emails.send_waitlisted(RegistrationFactory(event=event, waitlisted=True))
    assert "Un stylo." not in mail.outbox[0].body


def test_an_email_without_anything_to_bring_has_no_empty_heading():
    event = EventFactory(published=True, format=Event.Format.BILINGUAL_WORKSHOP)
    emails.send_confirmation(RegistrationFactory(event=event))
    assert "apporter" not in mail.outbox[0].body
    # The empty part leaves no extra blank line behind.
    assert "\n\n\n\n" not in mail.outbox[0].body


@pytest.mark.parametrize(
    "language, heading, link",
    [
        ("fr", "Vous êtes employeur ?", "/fr/employeurs/"),
        ("de", "Sind Sie Arbeitgeber?", "/de/arbeitgeber/"),
    ],
)
def test_the_home_page_leads_employers_to_their_page(client, language, heading, link):
    with translation.override(language):
        page = client.get(reverse("events:home")).content.decode()
    assert heading in page
    assert f'href="{link}"' in page
