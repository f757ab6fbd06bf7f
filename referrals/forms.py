"""The forms of the referral pages: send a referral (a partner refers a person it
follows), answer one in one step (accept with a referent, or refuse with a reason),
and record its result."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Contact, Organisation

from .models import Following, Referral, SharedField
from .services import ALREADY_PENDING

ACCEPT = "accept"
REFUSE = "refuse"


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(ACCEPT, _("We accept: we take the person on")), (REFUSE, _("We refuse"))],
        widget=forms.RadioSelect,
    )
    referent = forms.ModelChoiceField(
        label=_("Referent in your organisation"),
        queryset=Contact.objects.none(),
        required=False,
        help_text=_("Needed to accept: who follows the person."),
    )
    refusal_reason = forms.ChoiceField(
        label=_("Reason for refusal"),
        choices=[("", "—"), *Referral.RefusalReason.choices],
        required=False,
        help_text=_("Needed to refuse."),
    )
    comment = forms.CharField(
        label=_("Comment"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, referral, default_referent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = Contact.objects.filter(
            organisation_id=referral.receiving_organisation_id
        ).order_by("last_name", "first_name")
        if default_referent is not None:
            self.fields["referent"].initial = default_referent.pk

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == ACCEPT and not cleaned.get("referent"):
            self.add_error("referent", _("Choose who follows the person to accept."))
        if decision == REFUSE and not cleaned.get("refusal_reason"):
            self.add_error("refusal_reason", _("Choose a reason to refuse."))
        if decision == ACCEPT and cleaned.get("comment"):
            cleaned["comment"] = ""
        return cleaned


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Referral.Result.choices)
    date = forms.DateField(
        label=_("Date of the result"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


class StateFilterForm(forms.Form):
    """The sent referrals' filter: their state."""

    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All")), *Referral.State.choices], required=False
    )


class ListFilterForm(StateFilterForm):
    q = forms.CharField(
        label=_("Search by reference or shared name"), max_length=100, required=False
    )


class SendReferralForm(forms.Form):
    """A partner (or the team) refers a person it follows to another organisation,
    with the data the person agreed to share; the consent is recorded when sent."""

    receiving_organisation = forms.ModelChoiceField(
        label=_("Receiving organisation"),
        queryset=Organisation.objects.none(),
        empty_label="—",
        error_messages={
            "required": _("Choose the organisation you refer the person to."),
            "invalid_choice": _("Choose an organisation from the list (not your own)."),
        },
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why you refer the person.")},
    )
    looking_for = forms.CharField(
        label=_("What the person is looking for"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the person is looking for.")},
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Data to share"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only what the person agreed to share with this organisation. Without any, "
            "it sees the person's reference only."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "The person agreed to this referral and to the data ticked above being "
            "shared with the receiving organisation."
        ),
        error_messages={"required": _("The person's consent is needed to send the referral.")},
    )

    def __init__(self, *args, person, organisations, shareable, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["receiving_organisation"].queryset = organisations
        self.fields["shared_fields"].choices = [
            (value, label) for value, label in SharedField.choices if value in shareable
        ]

    def clean_receiving_organisation(self):
        organisation = self.cleaned_data["receiving_organisation"]
        if Referral.objects.filter(
            beneficiary=self.person, receiving_organisation=organisation, state=Referral.State.SENT
        ).exists():
            raise forms.ValidationError(ALREADY_PENDING)
        if Following.objects.filter(
            beneficiary=self.person, organisation=organisation, end_date__isnull=True
        ).exists():
            raise forms.ValidationError(_("This organisation already follows this person."))
        return organisation
