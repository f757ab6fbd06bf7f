"""Names, emails and free texts refuse invisible direction and control characters
(a right-to-left override would make a staff list show something else than what was
typed), with a message in French and German; ordinary text in any script passes."""

import pytest
import tablib
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from beneficiaries.forms import ContactNoteForm, NewBeneficiaryForm
from beneficiaries.models import Beneficiary
from beneficiaries.resources import BeneficiaryResource
from events import links
from events.forms import RegistrationForm
from events.models import Event, Registration
from lieu_ressource.text import validate_visible_text
from tests.accounts import staff_member
from tests.factories import EventFactory

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
MESSAGES = {
    "fr": "caractères invisibles",
    "de": "unsichtbare Zeichen",
}


@pytest.mark.parametrize(
    "character",
    [
        "\u202a",  # left-to-right embedding
        RLO,
        "\u2066",  # left-to-right isolate
        "\u2069",  # pop directional isolate
        "\u200b",  # zero-width space
        "\u200f",  # right-to-left mark
        "\ufeff",  # byte order mark
        "\x00",
        "\x07",  # bell
        "\x1b",  # escape
        "\x7f",  # delete
        "\x85",  # next line (C1)
    ],
)
def test_invisible_characters_are_refused(character):
    with pytest.raises(ValidationError) as refused:
        validate_visible_text(f"Martin{character}Z")
    assert f"U+{ord(character):04X}" in refused.value.messages[0]


@pytest.mark.parametrize(
    "value",
    [
        "Élodie Müller-Ørsted",
        "Ngũgĩ wa Thiong'o",
        "Łukasz Żółć",
        "محمد",
        "李小龙",
        "Line 1\n\tLine 2\r\n",
    ],
)
def test_ordinary_text_in_any_script_passes(value):
    validate_visible_text(value)


def test_the_message_names_the_character():
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        validate_visible_text(f"Ada{RLO}")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in refused.value.messages[0]


def registration_data(**overrides):
    return {
        "first_name": "Ada",
        "last_name": "Martin",
        "email": "ada@example.org",
        "language": "fr",
        "consent": "on",
        "website": "",
        **overrides,
    }


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("field", ["first_name", "last_name", "email"])
def test_registration_form_refuses_a_disguised_field_in_each_language(language, field):
    value = {"first_name": "Ada", "last_name": "Martin", "email": "ada@example.org"}[field]
    with translation.override(language):
        form = RegistrationForm(registration_data(**{field: value[:2] + RLO + value[2:]}))
        assert not form.is_valid()
        assert MESSAGES[language] in " ".join(form.errors[field])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "de"])
def test_public_registration_with_an_override_saves_nothing(client, language):
    event = EventFactory(published=True)
    with translation.override(language):
        path = links.event_path(event)
    response = client.post(path, registration_data(last_name=f"Mar{RLO}tin", language=language))
    assert response.status_code == 200
    assert MESSAGES[language] in response.content.decode()
    assert not Registration.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_staff_forms_refuse_disguised_names_and_notes():
    person = NewBeneficiaryForm(
        {
            "first_name": "Jonas",
            "last_name": f"Kel{RLO}ler",
            "email": "",
            "phone": "",
            "rsa_recipient": "on",
            "consent": "on",
            "consent_scope": "Suivi",
        }
    )
    assert "last_name" in person.errors
    note = ContactNoteForm(
        {"note-date": "2025-01-06", "note-channel": "phone", "note-text": "a\u200bb"}
    )
    assert "text" in note.errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Beneficiary, "last_name"),
        (Beneficiary, "email"),
        (Registration, "first_name"),
        (Event, "title_fr"),
        (get_user_model(), "email"),
        (get_user_model(), "last_name"),
    ],
)
def test_admin_forms_refuse_disguised_text(model, field):
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root", "root@example.org", "x-pw-1")
    # An account's names and email are on its change form (the add form asks a password).
    obj = request.user if model is get_user_model() else None
    form_class = admin.site._registry[model].get_form(request, obj)
    assert validate_visible_text in form_class.base_fields[field].validators


@pytest.mark.django_db
def test_admin_inlines_refuse_disguised_text():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root", "root@example.org", "x-pw-1")
    checked = 0
    for model_admin in admin.site._registry.values():
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            for form_field in formset.form.base_fields.values():
                if hasattr(form_field, "max_length"):  # a text field
                    assert validate_visible_text in form_field.validators
                    checked += 1
    assert checked > 0


@pytest.mark.django_db
def test_an_imported_row_with_an_override_is_refused_on_its_field():
    dataset = tablib.Dataset(
        headers=["reference", "first_name", "last_name", "email", "rsa_recipient", "entry_date"]
    )
    dataset.append(["LR-910001", "Léa", f"Mül{RLO}ler", "", "1", "2025-03-01"])
    with translation.override("de"):
        result = BeneficiaryResource().import_data(dataset, dry_run=True)
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert MESSAGES["de"] in " ".join(invalid.error_dict["last_name"])
    assert not Beneficiary.objects.filter(reference="LR-910001").exists()


@pytest.mark.django_db
def test_a_walk_in_name_with_an_override_is_refused_at_the_door(client):
    from django.urls import reverse

    from events.models import Attendance

    client.force_login(staff_member())
    event = EventFactory(published=True)
    response = client.post(
        reverse("staff_events:add_walk_in", args=[event.pk]), {"name": f"Anna{RLO} Weiß"}
    )
    assert response.status_code == 200
    assert MESSAGES["fr"] in response.content.decode()
    assert not Attendance.objects.filter(event=event).exists()
