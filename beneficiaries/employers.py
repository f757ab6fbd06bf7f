"""The employer of an outcome, typed rather than picked from a 60-item select: the
browser suggests names as staff type (companies first, then the other bodies),
and an employer not known yet is added on the spot as a company.
"""

from django import forms
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from partners.models import Country, Organisation

from .forms import OutcomeForm


def employer_suggestions():
    """Names to suggest as an employer: companies first (most jobs are there), then
    every other organisation, each group by name."""
    return (
        Organisation.objects.annotate(
            company_first=Case(
                When(kind=Organisation.Kind.COMPANY, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("company_first", "name")
        .values_list("name", flat=True)
    )


def find_employer(name):
    """The organisation called `name` (or with that acronym), whatever the case."""
    name = name.strip()
    matches = Organisation.objects.filter(Q(name__iexact=name) | Q(acronym__iexact=name))
    return matches.order_by("name").first()


class EmployerOutcomeForm(OutcomeForm):
    """The outcome form with the employer typed by name; "add this organisation"
    creates it (a company, with its country) when no organisation has that name."""

    employer_name = forms.CharField(
        label=_("Employer"),
        max_length=200,
        required=False,
        help_text=_("For a job: start typing the name of the organisation that hires."),
        widget=forms.TextInput(attrs={"list": "employer-suggestions", "autocomplete": "off"}),
    )
    add_employer = forms.BooleanField(
        label=_("Not in the suggestions: add this organisation as a new company"),
        required=False,
    )
    employer_country = forms.ChoiceField(
        label=_("Country of the new company"),
        choices=[("", "—"), *Country.choices],
        required=False,
    )

    field_order = (
        "kind",
        "date",
        "country",
        "employer_name",
        "add_employer",
        "employer_country",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed by name below, instead of the select of every organisation.
        self.fields.pop("employer")
        self.order_fields(self.field_order)
        self.suggestions = employer_suggestions()
        self.new_employer = None
        if self.instance.employer_id and not self.is_bound:
            self.initial["employer_name"] = self.instance.employer.name

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("employer_name") or "").strip()
        self.instance.employer = None
        if not name:
            return cleaned
        employer = find_employer(name)
        if employer is not None:
            self.instance.employer = employer
        elif not cleaned.get("add_employer"):
            self.add_error(
                "employer_name",
                _(
                    "No organisation is called “%(name)s”. Choose one of the suggestions, "
                    "or tick “add this organisation”."
                )
                % {"name": name},
            )
        else:
            country = cleaned.get("employer_country") or cleaned.get("country")
            if not country:
                self.add_error("employer_country", _("Say in which country the new company is."))
            else:
                self.new_employer = Organisation(
                    name=name,
                    country=country,
                    kind=Organisation.Kind.COMPANY,
                    role=Organisation.Role.EMPLOYER,
                )
        return cleaned

    def save(self, commit=True):
        outcome = super().save(commit=False)
        if self.new_employer is not None:
            with transaction.atomic():
                # Two people adding the same company: the second finds the first's.
                employer, _created = Organisation.objects.get_or_create(
                    name=self.new_employer.name,
                    defaults={
                        "country": self.new_employer.country,
                        "kind": self.new_employer.kind,
                        "role": self.new_employer.role,
                    },
                )
            outcome.employer = employer
        if commit:
            outcome.save()
        return outcome
