"""FSE+ (Fonds social européen plus, the European Social Fund Plus): the operations
of an FSE+ programme and their participants' entry, exit and six-month data.

A participant is a followed person (`Beneficiary`) with an entry in an FSE+
operation; their situation at entry is the person's (beneficiaries.models), their
situation on leaving and six months after is recorded here, each within its
deadline (`fse.lifecycle`).
"""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beneficiaries.models import Beneficiary, PriorityNeighbourhood
from indicators.models import Programme


class Operation(models.Model):
    """An FSE+ operation: one action of a programme, with its dates and the priority
    neighbourhoods it serves. An action of one day or less (an information morning)
    makes no FSE+ participant."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="operations", verbose_name=_("programme")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    neighbourhoods = models.ManyToManyField(
        PriorityNeighbourhood,
        blank=True,
        related_name="fse_operations",
        verbose_name=_("priority neighbourhoods (QPV)"),
    )

    class Meta:
        verbose_name = _("FSE+ operation")
        verbose_name_plural = _("FSE+ operations")
        ordering = ["programme", "start_date", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="fse_operation_code_unique_in_programme",
                violation_error_message=_(
                    "This programme already has an operation with this code."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="fse_operation_ends_after_start",
                violation_error_message=_("The end date cannot precede the start date."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def lasts_more_than_a_day(self):
        return self.end_date > self.start_date


class Participation(models.Model):
    """A person's entry in an FSE+ operation, and what became of them. One per person
    and operation: a re-entry keeps the first entry date."""

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="fse_participations",
        verbose_name=_("beneficiary"),
    )
    operation = models.ForeignKey(
        Operation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("FSE+ operation"),
    )
    entry_date = models.DateField(_("entry date"))
    reentered_on = models.DateField(_("last re-entry"), null=True, blank=True)
    entry_data_confirmed_on = models.DateField(
        _("entry data confirmed on"),
        null=True,
        blank=True,
        help_text=_("The day the referent checked the person's situation at entry."),
    )
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    # Situation on leaving (EECR 01-04), observed on `exit_recorded_on`.
    exit_recorded_on = models.DateField(
        _("situation on leaving recorded on"), null=True, blank=True
    )
    exit_job_searching = models.BooleanField(_("engaged in job searching"), default=False)
    exit_in_education_or_training = models.BooleanField(
        _("in education or training"), default=False
    )
    exit_qualification_gained = models.BooleanField(_("gained a qualification"), default=False)
    exit_employed = models.BooleanField(
        _("in employment, including self-employment"), default=False
    )
    # Six months after leaving (EECR 05-06), observed on `follow_up_recorded_on`;
    # `follow_up_from` is the exit date six months on, kept for the queries.
    follow_up_from = models.DateField(
        _("six months after leaving"), null=True, blank=True, editable=False
    )
    follow_up_recorded_on = models.DateField(
        _("six-month follow-up recorded on"), null=True, blank=True
    )
    follow_up_employed = models.BooleanField(
        _("in employment, including self-employment, six months after leaving"), default=False
    )
    follow_up_improved_situation = models.BooleanField(
        _("improved labour market situation six months after leaving"), default=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("FSE+ participation")
        verbose_name_plural = _("FSE+ participations")
        ordering = ["-entry_date", "pk"]
        indexes = [
            models.Index(fields=["entry_date"], name="fse_participation_entry"),
            models.Index(fields=["exit_date"], name="fse_participation_exit"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "operation"],
                name="fse_one_participation_per_operation",
                violation_error_message=_(
                    "This person already has an entry in this operation: record a re-entry."
                ),
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=F("entry_date")),
                name="fse_participation_exit_after_entry",
                violation_error_message=_("The exit date cannot precede the entry date."),
            ),
            models.CheckConstraint(
                condition=Q(exit_recorded_on__isnull=True)
                | Q(exit_date__isnull=False, exit_recorded_on__gte=F("exit_date")),
                name="fse_exit_situation_after_exit",
                violation_error_message=_(
                    "The situation on leaving is recorded on or after the exit date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(follow_up_recorded_on__isnull=True)
                | Q(exit_date__isnull=False, follow_up_recorded_on__gt=F("exit_date")),
                name="fse_follow_up_after_exit",
                violation_error_message=_("The six-month follow-up comes after the exit."),
            ),
        ]

    def __str__(self):
        return f"{self.operation} – {self.beneficiary.reference}"

    def save(self, *args, **kwargs):
        self.follow_up_from = six_months_after(self.exit_date)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "follow_up_from"}
        super().save(*args, **kwargs)

    def clean(self):
        from .lifecycle import missing_entry_data

        if self.entry_data_confirmed_on and self.beneficiary_id:
            missing = missing_entry_data(self.beneficiary)
            if missing:
                raise ValidationError(
                    {
                        "entry_data_confirmed_on": _(
                            "The entry data are not complete: %(missing)s."
                        )
                        % {"missing": ", ".join(str(m) for m in missing)}
                    }
                )

    # The staff drill-down of an indicator (indicators.views) lists these columns;
    # only the team reads the people behind a figure.
    describes_people = True
    drilldown_permission = "fse.view_participation"

    @classmethod
    def drilldown_headers(cls):
        return [_("Reference"), _("FSE+ operation"), _("Entry date"), _("Exit date")]

    def drilldown_row(self):
        return [self.beneficiary.reference, self.operation.name, self.entry_date, self.exit_date]


def six_months_after(day):
    """The day six months after `day` (the last of the month when it has fewer days),
    or None."""
    return day + relativedelta(months=6) if day else None


class Reminder(models.Model):
    """A reminder emailed to a referent about one step of one participation: kept
    so that a second run of the task sends nothing twice."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="reminders"
    )
    step = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "step"], name="fse_one_reminder_per_step"
            )
        ]

    def __str__(self):
        return f"{self.participation_id} {self.step}"
