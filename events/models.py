import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.models import Country, Organisation


class Venue(models.Model):
    """Where an event takes place: the Kaleidoscoop centre or a place outside it."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=250)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.FRANCE
    )
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    is_centre = models.BooleanField(
        _("is the resource centre"),
        default=False,
        help_text=_("Events held elsewhere count as held outside the centre."),
    )
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("Public transport, parking, which door: shown on every event held here."),
    )
    # A point for the OpenStreetMap link: a plain link, no map is loaded by our pages.
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    # The centre's contact block (home page, event pages, emails, Reply-To).
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    team = models.CharField(
        _("team"),
        max_length=300,
        blank=True,
        help_text=_("Who answers, as the public reads it: names and roles."),
    )
    opening_note = models.CharField(
        _("note on opening hours"),
        max_length=300,
        blank=True,
        help_text=_("E.g. closed on public holidays; shown under the opening hours."),
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__gte=-90, latitude__lte=90)
                    & Q(longitude__gte=-180, longitude__lte=180)
                ),
                name="venue_coordinates_complete_and_valid",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.city}"


class OpeningPeriod(models.Model):
    """A weekday's opening hours at a venue (two rows for a day with a lunch break)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="opening_periods", verbose_name=_("venue")
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="opening_period_closes_after_opening",
                violation_error_message=_("Closing time must be after opening time."),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Audience(models.Model):
    """A public an event is meant for (job seekers, employers, students, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Event(models.Model):
    """A public event of the Lieu ressource: workshop, visit, afterwork, permanence…"""

    class Format(models.TextChoices):
        BILINGUAL_WORKSHOP = "bilingual_workshop", _("Bilingual workshop")
        INTERCULTURAL_WORKSHOP = "intercultural_workshop", _("Intercultural workshop")
        COMPANY_VISIT = "company_visit", _("Company visit")
        EMPLOYER_AFTERWORK = "employer_afterwork", _("Employer afterwork")
        RECRUITMENT_MEETING = "recruitment_meeting", _("Recruitment meeting / job dating")
        PITCH_EVENING = "pitch_evening", _("Pitch evening")
        PERMANENCE = "permanence", _("Drop-in consultation")
        IDEA_LAB = "idea_lab", _("Idea lab")
        INFORMATION_SESSION = "information_session", _("Information session")
        WORKING_CIRCLE = "working_circle", _("Companies' working circle")

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        GERMAN = "de", _("German")
        BILINGUAL = "fr-de", _("French and German")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Openness(models.TextChoices):
        # Interreg counts them apart: a public event in RCO 115, the participations
        # of a closed joint action in RCO 81, an internal meeting in neither.
        PUBLIC = "public", _("Public event, open to all")
        CLOSED = "closed", _("Closed joint action (invited group, cohort workshop)")
        INTERNAL = "internal", _("Internal project meeting")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True, allow_unicode=False)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=30, choices=Format.choices)
    language = models.CharField(_("language spoken"), max_length=5, choices=Language.choices)
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="events", verbose_name=_("audiences")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="events", verbose_name=_("venue")
    )
    outside_centre = models.BooleanField(
        _("held outside the centre"),
        default=False,
        help_text=_("“Hors les murs”: held in a neighbourhood, a company, …"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit; 0 closes registration."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    organisers = models.ManyToManyField(
        Organisation,
        through="EventOrganisation",
        blank=True,
        related_name="events",
        verbose_name=_("organisations"),
    )
    axes = models.ManyToManyField(
        "indicators.Axis",
        blank=True,
        related_name="events",
        verbose_name=_("programme axes served"),
    )
    programmes = models.ManyToManyField(
        "indicators.Programme",
        blank=True,
        related_name="events",
        verbose_name=_("programmes served"),
        help_text=_(
            "The programmes this event serves besides those of its axes. An event that "
            "serves no programme, directly or through an axis, counts for every programme "
            "running when it is held."
        ),
    )
    openness = models.CharField(
        _("who may take part"),
        max_length=10,
        choices=Openness.choices,
        default=Openness.PUBLIC,
        help_text=_(
            "Interreg counts a public event in RCO 115, the participations in a closed "
            "joint action in RCO 81, an internal meeting in neither."
        ),
    )
    what_to_bring = models.TextField(
        _("what to bring"),
        blank=True,
        help_text=_(
            "Shown on the event page and in the confirmation and reminder emails. Leave "
            "it empty for the format's usual advice, if it has one (a CV for a "
            "recruitment meeting, an identity document for a company visit…)."
        ),
    )
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    # One more each time staff move the event (start, end or venue): it keeps the
    # calendar SEQUENCE of the update above that of every file sent before, even
    # within the minute (events/calendar.py).
    schedule_changes = models.PositiveIntegerField(
        _("changes of time or place"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        indexes = [
            # The agenda walks published events by start from a lower bound and
            # checks `end` inside the index, without visiting the rows it skips.
            models.Index(fields=["status", "start", "end"], name="event_status_start_end"),
            # Held-events metrics and the check-in list select on the end alone.
            models.Index(fields=["end"], name="event_end"),
            # The admin's event list, in date order whatever the status: the walk
            # from the first start skips ended events inside the index.
            models.Index(fields=["start", "end"], name="event_start_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="event_capacity_not_negative",
                violation_error_message=_("The capacity cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="event_registration_window_ordered",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        # Weekly copies share a title: the local date tells them apart in pickers.
        return f"{self.title} ({timezone.localtime(self.start):%d/%m/%Y %H:%M})"

    def save(self, *args, **kwargs):
        # Each language gets a slug from its own title when staff left it empty.
        for lang, _name in settings.LANGUAGES:
            title = getattr(self, f"title_{lang}")
            if title and not getattr(self, f"slug_{lang}"):
                setattr(self, f"slug_{lang}", slugify(title)[:200])
        super().save(*args, **kwargs)


class EventOrganisation(models.Model):
    """How an organisation takes part in an event; counts companies engaged."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        PARTICIPANT = "participant", _("Participating company")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="event_participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("organisation taking part")
        verbose_name_plural = _("organisations taking part")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"],
                name="event_organisation_once",
                violation_error_message=_("This organisation already takes part."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"


class Registration(models.Model):
    """A public sign-up to an event, made without an account."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    consent_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    # An employer says which company they come for; staff then link the registration
    # to its Organisation, and the company counts among those engaged in the event.
    organisation_name = models.CharField(_("organisation (as typed)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organisation"),
        help_text=_("The organisation this person came for; counts it as taking part."),
    )
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("followed person"),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["event", "status", "created_at"]),
            # The admin list sorts and browses registrations by date.
            models.Index(fields=["created_at"], name="registration_created_at"),
            # The admin list sorted by name.
            models.Index(fields=["last_name"], name="registration_last_name"),
            # A person's data rights find every registration of an address, the
            # cancelled ones too, which the unique index below leaves out.
            models.Index(Lower("email"), name="registration_email_lower"),
        ]
        constraints = [
            # A cancelled registration frees the email for a new sign-up.
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status="cancelled"),
                name="registration_one_per_email_and_event",
                violation_error_message=_("This email is already registered for this event."),
            ),
            models.CheckConstraint(
                condition=Q(status="cancelled", cancelled_at__isnull=False)
                | (~Q(status="cancelled") & Q(cancelled_at__isnull=True)),
                name="registration_cancelled_has_date",
                violation_error_message=_("A cancelled registration needs its cancellation date."),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} – {self.event}"


class Attendance(models.Model):
    """Who was actually there: a registered person, a walk-in, or someone counted
    anonymously. Linked to a beneficiary when the person is followed."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("event"),
    )
    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("registration"),
    )
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("followed person"),
    )
    present = models.BooleanField(_("present"), default=True)
    walk_in_name = models.CharField(
        _("walk-in name"),
        max_length=200,
        blank=True,
        help_text=_("For people who came without registering; may stay empty."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        # Reports ask "was any attendance recorded since the stored figures?".
        indexes = [models.Index(fields=["recorded_at"], name="attendance_recorded_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "beneficiary"],
                condition=Q(beneficiary__isnull=False),
                name="attendance_one_per_beneficiary_and_event",
                violation_error_message=_("This person is already on the attendance list."),
            ),
        ]

    def __str__(self):
        if self.registration_id:
            return str(self.registration)
        return self.walk_in_name or str(_("Anonymous attendee"))
