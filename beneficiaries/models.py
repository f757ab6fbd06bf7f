"""People followed by the Lieu ressource, their pathways and their outcomes.

Only the personal data the convention and EU indicators need is kept. QPV
(quartier prioritaire de la politique de la ville) is a French priority
neighbourhood; RSA (revenu de solidarité active) is the French minimum income.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.models import Country, Organisation


class PriorityNeighbourhood(models.Model):
    """A QPV, the French priority neighbourhoods of urban policy."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    commune = models.CharField(_("commune"), max_length=100)

    class Meta:
        verbose_name = _("priority neighbourhood (QPV)")
        verbose_name_plural = _("priority neighbourhoods (QPV)")
        ordering = ["commune", "name"]

    def __str__(self):
        return f"{self.name} ({self.commune})"


class Beneficiary(models.Model):
    """A followed person, with the minimum data the indicators need."""

    class Sex(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")
        OTHER = "X", _("Other")

    class Education(models.TextChoices):
        NONE = "none", _("No diploma")
        LEVEL_3 = "3", _("CAP, BEP (level 3)")
        LEVEL_4 = "4", _("Baccalauréat (level 4)")
        LEVEL_5 = "5", _("Bac + 2 (level 5)")
        LEVEL_6 = "6", _("Bachelor (level 6)")
        LEVEL_7 = "7", _("Master and above (level 7–8)")

    class Isced(models.TextChoices):
        """The three ISCED groups of EU reporting (International Standard
        Classification of Education)."""

        PRIMARY_LOWER_SECONDARY = "0-2", _("ISCED 0–2 (up to lower secondary)")
        UPPER_SECONDARY = "3-4", _("ISCED 3–4 (upper and post-secondary)")
        TERTIARY = "5-8", _("ISCED 5–8 (tertiary)")

    # French diploma levels by ISCED group: no diploma is lower secondary at most;
    # CAP/BEP and the baccalauréat are upper secondary; Bac + 2 and above tertiary.
    ISCED_OF_EDUCATION = {
        "none": Isced.PRIMARY_LOWER_SECONDARY,
        "3": Isced.UPPER_SECONDARY,
        "4": Isced.UPPER_SECONDARY,
        "5": Isced.TERTIARY,
        "6": Isced.TERTIARY,
        "7": Isced.TERTIARY,
    }

    class GermanLevel(models.TextChoices):
        NONE = "none", _("None")
        A1 = "A1", "A1"
        A2 = "A2", "A2"
        B1 = "B1", "B1"
        B2 = "B2", "B2"
        C1 = "C1", "C1"
        C2 = "C2", "C2"

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        help_text=_("Pseudonymous reference used in exports and reports."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    country = models.CharField(
        _("country of residence"),
        max_length=2,
        choices=Country.choices,
        default=Country.FRANCE,
    )
    commune = models.CharField(_("commune of residence"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        PriorityNeighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beneficiaries",
        verbose_name=_("priority neighbourhood (QPV)"),
    )
    # The situation at entry is several facts, any number of which may hold at once
    # (an RSA recipient who is also long-term unemployed): every funder counts each.
    registered_job_seeker = models.BooleanField(_("registered job seeker"), default=False)
    long_term_unemployed = models.BooleanField(
        _("long-term unemployed (12 months or more)"), default=False
    )
    inactive = models.BooleanField(
        _("inactive (neither working nor looking for work)"), default=False
    )
    employed = models.BooleanField(_("employed or self-employed"), default=False)
    student = models.BooleanField(_("student"), default=False)
    rsa_recipient = models.BooleanField(_("RSA recipient"), default=False)
    other_minimum_benefit = models.BooleanField(_("other minimum social benefit"), default=False)
    third_country_national = models.BooleanField(
        _("third-country national"),
        default=False,
        help_text=_("A national of a country outside the European Union."),
    )
    foreign_background = models.BooleanField(
        _("foreign background"),
        default=False,
        help_text=_("Born abroad, or at least one parent born abroad."),
    )
    homeless = models.BooleanField(_("homeless or affected by housing exclusion"), default=False)
    rural_area = models.BooleanField(_("lives in a rural area"), default=False)
    # Special-category data (GDPR art. 9): recorded only with the person's explicit
    # consent, seen and edited by the team only.
    disability = models.BooleanField(
        _("disability"),
        default=False,
        help_text=_("Recorded only with the person's explicit consent to this record."),
    )
    disability_consent_at = models.DateTimeField(
        _("explicit consent to record a disability given at"), null=True, blank=True
    )
    education = models.CharField(
        _("education level"), max_length=4, choices=Education.choices, blank=True
    )
    german_level = models.CharField(
        _("German level (CEFR)"), max_length=4, choices=GermanLevel.choices, blank=True
    )
    referring_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_beneficiaries",
        verbose_name=_("referring partner"),
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("referent"),
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_scope = models.CharField(
        _("consent scope"),
        max_length=200,
        blank=True,
        help_text=_("What the person agreed to (follow-up, contact by email, …)."),
    )
    entry_date = models.DateField(_("entry date"))
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["last_name", "first_name"]
        # The admin lists people in this order: an index serves its first page.
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="beneficiary_name"),
            # The admin list, newest people first.
            models.Index(fields=["entry_date"], name="beneficiary_entry_date"),
            # A person's data rights find them by address.
            models.Index(Lower("email"), name="beneficiary_email_lower"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=F("entry_date")),
                name="beneficiary_exit_after_entry",
                violation_error_message=_("The exit date cannot precede the entry date."),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="beneficiary_birth_year_plausible",
                violation_error_message=_("The birth year is not plausible."),
            ),
            models.CheckConstraint(
                condition=Q(disability=False) | Q(disability_consent_at__isnull=False),
                name="beneficiary_disability_needs_consent",
                violation_error_message=_(
                    "A disability is recorded only with the person's explicit consent."
                ),
            ),
            models.CheckConstraint(
                condition=Q(inactive=False) | Q(employed=False, long_term_unemployed=False),
                name="beneficiary_inactive_neither_employed_nor_unemployed",
                violation_error_message=_(
                    "An inactive person is neither employed nor long-term unemployed."
                ),
            ),
            models.CheckConstraint(
                condition=Q(employed=False) | Q(long_term_unemployed=False),
                name="beneficiary_employed_not_long_term_unemployed",
                violation_error_message=_("An employed person is not long-term unemployed."),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.reference})"

    @property
    def situations(self):
        """The labels of the facts of the situation at entry that hold (disability,
        special-category data, left out)."""
        return [
            self._meta.get_field(name).verbose_name
            for name in SITUATION_FACTS
            if getattr(self, name)
        ]

    def get_situation_display(self):
        """The situation at entry in words: the facts that hold, comma-separated."""
        return ", ".join(str(label) for label in self.situations)

    @property
    def isced(self):
        """The ISCED group of the education level, or None when not known."""
        return self.ISCED_OF_EDUCATION.get(self.education)

    def age_in(self, year):
        """Age reached in `year`, from the birth year (None when not known)."""
        return None if self.birth_year is None else year - self.birth_year


# The facts of the situation at entry that reports may show, in their order.
SITUATION_FACTS = (
    "registered_job_seeker",
    "long_term_unemployed",
    "inactive",
    "employed",
    "student",
    "rsa_recipient",
    "other_minimum_benefit",
    "third_country_national",
    "foreign_background",
    "homeless",
    "rural_area",
)


class Pathway(models.Model):
    """A programme a beneficiary follows, from start to end."""

    class Scheme(models.TextChoices):
        TREMPLIN = "tremplin", _("Tremplin sur le Rhin (three-month tailored pathway)")
        FOCALE = "focale", _("FOCALÉ")
        GPTEC = "gptec", _("GPTEC programme")
        PEER_SUPPORT = "peer_support", _("Peer support in priority neighbourhoods")
        CITE_EMPLOI = "cite_emploi", _("Cité de l'emploi")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        ABANDONED = "abandoned", _("Abandoned")

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="pathways",
        verbose_name=_("beneficiary"),
    )
    scheme = models.CharField(_("programme"), max_length=20, choices=Scheme.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"], name="pathway_start_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="pathway_end_after_start",
                violation_error_message=_("The end date cannot precede the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.get_scheme_display()} – {self.beneficiary.reference}"


class Outcome(models.Model):
    """What a beneficiary reached: a job, a training, an exit from RSA, …"""

    class Kind(models.TextChoices):
        JOB = "job", _("Job")
        TRAINING = "training", _("Training")
        QUALIFICATION = "qualification", _("Qualification")
        BUSINESS_CREATION = "business_creation", _("Business creation")
        RSA_EXIT = "rsa_exit", _("Exit from RSA")
        PLACEMENT_REFERRAL = (
            "placement_referral",
            _("Referral to the cross-border placement service (Kehl)"),
        )

    class Contract(models.TextChoices):
        CDI = "cdi", _("Permanent contract (CDI)")
        CDD_LONG = "cdd_long", _("Fixed-term contract of 6 months or more")
        CDD_SHORT = "cdd_short", _("Fixed-term contract under 6 months")
        INTERIM = "interim", _("Temporary agency work")
        MINIJOB = "minijob", _("Minijob")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("beneficiary"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hires",
        verbose_name=_("employer"),
    )
    contract = models.CharField(
        _("contract type"), max_length=20, choices=Contract.choices, blank=True
    )
    language_training = models.BooleanField(
        _("bilingual or German language training"), default=False
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-date"]
        indexes = [
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["date"], name="outcome_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="job") | (~Q(contract="") & ~Q(country="")),
                name="outcome_job_has_contract_and_country",
                violation_error_message=_("A job needs a contract type and a country."),
            ),
            models.CheckConstraint(
                condition=Q(kind="job") | Q(contract=""),
                name="outcome_contract_only_for_jobs",
                violation_error_message=_("Only a job has a contract type."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.date:%d/%m/%Y}"


class ContactNote(models.Model):
    """A contact with a followed person: when, how, and a short note."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        VIDEO = "video", _("Video call")
        OTHER = "other", _("Other")

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="contact_notes",
        verbose_name=_("beneficiary"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    text = models.CharField(_("note"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    # Whose note it is when several organisations follow the person (empty: the
    # centre's team); a private note stays with that organisation (referrals app).
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    private = models.BooleanField(
        _("private to my organisation"),
        default=False,
        db_default=False,
        help_text=_("The other organisations following the person do not see a private note."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact note")
        verbose_name_plural = _("contact notes")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["beneficiary", "date"]),
            models.Index(fields=["date", "id"], name="contactnote_date_id"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} – {self.date:%d/%m/%Y}"
