"""Forms of the public pages: the registration form and the agenda filters."""

import re
from datetime import datetime

import django_filters
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lieu_ressource.text import guard_text_fields

from . import selectors
from .models import Audience, Event, Registration

# Digits with the separators people type: spaces, dots, dashes, brackets, a leading +.
PHONE_PATTERN = re.compile(r"^\+?[0-9 ().\-/]{6,30}$")
MIN_PHONE_DIGITS = 6


class RegistrationForm(forms.Form):
    """Sign-up to one event, without an account."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=Registration._meta.get_field("first_name").max_length,
        error_messages={"required": _("Please enter your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=Registration._meta.get_field("last_name").max_length,
        error_messages={"required": _("Please enter your last name.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=Registration._meta.get_field("email").max_length,
        help_text=_("We send the confirmation and a link to cancel to this address."),
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address, for example name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=Registration._meta.get_field("phone").max_length,
        help_text=_("Only used if we must reach you quickly, e.g. if the event is cancelled."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation_name = forms.CharField(
        label=_("Company or organisation (optional)"),
        required=False,
        max_length=Registration._meta.get_field("organisation_name").max_length,
        help_text=_("If you come as an employer or for an organisation, tell us which one."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose the language of our emails."),
            "invalid_choice": _("Please choose French or German."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Lieu ressource keeps these details to manage my "
            "registration and to send me emails about this event."
        ),
        error_messages={"required": _("Please give your consent so that we can register you.")},
    )
    # Honeypot: hidden by the stylesheet, left empty by people, filled in by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names and the email refuse invisible direction and control characters.
        guard_text_fields(self)
        if not self.is_bound:
            self.initial.setdefault("language", (get_language() or "fr")[:2])

    @property
    def is_spam(self):
        return bool(self.is_bound and self.data.get(self.add_prefix("website"), "").strip())

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"])

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if not phone:
            return ""
        digits = sum(ch.isdigit() for ch in phone)
        if not PHONE_PATTERN.match(phone) or digits < MIN_PHONE_DIGITS:
            raise forms.ValidationError(
                _("Please enter a phone number with digits only, for example +33 6 12 34 56 78."),
                code="invalid",
            )
        return phone


def _clean_name(value):
    value = " ".join(value.split())
    if not any(ch.isalpha() for ch in value):
        raise forms.ValidationError(_("Please enter a name with letters."), code="invalid")
    return value


LANGUAGE_FILTER_CHOICES = [
    ("fr", _("In French (or bilingual)")),
    ("de", _("In German (or bilingual)")),
    ("fr-de", _("Bilingual only")),
]
LANGUAGES_MATCHING = {
    "fr": [Event.Language.FRENCH, Event.Language.BILINGUAL],
    "de": [Event.Language.GERMAN, Event.Language.BILINGUAL],
    "fr-de": [Event.Language.BILINGUAL],
}
MONTHS_AHEAD = 12


def month_choices():
    """The months of the coming twelve in which an event starts, as ("2026-03",
    "March 2026"): a month without events is not offered."""
    today = timezone.localdate()
    choices = []
    for first in selectors.agenda_months():
        first = timezone.localtime(first).date() if isinstance(first, datetime) else first
        if (first.year - today.year) * 12 + first.month - today.month >= MONTHS_AHEAD:
            break
        choices.append((first.strftime("%Y-%m"), date_format(first, "YEAR_MONTH_FORMAT")))
    return choices


class AgendaFilter(django_filters.FilterSet):
    """Filters of the agenda: format, audience, language spoken, month."""

    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Event.Format.choices, empty_label=_("All formats")
    )
    audience = django_filters.ModelChoiceFilter(
        label=_("For whom"),
        field_name="audiences",
        to_field_name="code",
        queryset=Audience.objects.all(),
        # Not "Everyone": German says "Alle" for it and for the "tout public" audience.
        empty_label=_("All audiences"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language spoken"),
        choices=LANGUAGE_FILTER_CHOICES,
        empty_label=_("Any language"),
        method="filter_language",
    )
    month = django_filters.ChoiceFilter(
        label=_("Month"),
        choices=month_choices,
        empty_label=_("Any month"),
        method="filter_month",
    )

    class Meta:
        model = Event
        fields = ["format", "audience", "language", "month"]

    def filter_language(self, queryset, name, value):
        return queryset.filter(language__in=LANGUAGES_MATCHING[value])

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        tz = timezone.get_current_timezone()
        start = datetime(year, month, 1, tzinfo=tz)
        end = (
            datetime(year + 1, 1, 1, tzinfo=tz)
            if month == 12
            else datetime(year, month + 1, 1, tzinfo=tz)
        )
        return queryset.filter(start__gte=start, start__lt=end)
