from django import forms
from django.utils.translation import gettext_lazy as _

from lieu_ressource.text import guard_text_fields


class LinkRequestForm(forms.Form):
    """The address to send the signed link to."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The address you gave when you registered."),
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address, for example name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Honeypot, as on the registration form.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self)

    @property
    def is_spam(self):
        return bool(self.is_bound and self.data.get("website", "").strip())


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that erasure is final and frees my places at coming events."),
        error_messages={"required": _("Please tick the box to confirm the erasure.")},
    )
