from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    """Countries of the Upper Rhine that partners, people and jobs belong to."""

    FRANCE = "FR", _("France")
    GERMANY = "DE", _("Germany")
    SWITZERLAND = "CH", _("Switzerland")


class Organisation(models.Model):
    """A partner, funder or company that takes part in the Lieu ressource."""

    class Kind(models.TextChoices):
        EMPLOYMENT_SERVICE = "employment_service", _("Public employment service")
        CHAMBER = "chamber", _("Chamber of commerce")
        CHAMBER_OF_CRAFTS = "chamber_of_crafts", _("Chamber of crafts")
        BUSINESS_SUPPORT = "business_support", _("Business support network")
        MISSION_LOCALE = "mission_locale", _("Mission locale")
        ASSOCIATION = "association", _("Association")
        COMPANY = "company", _("Company")
        TRAINING_BODY = "training_body", _("Training body")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        UNIVERSITY = "university", _("University")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        LEAD = "lead", _("Project lead")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")
        EMPLOYER = "employer", _("Employer")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    role = models.CharField(_("role in the project"), max_length=20, choices=Role.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("public description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    is_public = models.BooleanField(
        _("shown publicly"),
        default=False,
        help_text=_("Show this organisation on the public partners page."),
    )
    active_since = models.DateField(_("active since"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_since__isnull=True)
                | Q(active_until__gte=F("active_since")),
                name="organisation_active_period_ordered",
                violation_error_message=_("The end of activity must follow its start."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Contact(models.Model):
    """A person at a partner organisation. Staff-only; may be linked to a login so
    that a partner referent sees the beneficiaries their organisation refers."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_contact",
        verbose_name=_("user account"),
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class ProjectPartnership(models.Model):
    """An organisation's membership of a programme's partnership (the lead and the
    partners of the Interreg project), with its dates. Interreg RCO 87 counts these
    organisations, each once however long it cooperates."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Project lead")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    programme = models.ForeignKey(
        "indicators.Programme",
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    start_date = models.DateField(_("cooperates from"))
    end_date = models.DateField(
        _("cooperates until"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the organisation stays in the partnership."),
    )

    class Meta:
        verbose_name = _("project partnership")
        verbose_name_plural = _("project partnerships")
        ordering = ["programme", "role", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="partnership_end_after_start",
                violation_error_message=_("The end of the cooperation must follow its start."),
            ),
            models.UniqueConstraint(
                fields=["programme", "organisation", "start_date"],
                name="partnership_once_per_start",
                violation_error_message=_(
                    "This organisation already joins this programme on this day."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.programme.code}"
