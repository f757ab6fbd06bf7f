"""Referrals (orientations) of a followed person from one organisation to another,
their history, and the organisations that follow a person together.

A referral is sent, then accepted (with the receiving referent), refused (with a
reason from a fixed list) or expired (no answer after REFERRAL_EXPIRY_DAYS). An
accepted referral later gets its result. Every step is a `ReferralTransition` row.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beneficiaries.models import Beneficiary
from partners.models import Contact, Organisation


class SharedField(models.TextChoices):
    """What the person may agree to share with the receiving organisation."""

    NAME = "name", _("Name")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    BIRTH_YEAR = "birth_year", _("Birth year")
    RESIDENCE = "residence", _("Country and commune of residence")
    SITUATION = "situation", _("Situation at entry")
    EDUCATION = "education", _("Education level")
    GERMAN_LEVEL = "german_level", _("German level (CEFR)")


class Referral(models.Model):
    """A followed person referred to a receiving organisation."""

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired")

    class RefusalReason(models.TextChoices):
        NOT_ELIGIBLE = "not_eligible", _("The person is not eligible")
        NO_CAPACITY = "no_capacity", _("No capacity at the moment")
        OUT_OF_AREA = "out_of_area", _("Outside our area")
        ALREADY_FOLLOWED = "already_followed", _("Already followed elsewhere")
        UNREACHABLE = "unreachable", _("The person could not be reached")
        PERSON_DECLINED = "person_declined", _("The person declined")
        OTHER = "other", _("Other reason")

    class Result(models.TextChoices):
        STARTED_SUPPORT = "started_support", _("Started support")
        JOB = "job", _("Job")
        TRAINING = "training", _("Training")
        NO_FOLLOW_UP = "no_follow_up", _("No follow-up")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("beneficiary"),
    )
    sending_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_sent",
        verbose_name=_("sending organisation"),
        help_text=_("Empty: the centre itself."),
    )
    receiving_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("receiving organisation"),
    )
    reason = models.TextField(_("reason for the referral"), max_length=1000)
    looking_for = models.TextField(_("what the person is looking for"), max_length=1000)
    consent_at = models.DateTimeField(_("consent to share given at"))
    shared_fields = models.JSONField(
        _("data shared"),
        default=list,
        blank=True,
        help_text=_("The data the person agreed to share with the receiving organisation."),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SENT)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    receiving_referent = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_followed",
        verbose_name=_("receiving referent"),
    )
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    refusal_comment = models.CharField(_("comment"), max_length=500, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    result_date = models.DateField(_("date of the result"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["receiving_organisation", "state"]),
            models.Index(fields=["state", "expires_at"]),
            models.Index(fields=["sent_at"], name="referral_sent_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("sent_at")),
                name="referral_expires_after_sending",
                violation_error_message=_("A referral must expire after it is sent."),
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(refusal_reason=""),
                name="referral_refusal_has_reason",
                violation_error_message=_("A refusal needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(state="refused") | Q(refusal_reason="", refusal_comment=""),
                name="referral_reason_only_when_refused",
                violation_error_message=_("Only a refused referral has a reason for refusal."),
            ),
            models.CheckConstraint(
                condition=Q(result="", result_date__isnull=True)
                | Q(state="accepted", result_date__isnull=False) & ~Q(result=""),
                name="referral_result_when_accepted",
                violation_error_message=_(
                    "Only an accepted referral has a result, and a result needs its date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(state="sent") | Q(answered_at__isnull=False),
                name="referral_answer_is_dated",
                violation_error_message=_("An answered or expired referral needs its date."),
            ),
        ]

    def __str__(self):
        # Pseudonymous: lists and logs outside the person's page show no name.
        return _("Referral %(id)s of %(reference)s") % {
            "id": self.pk,
            "reference": self.beneficiary.reference,
        }

    def shares(self, field):
        return field in (self.shared_fields or [])


class ReferralTransition(models.Model):
    """One step in a referral's life: who did what, when and through which door."""

    class Step(models.TextChoices):
        SENT = "sent", _("Sent")
        REMINDED = "reminded", _("Reminder sent")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired")
        RESULT = "result", _("Result recorded")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        LINK = "link", _("Signed link")
        ADMIN = "admin", _("Administration")
        TASK = "task", _("Scheduled task")

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("referral")
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices)
    from_state = models.CharField(_("from"), max_length=10, choices=Referral.State.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=Referral.State.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    by_contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by contact"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")
        ordering = ["at", "pk"]
        constraints = [
            # One reminder per referral, whatever runs the task twice.
            models.UniqueConstraint(
                fields=["referral", "step"],
                condition=Q(step__in=["sent", "reminded", "accepted", "refused", "expired"]),
                name="referral_step_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_step_display()} – {self.at:%d/%m/%Y %H:%M}"


class Following(models.Model):
    """An organisation following a person, with its referent and its dates: several
    organisations may follow one person at once and share their timeline."""

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="followings",
        verbose_name=_("beneficiary"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="followings",
        verbose_name=_("organisation"),
    )
    referent = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followings",
        verbose_name=_("referent"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    referral = models.OneToOneField(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="following",
        verbose_name=_("referral"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation following a person")
        verbose_name_plural = _("organisations following people")
        ordering = ["start_date", "pk"]
        indexes = [models.Index(fields=["organisation", "end_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "organisation"],
                condition=Q(end_date__isnull=True),
                name="following_one_open_per_organisation",
                violation_error_message=_("This organisation already follows this person."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="following_end_after_start",
                violation_error_message=_("The end date cannot precede the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.beneficiary.reference}"
