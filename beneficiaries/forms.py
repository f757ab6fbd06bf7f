"""Forms of the follow-up pages and of the check-in page's "new person" step."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lieu_ressource.text import guard_text_fields
from partners.models import Organisation

from .models import Beneficiary, ContactNote, Outcome, Pathway


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and shows ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NotInFutureMixin:
    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


class ContactNoteForm(NotInFutureMixin, forms.ModelForm):
    prefix = "note"

    class Meta:
        model = ContactNote
        fields = ("date", "channel", "text", "private")
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self)
        self.fields["date"].initial = timezone.localdate


class PathwayForm(forms.ModelForm):
    prefix = "pathway"

    class Meta:
        model = Pathway
        fields = ("scheme", "start_date", "end_date", "status")
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate


class OutcomeForm(NotInFutureMixin, forms.ModelForm):
    prefix = "outcome"

    class Meta:
        model = Outcome
        fields = ("kind", "date", "country", "employer", "contract", "language_training", "notes")
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self)
        self.fields["date"].initial = timezone.localdate
        self.fields["employer"].queryset = Organisation.objects.order_by("name")
        self.fields["employer"].help_text = _("For a job: the organisation that hires.")


class NewBeneficiaryForm(forms.ModelForm):
    """The minimum to start following someone met at an event."""

    consent = forms.BooleanField(
        label=_("The person agrees to be followed by the Lieu ressource"),
        help_text=_("Tell them what is kept and why; they can ask for it to be erased."),
    )
    consent_scope = forms.CharField(
        label=_("What they agreed to"),
        max_length=200,
        initial=_("Follow-up and contact by email or phone"),
    )
    follow = forms.BooleanField(label=_("I will be their referent"), required=False, initial=True)
    create_anyway = forms.BooleanField(
        label=_("This is a different person: create a new record anyway"), required=False
    )

    # The situation at entry as it is asked at the door; the rest in the admin.
    SITUATION = (
        "registered_job_seeker",
        "long_term_unemployed",
        "rsa_recipient",
        "student",
        "employed",
        "inactive",
    )

    class Meta:
        model = Beneficiary
        fields = (
            "first_name",
            "last_name",
            "email",
            "phone",
            "registered_job_seeker",
            "long_term_unemployed",
            "rsa_recipient",
            "student",
            "employed",
            "inactive",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self)

    def details(self):
        """The new person's fields, as the check-in service takes them."""
        data = self.cleaned_data
        fields = ("first_name", "last_name", "email", "phone", *self.SITUATION, "consent_scope")
        return {name: data[name] for name in fields}


class CaseloadFilterForm(forms.Form):
    """Whose people a team member's caseload lists: their own (empty), everyone's
    ("all"), or one referent's."""

    EVERYONE = "all"

    referent = forms.ChoiceField(label=_("People followed by"), required=False)

    def __init__(self, *args, referents, **kwargs):
        super().__init__(*args, **kwargs)
        self.referents = {str(user.pk): user for user in referents}
        self.fields["referent"].choices = [
            ("", _("Me")),
            (self.EVERYONE, _("Everyone")),
            *((pk, user.get_full_name() or user.username) for pk, user in self.referents.items()),
        ]

    def scope(self):
        """(referent, everyone) for the caseload selector; the account's own people
        when the choice is empty or invalid."""
        if not self.is_valid():
            return None, False
        choice = self.cleaned_data["referent"]
        if choice == self.EVERYONE:
            return None, True
        return self.referents.get(choice), False


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, email or reference"), max_length=100, required=False, strip=True
    )
