"""The `seed_demo` command: deterministic, consistent, fictitious demo data."""

from datetime import date, datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q

from beneficiaries.models import SITUATION_FACTS, Beneficiary, ContactNote, Outcome, Pathway
from beneficiaries.selectors import dropout_risks
from events.models import Attendance, Event, EventOrganisation, Registration, Venue
from indicators.models import Axis, Programme
from lieu_ressource.demo import DEMO_PASSWORD, demo_size
from partners.models import Organisation

pytestmark = pytest.mark.django_db

TODAY = "2025-03-12"
TINY = 0.05


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **{"scale": TINY, "today": TODAY, **options})
    return out.getvalue()


def fingerprint():
    """Every row the command writes, by natural keys (no primary keys), sorted."""
    event = ("event__start", "event__title_fr")
    tables = {
        "events": Event.objects.values_list(
            "title_fr",
            "title_de",
            "slug_de",
            "summary_fr",
            "description_de",
            "format",
            "language",
            "status",
            "start",
            "end",
            "capacity",
            "registration_opens",
            "registration_closes",
            "venue__name",
            "outside_centre",
            "created_at",
        ),
        "organisers": EventOrganisation.objects.values_list(*event, "organisation__name", "role"),
        "audiences": Event.audiences.through.objects.values_list(
            "event__start", "event__title_fr", "audience__code"
        ),
        "registrations": Registration.objects.values_list(
            *event,
            "public_id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "language",
            "status",
            "consent_at",
            "created_at",
            "cancelled_at",
            "reminder_sent_at",
            "beneficiary__reference",
        ),
        "attendances": Attendance.objects.values_list(
            *event,
            "registration__public_id",
            "beneficiary__reference",
            "present",
            "walk_in_name",
            "recorded_at",
            "recorded_by__username",
        ),
        "beneficiaries": Beneficiary.objects.values_list(
            "reference",
            "first_name",
            "last_name",
            "email",
            "phone",
            "birth_year",
            "sex",
            "country",
            "commune",
            "neighbourhood__code",
            *SITUATION_FACTS,
            "disability",
            "education",
            "german_level",
            "referring_organisation__name",
            "referent__username",
            "consent_at",
            "entry_date",
            "exit_date",
        ),
        "pathways": Pathway.objects.values_list(
            "beneficiary__reference", "scheme", "start_date", "end_date", "status"
        ),
        "outcomes": Outcome.objects.values_list(
            "beneficiary__reference",
            "kind",
            "date",
            "country",
            "employer__name",
            "contract",
            "language_training",
            "notes",
        ),
        "contact_notes": ContactNote.objects.values_list(
            "beneficiary__reference", "date", "channel", "text", "author__username", "created_at"
        ),
        "organisations": Organisation.objects.values_list("name", "country", "kind", "city"),
        "users": get_user_model().objects.values_list("username", "email", "is_staff"),
    }
    return {name: sorted(rows, key=repr) for name, rows in tables.items()}


def fingerprint_of_a_run(**options):
    """Seed, take the fingerprint, and roll back so that the next run starts afresh."""
    with transaction.atomic():
        seed(**options)
        result = fingerprint()
        transaction.set_rollback(True)
    return result


def test_same_seed_and_day_give_the_same_data():
    first = fingerprint_of_a_run(seed=7)
    second = fingerprint_of_a_run(seed=7)

    assert first["registrations"]
    assert first == second


def test_another_seed_gives_other_data():
    assert fingerprint_of_a_run(seed=7) != fingerprint_of_a_run(seed=8)


def test_another_day_moves_the_events():
    before = fingerprint_of_a_run(seed=7)["events"]
    after = fingerprint_of_a_run(seed=7, today="2025-09-01")["events"]

    assert [row[8] for row in before] != [row[8] for row in after]


def test_tiny_scale_shows_every_kind():
    seed()

    assert set(Event.objects.values_list("format", flat=True)) == set(Event.Format.values)
    assert set(Event.objects.values_list("language", flat=True)) == set(Event.Language.values)
    assert set(Event.objects.values_list("status", flat=True)) == set(Event.Status.values)
    for fact in SITUATION_FACTS:
        assert Beneficiary.objects.filter(**{fact: True}).exists(), fact
    assert set(Pathway.objects.values_list("scheme", flat=True)) == set(Pathway.Scheme.values)
    assert set(Pathway.objects.values_list("status", flat=True)) == set(Pathway.Status.values)
    assert set(Outcome.objects.values_list("kind", flat=True)) == set(Outcome.Kind.values)
    contracts = set(Outcome.objects.filter(kind="job").values_list("contract", flat=True))
    assert contracts == set(Outcome.Contract.values)


def test_events_lie_in_past_and_coming_months():
    seed()
    midnight = datetime.combine(date.fromisoformat(TODAY), time.min, ZoneInfo("Europe/Paris"))

    assert Event.objects.filter(start__lt=midnight).exists()
    assert Event.objects.filter(start__gte=midnight).exists()
    assert Event.objects.filter(outside_centre=True).exclude(venue__is_centre=True).exists()
    assert not Event.objects.filter(outside_centre=False, venue__is_centre=False).exists()
    for event in Event.objects.all():
        assert event.start.astimezone(ZoneInfo("Europe/Paris")).weekday() < 5
        assert event.title_fr and event.title_de and event.slug_fr and event.slug_de
        assert event.description_fr != event.description_de


def test_confirmed_registrations_never_exceed_capacity():
    seed(scale=0.3)
    events = Event.objects.filter(capacity__isnull=False).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
    )

    assert any(event.waitlisted for event in events)
    for event in events:
        assert event.confirmed <= event.capacity
        # Nobody waits while a seat is free.
        assert not event.waitlisted or event.confirmed == event.capacity


def test_registrations_follow_the_event_rules():
    seed(scale=0.3)

    assert Registration.objects.count() == round(2000 * 0.3)
    assert not Registration.objects.filter(event__status="draft").exists()
    assert not Registration.objects.filter(event__status="cancelled").exclude(status="cancelled")
    assert Registration.objects.filter(status="cancelled", event__status="published").exists()
    assert Registration.objects.filter(beneficiary__isnull=False).exists()
    for registration in Registration.objects.select_related("event"):
        assert registration.created_at < registration.event.start
        assert registration.consent_at == registration.created_at
        assert registration.language in ("fr", "de")
        assert registration.email.rsplit("@", 1)[1] in ("example.org", "example.com", "example.de")


def test_attendance_is_taken_for_past_published_events_only():
    seed(scale=0.3)
    midnight = datetime.combine(date.fromisoformat(TODAY), time.min, ZoneInfo("Europe/Paris"))
    attendances = Attendance.objects.select_related("event", "registration")

    assert attendances.filter(present=False).exists()
    assert attendances.filter(registration__isnull=True, walk_in_name="").exists()
    assert attendances.filter(registration__isnull=True).exclude(walk_in_name="").exists()
    for attendance in attendances:
        assert attendance.event.status == "published"
        assert attendance.event.end <= midnight
        if attendance.registration:
            assert attendance.registration.status == "confirmed"
            assert attendance.beneficiary_id == attendance.registration.beneficiary_id


def test_companies_take_part_in_events_as_employers():
    seed()
    companies = Organisation.objects.filter(kind="company")

    assert set(companies.values_list("role", flat=True)) == {"employer"}
    assert set(companies.values_list("country", flat=True)) == {"FR", "DE"}
    assert EventOrganisation.objects.filter(role="participant", organisation__in=companies)
    assert Outcome.objects.filter(kind="job", employer__in=companies).exists()
    assert EventOrganisation.objects.filter(role="host").count() == Event.objects.count()


def test_contacts_leave_some_people_at_risk_of_dropping_out():
    # At the default scale: a smaller one leaves too few open pathways that started
    # before the quiet weeks for any referent to have a drop-out risk.
    seed(scale=1)
    today = date.fromisoformat(TODAY)
    referents = get_user_model().objects.filter(caseload__isnull=False).distinct()

    assert sum(dropout_risks(user, today=today).count() for user in referents) > 0
    for note in ContactNote.objects.select_related("beneficiary"):
        assert note.beneficiary.entry_date <= note.date < today
        assert note.beneficiary.exit_date is None or note.date <= note.beneficiary.exit_date
        assert note.author_id == note.beneficiary.referent_id


def test_demo_accounts_are_printed_and_work():
    output = seed()
    User = get_user_model()
    admin = User.objects.get(email="admin@example.org")

    assert admin.username == "admin" and admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD)
    assert "admin@example.org" in output and DEMO_PASSWORD in output
    referents = User.objects.filter(caseload__isnull=False).distinct()
    assert referents.exists()
    assert all(user.is_staff and user.email.endswith("@example.org") for user in referents)


def test_running_twice_does_not_duplicate():
    seed()
    before = fingerprint()

    output = seed()

    # Commands speak the site language, French.
    assert "contient déjà des événements" in output
    assert fingerprint() == before


def test_shipped_reference_data_is_used():
    centre, _created = Venue.objects.get_or_create(
        is_centre=True,
        defaults={
            "name": "Kaleidoscoop",
            "address": "6 rue Jean Monnet",
            "postcode": "67000",
            "city": "Strasbourg",
        },
    )
    programme, _created = Programme.objects.get_or_create(
        code="convention-2020",
        defaults={"name_fr": "Convention 2020", "start_date": date(2020, 1, 1)},
    )
    for number in range(1, 5):
        Axis.objects.get_or_create(
            programme=programme, number=number, defaults={"title_fr": f"Axe {number}"}
        )

    seed()

    assert Venue.objects.filter(is_centre=True).count() == 1
    assert Event.objects.filter(venue=centre).exists()
    served = set(Event.axes.through.objects.values_list("axis__number", flat=True))
    assert served == {1, 2, 3, 4}


def test_scale_gives_the_documented_sizes():
    size = demo_size(250)

    assert (size.events, size.beneficiaries, size.registrations) == (25_000, 50_000, 500_000)
    assert (demo_size(1).events, demo_size(1).beneficiaries) == (100, 200)


def test_bad_options_are_refused():
    with pytest.raises(CommandError, match="--scale"):
        seed(scale=0)
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("seed_demo", "--today", "12/03/2025", stdout=StringIO())
    assert not Event.objects.exists()


def test_demo_working_circles_are_closed_joint_actions_and_other_events_public():
    seed()

    closed = Event.objects.filter(openness=Event.Openness.CLOSED)
    assert set(closed.values_list("format", flat=True)) == {Event.Format.WORKING_CIRCLE}
    assert Event.objects.filter(openness=Event.Openness.PUBLIC).exists()


def test_every_tracked_record_has_its_creation_in_the_history():
    from django.apps import apps

    from lieu_ressource.demo.history import CREATED

    tracked = {model for model in apps.get_models() if hasattr(model, "history")}
    assert set(CREATED) == tracked
    seed()
    for model in CREATED:
        history = model.history.model.objects
        assert history.count() == model.objects.count() > 0, model._meta.label
        assert set(history.values_list("history_type", flat=True)) == {"+"}
    registration = Registration.objects.order_by("pk").first()
    created = registration.history.get()
    assert (created.history_date, created.status) == (registration.created_at, registration.status)
    # The names stay out of the history, as when the public registers.
    assert not hasattr(created, "last_name")
    pathway = Pathway.objects.order_by("pk").first()
    assert pathway.history.get().history_date.date() == pathway.start_date
