"""Programmes, their indicators, quarterly values and comité de suivi reports.

The comité de suivi is the quarterly steering committee of a programme
(convention article 6): it receives a "restitution qualitative et chiffrée".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def private_storage():
    return storages["private"]


class Programme(models.Model):
    """A funded programme reported to a comité de suivi (convention, Interreg, FSE+)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["start_date", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
                name="programme_end_after_start",
                violation_error_message=_("The end date must follow the start date."),
            ),
        ]

    def __str__(self):
        return self.name


class Axis(models.Model):
    """One of a programme's axes (the convention has four)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="axes", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)

    class Meta:
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="axis_number_unique_in_programme",
                violation_error_message=_("This programme already has an axis with this number."),
            ),
        ]

    def __str__(self):
        return f"{self.programme.code} – {_('Axis')} {self.number}: {self.title}"


class Strategy(models.Model):
    """A strategy of action under an axis ("Stratégie 4.1 : Tremplin sur le Rhin")."""

    axis = models.ForeignKey(
        Axis, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("axis")
    )
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=250)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["axis", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["axis", "code"],
                name="strategy_code_unique_in_axis",
                violation_error_message=_("This axis already has a strategy with this code."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    """A figure reported to the comité de suivi, computed by a named metric or
    entered by staff each quarter."""

    class Kind(models.TextChoices):
        COMPUTED = "computed", _("Computed from our records")
        MANUAL = "manual", _("Entered by staff")

    class Progress(models.TextChoices):
        # The convention's "from 100 to 200 companies": our records start with the
        # programme, so what they count since then comes on top of the baseline.
        ADDED = "added", _("The cumulative value adds to the baseline")
        LEVEL = "level", _("The quarter value is the level reached")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("programme"),
    )
    axis = models.ForeignKey(
        Axis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("axis"),
    )
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("strategy"),
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    metric = models.CharField(
        _("metric"),
        max_length=80,
        blank=True,
        help_text=_("Name of the metric that computes a computed indicator."),
    )
    counts_people = models.BooleanField(
        _("counts people"),
        default=False,
        help_text=_(
            "For an indicator entered by staff: its values count people, so that reports "
            "show values from 1 to 4 as “< 5”. Computed indicators take this from their "
            "metric."
        ),
    )
    progress_measure = models.CharField(
        _("progress measured on"),
        max_length=10,
        choices=Progress.choices,
        default=Progress.ADDED,
        help_text=_(
            "How the report measures progress from the baseline to the target: the "
            "cumulative value counted since the start on top of the baseline, or the "
            "quarter value as the level reached (e.g. trades in tension covered)."
        ),
    )
    denominator_metric = models.CharField(
        _("metric of the proportion's denominator"),
        max_length=80,
        blank=True,
        help_text=_(
            "For an indicator that asks for a number and a proportion: the metric that "
            "counts the whole the number is a part of (e.g. RSA recipients followed)."
        ),
    )
    measured_after_end = models.BooleanField(
        _("measured after the programme's end"),
        default=False,
        help_text=_(
            "A result measured after the programme ends (Interreg RCR 84 and RCR 85): "
            "its values may be recorded and reported during the follow-up period after "
            "the programme's last day."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["programme", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="indicator_code_unique_in_programme",
                violation_error_message=_(
                    "This programme already has an indicator with this code."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind="manual", metric="") | (Q(kind="computed") & ~Q(metric="")),
                name="indicator_metric_iff_computed",
                violation_error_message=_(
                    "A computed indicator names a metric; a manual one does not."
                ),
            ),
            models.CheckConstraint(
                condition=Q(baseline__isnull=True) | Q(baseline__gte=0),
                name="indicator_baseline_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="indicator_target_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        from .metrics import REGISTRY  # the registry imports this module's app

        if self.denominator_metric and self.denominator_metric not in REGISTRY:
            raise ValidationError(
                {
                    "denominator_metric": _("“%(metric)s” is not a known metric.")
                    % {"metric": self.denominator_metric}
                }
            )


class IndicatorValue(models.Model):
    """An indicator's value for one quarter, with where it came from."""

    class Source(models.TextChoices):
        COMPUTED = "computed", _("Computed")
        MANUAL = "manual", _("Entered by staff")

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    value = models.DecimalField(_("quarter value"), max_digits=12, decimal_places=2)
    cumulative = models.DecimalField(
        _("cumulative value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_note = models.CharField(
        _("source details"),
        max_length=200,
        blank=True,
        help_text=_("For a manual value: where the figure comes from (e.g. Jobconnexion)."),
    )
    comment = models.TextField(_("comment"), blank=True)
    computed_at = models.DateTimeField(_("computed or entered at"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    frozen = models.BooleanField(_("frozen by a published report"), default=False, editable=False)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                name="indicator_value_one_per_quarter",
                violation_error_message=_("This indicator already has a value for this quarter."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="indicator_value_quarter_1_to_4",
                violation_error_message=_("The quarter must be between 1 and 4."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}-Q{self.quarter}: {self.value}"


class QualitativeNote(models.Model):
    """What the team says of a quarter for the comité de suivi: strengths, areas for
    progress, and the follow-up of the previous committee's decisions."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="qualitative_notes",
        verbose_name=_("programme"),
    )
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="qualitative_notes",
        verbose_name=_("strategy"),
        help_text=_("Leave empty for a note on the whole programme."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    strengths = models.TextField(_("strengths"), blank=True)
    areas_for_progress = models.TextField(_("areas for progress"), blank=True)
    decisions_follow_up = models.TextField(
        _("follow-up of the previous committee's decisions"), blank=True
    )

    class Meta:
        verbose_name = _("qualitative note")
        verbose_name_plural = _("qualitative notes")
        ordering = ["programme", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "strategy", "year", "quarter"],
                name="qualitative_note_one_per_strategy_and_quarter",
                violation_error_message=_("A note already exists for this strategy and quarter."),
            ),
            # An empty strategy never equals another in the constraint above.
            models.UniqueConstraint(
                fields=["programme", "year", "quarter"],
                condition=Q(strategy__isnull=True),
                name="qualitative_note_one_per_programme_and_quarter",
                violation_error_message=_(
                    "A note on the whole programme already exists for this quarter."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="qualitative_note_quarter_1_to_4",
                violation_error_message=_("The quarter must be between 1 and 4."),
            ),
        ]

    def __str__(self):
        return f"{self.programme.code} {self.year}-Q{self.quarter}"


class QuarterlyReport(models.Model):
    """The comité de suivi report of a programme for a quarter, in one language."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        PUBLISHED = "published", _("Published")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(
        _("PDF file"), storage=private_storage, upload_to="reports/", blank=True
    )
    error = models.TextField(_("error"), blank=True)
    changes = models.TextField(_("changes since the previous version"), blank=True)
    # The figures the PDF shows, kept with it: a published report never changes.
    snapshot = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    checksum = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # A running report's signs of life: when its current attempt began, and when it
    # last finished a step. A report still "running" long after its last step has no
    # live task (the worker was killed): indicators.recovery queues it again.
    started_at = models.DateTimeField(_("generation started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last step at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("generation attempts"), default=0, editable=False)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        ordering = ["-year", "-quarter", "programme", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "quarter", "language", "version"],
                name="report_one_per_quarter_language_and_version",
                violation_error_message=_("This version of the report already exists."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="report_quarter_1_to_4",
                violation_error_message=_("The quarter must be between 1 and 4."),
            ),
        ]

    def __str__(self):
        return (
            f"{self.programme.code} {self.year}-Q{self.quarter} ({self.language}) v{self.version}"
        )
