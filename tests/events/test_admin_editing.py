"""Translation-aware editing of events and organisations in the admin: the
languages column and filter, the warning on publishing with a language missing,
the duplicate warning, and the event list opening on upcoming events."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from lieu_ressource.translation_admin import missing_languages
from partners.models import Organisation

from .. import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = f.UserFactory(superuser=True, username="root")
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def _event_form(venue, language="fr", **overrides):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=10))
    day = start.strftime("%d.%m.%Y" if language == "de" else "%d/%m/%Y")
    data = {
        "title_fr": "Job dating franco-allemand",
        "title_de": "",
        "slug_fr": "",
        "slug_de": "",
        "summary_fr": "Rencontrer des employeurs allemands.",
        "summary_de": "",
        "description_fr": "",
        "description_de": "",
        "format": Event.Format.RECRUITMENT_MEETING,
        "language": Event.Language.BILINGUAL,
        "start_0": day,
        "start_1": "14:00",
        "end_0": day,
        "end_1": "17:00",
        "venue": venue.pk,
        "status": Event.Status.PUBLISHED,
        "openness": Event.Openness.PUBLIC,
        "capacity": "40",
        "participations-TOTAL_FORMS": 0,
        "participations-INITIAL_FORMS": 0,
        "registrations-TOTAL_FORMS": 0,
        "registrations-INITIAL_FORMS": 0,
    }
    return {**data, **overrides}


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_publishing_without_german_warns_and_still_publishes(staff_client):
    response = staff_client.post(
        reverse("admin:events_event_add"), _event_form(f.VenueFactory()), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 302
    event = Event.objects.get(title_fr="Job dating franco-allemand")
    assert event.status == Event.Status.PUBLISHED
    warnings = [m for m in _messages(response) if m.startswith("Publié sans l’allemand")]
    assert len(warnings) == 1
    assert "titre" in warnings[0] and "résumé" in warnings[0]
    assert "description" not in warnings[0]  # empty in both: nobody's missing text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Publié sans l’allemand"), ("de", "Ohne Deutsch veröffentlicht")],
)
def test_missing_language_warning_is_in_the_staff_language(staff_client, language, expected):
    response = staff_client.post(
        reverse("admin:events_event_add"),
        _event_form(f.VenueFactory(), language),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302
    assert any(m.startswith(expected) for m in _messages(response))


def test_a_draft_without_german_is_saved_without_warning(staff_client):
    response = staff_client.post(
        reverse("admin:events_event_add"),
        _event_form(f.VenueFactory(), status=Event.Status.DRAFT),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 302
    assert not [m for m in _messages(response) if "Publié sans" in m]


def test_publishing_in_both_languages_gives_no_language_warning(staff_client):
    form = _event_form(
        f.VenueFactory(), title_de="Deutsch-französisches Job-Dating", summary_de="Arbeitgeber."
    )
    response = staff_client.post(reverse("admin:events_event_add"), form, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert not [m for m in _messages(response) if "Publié sans" in m]


def test_missing_languages_counts_only_text_another_language_has():
    event = f.EventFactory(title_de="", summary_de="", description_fr="Programme.")
    assert missing_languages(event) == {"de": ["title", "summary", "description"]}
    complete = f.EventFactory()
    assert missing_languages(complete) == {}


def test_completeness_filter_lists_events_missing_german(staff_client):
    no_german = f.EventFactory(title_de="", summary_de="")
    no_french_summary = f.EventFactory(summary_fr="")
    complete = f.EventFactory()
    url = reverse("admin:events_event_changelist")

    def listed(query):
        return set(staff_client.get(url, {"translation": query}).context["cl"].result_list)

    assert listed("missing_de") == {no_german}
    assert listed("missing_fr") == {no_french_summary}
    assert listed("complete") == {complete}


def test_event_list_shows_each_language_state(staff_client):
    f.EventFactory(title_de="", summary_de="")
    response = staff_client.get(reverse("admin:events_event_changelist"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "FR ✓" in response.text and "DE ✗" in response.text


def test_organisation_filter_lists_those_missing_german(staff_client):
    missing = f.OrganisationFactory(description_fr="Une chambre de commerce.", description_de="")
    done = f.OrganisationFactory(description_fr="Un club.", description_de="Ein Verein.")
    response = staff_client.get(
        reverse("admin:partners_organisation_changelist"), {"translation": "missing_de"}
    )
    listed = set(response.context["cl"].result_list)
    assert missing in listed and done not in listed


def test_making_an_organisation_public_without_german_warns(staff_client):
    organisation = f.OrganisationFactory(description_fr="Une association.", description_de="")
    model_admin = admin.site._registry[Organisation]
    request = RequestFactory().post("/")
    request.user = f.UserFactory(superuser=True)
    request.session = {}
    request._messages = FallbackStorage(request)
    organisation.is_public = True
    model_admin.save_model(request, organisation, None, True)
    assert [str(m)[:22] for m in request._messages] == ["Publié sans l’allemand"]
    organisation.is_public = False
    request._messages = FallbackStorage(request)
    model_admin.save_model(request, organisation, None, True)
    assert not list(request._messages)


def test_same_title_and_start_warns_of_a_duplicate_and_saves_both(staff_client):
    venue = f.VenueFactory()
    first = staff_client.post(reverse("admin:events_event_add"), _event_form(venue))
    assert not [m for m in _messages(first) if "doublon" in m]
    second = staff_client.post(
        reverse("admin:events_event_add"), _event_form(venue), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert second.status_code == 302
    assert Event.objects.filter(title_fr="Job dating franco-allemand").count() == 2
    warnings = [m for m in _messages(second) if "est-ce un doublon ?" in m]
    assert len(warnings) == 1
    original = Event.objects.filter(title_fr="Job dating franco-allemand").order_by("pk").first()
    assert reverse("admin:events_event_change", args=[original.pk]) in warnings[0]


def test_same_title_at_another_time_is_no_duplicate(staff_client):
    venue = f.VenueFactory()
    staff_client.post(reverse("admin:events_event_add"), _event_form(venue))
    response = staff_client.post(
        reverse("admin:events_event_add"),
        _event_form(venue, start_1="09:00", end_1="11:00"),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 302
    assert not [m for m in _messages(response) if "doublon" in m]


def test_event_list_opens_on_upcoming_events_soonest_first(staff_client):
    later = f.EventFactory(start=timezone.now() + datetime.timedelta(days=20))
    sooner = f.EventFactory(start=timezone.now() + datetime.timedelta(days=2))
    past = f.EventFactory(past=True)
    response = staff_client.get(reverse("admin:events_event_changelist"))
    assert list(response.context["cl"].result_list) == [sooner, later]
    assert "?when=past" in response.text
    assert past not in response.context["cl"].result_list


def test_past_events_are_one_click_away_latest_first(staff_client):
    f.EventFactory()
    older = f.EventFactory(start=timezone.now() - datetime.timedelta(days=30))
    recent = f.EventFactory(past=True)
    response = staff_client.get(reverse("admin:events_event_changelist"), {"when": "past"})
    assert list(response.context["cl"].result_list) == [recent, older]
    everything = staff_client.get(reverse("admin:events_event_changelist"), {"when": "all"})
    assert everything.context["cl"].result_count == 3


def _translated_admins():
    from modeltranslation.translator import translator

    translated = set(translator.get_registered_models(abstract=False))
    return [a for model, a in admin.site._registry.items() if model in translated]


@pytest.mark.parametrize("model_admin", _translated_admins(), ids=lambda a: a.model._meta.label)
def test_every_translated_object_shows_and_filters_its_languages(staff_client, model_admin):
    from lieu_ressource.translation_admin import MissingLanguageFilter

    assert "translation_state" in model_admin.list_display
    assert MissingLanguageFilter in model_admin.list_filter
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = staff_client.get(url, {"translation": "missing_de"})
    assert response.status_code == 200


def test_publishing_a_practice_without_german_warns(staff_client):
    from practices.models import Practice

    practice = Practice.objects.create(title_fr="Pratique", stakes_fr="Enjeux", is_published=True)
    model_admin = admin.site._registry[Practice]
    request = RequestFactory().post("/")
    request.user = f.UserFactory(superuser=True)
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin.save_model(request, practice, None, True)
    assert [str(m)[:22] for m in request._messages] == ["Publié sans l’allemand"]
    # The list still shows the model's own "published" column.
    response = staff_client.get(reverse("admin:practices_practice_changelist"))
    assert response.status_code == 200
    assert "is_published" in [
        getattr(f, "__name__", f) for f in admin.site._registry[Practice].list_display
    ]
    assert not callable(getattr(model_admin, "is_published", None))
