"""The forms of the receiving partner: answer a referral in one step (accept with a
referent, or refuse with a reason), and record its result."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Contact

from .models import Referral

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


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All")), *Referral.State.choices], required=False
    )
    q = forms.CharField(
        label=_("Search by reference or shared name"), max_length=100, required=False
    )
