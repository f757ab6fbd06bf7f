"""What the personal-data rights need to remember: the requests made and what was
done (never the data erased), reminders a registrant declined, inactivity warnings
sent to referents, and the change history of registrations and attendance."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register

from events.models import Attendance, Registration


class RightsRequest(models.Model):
    """One request about a person's data and what it led to. The person is kept only
    as a keyed hash of their email (the same as anonymised registrations carry), so
    the log says what was done without holding what was erased."""

    class Channel(models.TextChoices):
        SELF_SERVICE = "self_service", _("Self-service link")
        STAFF = "staff", _("Staff, on request")

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASURE = "erasure", _("Erasure")
        CANCELLATION = "cancellation", _("Cancellation of future registrations")
        REMINDERS_WITHDRAWN = "reminders_withdrawn", _("Consent to reminders withdrawn")

    subject = models.CharField(_("person (keyed hash)"), max_length=64, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("done at"), auto_now_add=True)
    # Counts only, e.g. {"registrations": 3, "places_freed": 1}.
    summary = models.JSONField(_("what was done"), default=dict)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} – {self.created_at:%Y-%m-%d %H:%M}"


class AccessLink(models.Model):
    """One signed link sent to a person's address. The link carries only a random
    key, so the address never appears in a URL (nor in a server's access log); the
    row lives PRIVACY_LINK_HOURS and goes with an erasure of the address."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    email = models.EmailField(_("email"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access link")
        verbose_name_plural = _("access links")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class DeclinedReminder(models.Model):
    """The registrant withdrew their consent to the day-before reminder."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="declined_reminder",
        verbose_name=_("registration"),
    )
    declined_at = models.DateTimeField(_("declined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declined reminder")
        verbose_name_plural = _("declined reminders")

    def __str__(self):
        return str(self.registration)


class InactivityWarning(models.Model):
    """The referent was told that this person, inactive since `last_activity`, will
    be anonymised; a new activity followed by a new silence warns again."""

    beneficiary = models.OneToOneField(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="inactivity_warning",
        verbose_name=_("followed person"),
    )
    last_activity = models.DateField(_("last activity"))
    due_on = models.DateField(_("to be anonymised on"))
    warned_at = models.DateTimeField(_("warned at"))
    emailed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referent warned"),
    )

    class Meta:
        verbose_name = _("inactivity warning")
        verbose_name_plural = _("inactivity warnings")

    def __str__(self):
        return f"{self.beneficiary} – {self.due_on:%d/%m/%Y}"


# Who changed a registration's status or link to a person, or an attendance's
# presence. The names, email, phone and typed texts stay out of the history, so that
# anonymising a registration leaves no copy of them behind.
register(
    Registration,
    app="privacy",
    excluded_fields=["first_name", "last_name", "email", "phone", "organisation_name", "public_id"],
    cascade_delete_history=True,
)
register(Attendance, app="privacy", excluded_fields=["walk_in_name"], cascade_delete_history=True)
