"""The Django admin as staff use it: every page opens, list pages stay cheap, and
the few admin-specific behaviours (weekly copies, frozen values, cancellations)."""

import datetime
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from events.models import Event, Registration
from events.services import duplicate_weekly
from indicators.models import IndicatorValue
from privacy.models import InactivityWarning, RightsRequest

from . import factories as f
from .practices.factories import PracticeFactory, ThemeFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PARIS = ZoneInfo("Europe/Paris")


def _event_with_everything():
    event = f.EventFactory(
        published=True,
        audiences=[f.AudienceFactory()],
        axes=[f.AxisFactory()],
    )
    f.EventOrganisationFactory(event=event)
    f.RegistrationFactory(event=event)
    f.RegistrationFactory(event=event, waitlisted=True)
    return event


def _beneficiary_with_everything():
    beneficiary = f.BeneficiaryFactory(qpv=True, referred=True, rsa=True)
    f.PathwayFactory(beneficiary=beneficiary)
    f.OutcomeFactory(beneficiary=beneficiary, job_in_germany=True)
    return beneficiary


def _indicator_with_values():
    indicator = f.IndicatorFactory(on_axis=True)
    f.IndicatorValueFactory(indicator=indicator, quarter=1, frozen=True)
    f.IndicatorValueFactory(indicator=indicator, quarter=2)
    return indicator


def _periodic_task():
    every_hour = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    return PeriodicTask.objects.create(name="check", task="health.ping", interval=every_hour)


def _referral_accepted():
    """An accepted referral (its steps shown inline) and the following it opened."""
    from referrals import services
    from tests.referrals.helpers import send

    referral = send(f.BeneficiaryFactory(), shared=("name",))
    contact = referral.receiving_organisation.contacts.get()
    return services.accept_referral(referral, contact, channel="portal").following


def _fse_participation():
    """A participation in a new operation of the shipped FSE+ programme."""
    from fse.models import Operation, Participation

    shipped = Operation.objects.filter(programme__code="fse-activ-action").first()
    operation = Operation.objects.create(
        programme=shipped.programme,
        code=f"atelier-{Operation.objects.count() + 1}",
        name="Atelier",
        start_date=shipped.start_date,
        end_date=shipped.end_date,
    )
    return Participation.objects.create(
        beneficiary=f.BeneficiaryFactory(),
        operation=operation,
        entry_date=operation.start_date + datetime.timedelta(days=30),
    )


# One object per registered model, to open its change page. A model registered
# without a builder here fails `test_every_registered_model_can_be_built`.
BUILDERS = {
    "partners.organisation": lambda: f.ContactFactory().organisation,
    "partners.contact": f.ContactFactory,
    "events.venue": f.VenueFactory,
    "events.audience": f.AudienceFactory,
    "events.event": _event_with_everything,
    "events.registration": f.RegistrationFactory,
    "events.attendance": lambda: f.AttendanceFactory(followed=True),
    "beneficiaries.priorityneighbourhood": f.PriorityNeighbourhoodFactory,
    "beneficiaries.beneficiary": _beneficiary_with_everything,
    "beneficiaries.pathway": f.PathwayFactory,
    "beneficiaries.outcome": lambda: f.OutcomeFactory(job_in_france=True),
    "beneficiaries.contactnote": f.ContactNoteFactory,
    "indicators.programme": lambda: f.StrategyFactory().axis.programme,
    "indicators.axis": lambda: f.StrategyFactory().axis,
    "indicators.strategy": f.StrategyFactory,
    "indicators.indicator": _indicator_with_values,
    "indicators.indicatorvalue": f.IndicatorValueFactory,
    "indicators.qualitativenote": lambda: f.QualitativeNoteFactory(strategy=f.StrategyFactory()),
    "indicators.quarterlyreport": lambda: f.QuarterlyReportFactory(done=True),
    "referrals.referral": lambda: _referral_accepted().referral,
    "referrals.following": _referral_accepted,
    "fse.operation": lambda: _fse_participation().operation,
    "fse.participation": _fse_participation,
    "practices.theme": ThemeFactory,
    "practices.practice": lambda: PracticeFactory(
        themes=[ThemeFactory()], organisations=[f.OrganisationFactory()]
    ),
    "privacy.rightsrequest": lambda: RightsRequest.objects.create(
        subject="0" * 20, channel="staff", action="export", summary={"registrations": 1}
    ),
    "privacy.historicalregistration": lambda: f.RegistrationFactory().history.first(),
    "privacy.historicalattendance": lambda: f.AttendanceFactory(followed=True).history.first(),
    "privacy.inactivitywarning": lambda: InactivityWarning.objects.create(
        beneficiary=f.BeneficiaryFactory(),
        last_activity=datetime.date(2023, 11, 1),
        due_on=datetime.date(2026, 11, 1),
        warned_at=datetime.datetime(2026, 10, 1, 7, tzinfo=UTC),
    ),
    "auth.user": f.UserFactory,
    "auth.group": lambda: Group.objects.create(name="bénévoles"),
    "account.emailaddress": lambda: EmailAddress.objects.create(
        user=f.UserFactory(), email="someone@example.org", verified=True, primary=True
    ),
    "mfa.authenticator": lambda: TOTP.activate(f.UserFactory(), generate_totp_secret()).instance,
    "django_celery_beat.periodictask": _periodic_task,
    "django_celery_beat.clockedschedule": lambda: ClockedSchedule.objects.create(
        clocked_time=datetime.datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
    ),
    "django_celery_beat.crontabschedule": lambda: CrontabSchedule.objects.create(minute="30"),
    "django_celery_beat.solarschedule": lambda: SolarSchedule.objects.create(
        event="sunrise", latitude=Decimal("48.57"), longitude=Decimal("7.79")
    ),
    "django_celery_beat.intervalschedule": lambda: IntervalSchedule.objects.create(
        every=10, period=IntervalSchedule.MINUTES
    ),
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser():
    user = f.UserFactory(superuser=True, username="root")
    # Accounts that see personal data need a second factor to reach the admin.
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def _inline_management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def test_every_registered_model_can_be_built():
    missing = [m._meta.label_lower for m in REGISTERED if m._meta.label_lower not in BUILDERS]
    assert missing == []


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_changelist_opens(staff_client, model):
    BUILDERS[model._meta.label_lower]()
    response = staff_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_changelist_search_opens(staff_client, model):
    BUILDERS[model._meta.label_lower]()
    response = staff_client.get(admin_url(model, "changelist"), {"q": "Strasbourg é"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_add_page_opens_unless_adding_is_closed(rf, staff_client, superuser, model):
    request = rf.get("/")
    request.user = superuser
    can_add = admin.site._registry[model].has_add_permission(request)
    response = staff_client.get(admin_url(model, "add"))
    assert response.status_code == (200 if can_add else 403)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_change_page_opens(staff_client, model):
    obj = BUILDERS[model._meta.label_lower]()
    response = staff_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


def test_quarterly_reports_are_not_added_by_hand(staff_client):
    assert staff_client.get(reverse("admin:indicators_quarterlyreport_add")).status_code == 403


def test_report_page_shows_the_file_name_not_a_public_link(staff_client):
    report = f.QuarterlyReportFactory(done=True)
    response = staff_client.get(
        reverse("admin:indicators_quarterlyreport_change", args=[report.pk])
    )
    assert report.file.name in response.text
    assert f'href="{report.file.name}' not in response.text


def test_event_form_has_both_languages_with_slugs_prepopulated_from_their_title(staff_client):
    response = staff_client.get(reverse("admin:events_event_add"))
    for name in ("title_fr", "title_de", "slug_fr", "slug_de", "summary_de", "description_fr"):
        assert f'name="{name}"' in response.text
    prepopulated = {
        field["field"].name: [dep.name for dep in field["dependencies"]]
        for field in response.context["prepopulated_fields"]
    }
    assert prepopulated == {"slug_fr": ["title_fr"], "slug_de": ["title_de"]}


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("fr", "Visite chez Bosch", "Betriebsbesichtigung bei Bosch"),
        ("de", "Betriebsbesichtigung bei Bosch", "Visite chez Bosch"),
    ],
)
def test_event_list_shows_titles_in_the_staff_language(staff_client, language, shown, hidden):
    f.EventFactory(title_fr="Visite chez Bosch", title_de="Betriebsbesichtigung bei Bosch")
    response = staff_client.get(
        reverse("admin:events_event_changelist"), HTTP_ACCEPT_LANGUAGE=language
    )
    assert f'<html lang="{language}"' in response.text
    assert shown in response.text
    assert hidden not in response.text


def test_staff_publish_an_event_in_both_languages_with_its_organisers(staff_client):
    venue = f.VenueFactory()
    audience = f.AudienceFactory()
    host = f.OrganisationFactory(name="Rheinwerk Kehl GmbH")
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {
            "title_fr": "Job dating franco-allemand",
            "title_de": "Deutsch-französisches Job-Dating",
            "slug_fr": "",
            "slug_de": "",
            "summary_fr": "",
            "summary_de": "",
            "description_fr": "",
            "description_de": "",
            "format": Event.Format.RECRUITMENT_MEETING,
            "language": Event.Language.BILINGUAL,
            "openness": Event.Openness.PUBLIC,
            "audiences": [audience.pk],
            "start_0": "12/06/2025",
            "start_1": "14:00",
            "end_0": "12/06/2025",
            "end_1": "17:00",
            "venue": venue.pk,
            "status": Event.Status.PUBLISHED,
            "capacity": "40",
            **_inline_management("participations", 1, 0),
            "participations-0-organisation": host.pk,
            "participations-0-role": "host",
            **_inline_management("registrations", 0, 0),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    event = Event.objects.get(title_fr="Job dating franco-allemand")
    assert (event.slug_fr, event.slug_de) == (
        "job-dating-franco-allemand",
        "deutsch-franzosisches-job-dating",
    )
    assert event.start == _paris(2025, 6, 12, 14, 0)
    assert list(event.audiences.all()) == [audience]
    assert list(event.participations.values_list("organisation", "role")) == [(host.pk, "host")]


def test_event_cannot_be_saved_ending_before_it_starts(staff_client):
    venue = f.VenueFactory()
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {
            "title_fr": "Atelier CV",
            "format": Event.Format.BILINGUAL_WORKSHOP,
            "language": Event.Language.FRENCH,
            "openness": Event.Openness.PUBLIC,
            "start_0": "12/06/2025",
            "start_1": "14:00",
            "end_0": "12/06/2025",
            "end_1": "13:00",
            "venue": venue.pk,
            "status": Event.Status.DRAFT,
            **_inline_management("participations", 0, 0),
            **_inline_management("registrations", 0, 0),
        },
    )
    assert response.status_code == 200
    errors = [str(error) for form_errors in response.context["errors"] for error in form_errors]
    assert errors == ["L'événement doit se terminer après son début."]
    assert not Event.objects.filter(title_fr="Atelier CV").exists()


def test_event_list_shows_places_taken_over_capacity(staff_client):
    event = f.EventFactory(published=True, capacity=10)
    f.RegistrationFactory.create_batch(3, event=event)
    f.RegistrationFactory(event=event, waitlisted=True)
    f.RegistrationFactory(event=event, cancelled=True)
    unlimited = f.EventFactory(published=True, capacity=None)
    f.RegistrationFactory(event=unlimited)
    response = staff_client.get(reverse("admin:events_event_changelist"))
    assert f'?event__id__exact={event.pk}">3 / 10</a>' in response.text
    assert f'?event__id__exact={unlimited.pk}">1 / –</a>' in response.text


@pytest.mark.parametrize("column", range(1, 9))
def test_event_list_sorts_by_every_column(staff_client, column):
    _event_row()
    f.EventFactory(capacity=None)
    response = staff_client.get(reverse("admin:events_event_changelist"), {"o": f"-{column}"})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 2


def test_full_event_factory_fills_every_place(staff_client):
    event = f.EventFactory(full=True)
    response = staff_client.get(reverse("admin:events_event_changelist"))
    assert f'?event__id__exact={event.pk}">2 / 2</a>' in response.text


def test_registration_list_filters_by_event(staff_client):
    registration = f.RegistrationFactory()
    f.RegistrationFactory()
    response = staff_client.get(
        reverse("admin:events_registration_changelist"),
        {"event__id__exact": registration.event_id},
    )
    assert list(response.context["cl"].result_list) == [registration]


def test_registration_list_searches_by_email(staff_client):
    wanted = f.RegistrationFactory(email="jonas.keller@example.de")
    f.RegistrationFactory(email="lea@example.org")
    response = staff_client.get(reverse("admin:events_registration_changelist"), {"q": "keller"})
    assert list(response.context["cl"].result_list) == [wanted]


# List pages: the number of queries does not grow with the number of rows.


def _event_row():
    event = f.EventFactory(published=True, audiences=[f.AudienceFactory()])
    f.EventOrganisationFactory(event=event)
    f.RegistrationFactory(event=event)
    return event


def _registration_row():
    return f.RegistrationFactory(beneficiary=f.BeneficiaryFactory())


def _beneficiary_row():
    referent = f.UserFactory(staff=True)
    return f.BeneficiaryFactory(qpv=True, referred=True, referent=referent)


def _organisation_row():
    organisation = f.ContactFactory().organisation
    f.EventOrganisationFactory(organisation=organisation)
    return organisation


# The bounds are the counts measured when the pages were written: a new query per
# page shows up here in review; a query per row fails at 30 rows. (PostgreSQL adds
# the paginator's row estimate; the events list has the programme filter's choices.)
LIST_PAGES = [
    pytest.param("admin:events_event_changelist", _event_row, 10, id="events"),
    pytest.param("admin:events_registration_changelist", _registration_row, 7, id="registrations"),
    pytest.param(
        "admin:beneficiaries_beneficiary_changelist", _beneficiary_row, 9, id="beneficiaries"
    ),
    pytest.param(
        "admin:partners_organisation_changelist", _organisation_row, 6, id="organisations"
    ),
    pytest.param(
        "admin:events_attendance_changelist",
        lambda: f.AttendanceFactory(followed=True),
        8,
        id="attendances",
    ),
    pytest.param(
        "admin:beneficiaries_outcome_changelist",
        lambda: f.OutcomeFactory(job_in_germany=True),
        8,
        id="outcomes",
    ),
    pytest.param(
        "admin:indicators_indicatorvalue_changelist",
        f.IndicatorValueFactory,
        9,
        id="indicator-values",
    ),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(("url_name", "make_row", "max_queries"), LIST_PAGES)
def test_list_page_queries_do_not_grow_with_rows(
    staff_client, django_assert_max_num_queries, url_name, make_row, max_queries, rows
):
    made = [make_row() for _row in range(rows)]
    with django_assert_max_num_queries(max_queries):
        response = staff_client.get(reverse(url_name))
    assert response.status_code == 200
    # Reference data shipped by migrations (partners) shows up beside the new rows.
    assert set(made) <= set(response.context["cl"].result_list)


# Builders of rows that can be made many times (the BUILDERS above use fixed
# unique names for a few models).
_serial = itertools.count()
REPEATABLE_BUILDERS = {
    **BUILDERS,
    "auth.group": lambda: Group.objects.create(name=f"groupe {next(_serial)}"),
    "account.emailaddress": lambda: EmailAddress.objects.create(
        user=f.UserFactory(), email=f"someone{next(_serial)}@example.org", verified=True
    ),
    "django_celery_beat.periodictask": lambda: PeriodicTask.objects.create(
        name=f"check {next(_serial)}",
        task="health.ping",
        interval=IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS),
    ),
    "django_celery_beat.solarschedule": lambda: SolarSchedule.objects.create(
        event="sunrise", latitude=Decimal("48.57"), longitude=Decimal(next(_serial))
    ),
}


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_every_changelist_runs_no_more_queries_for_many_rows_than_for_few(
    staff_client, django_assert_max_num_queries, model
):
    build = REPEATABLE_BUILDERS[model._meta.label_lower]
    url = admin_url(model, "changelist")
    build()
    staff_client.get(url)  # the session and the content types, read once
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    for _row in range(12):
        build()
    with django_assert_max_num_queries(len(few)):
        response = staff_client.get(url)
    assert response.context["cl"].result_count >= 13


@pytest.mark.parametrize("registrations", [3, 28, 60])
def test_event_page_queries_do_not_grow_with_registrations(
    staff_client, django_assert_max_num_queries, registrations
):
    event = _event_with_everything()
    f.RegistrationFactory.create_batch(registrations, event=event)
    with django_assert_max_num_queries(17):
        response = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200


def test_event_page_lists_up_to_thirty_registrations_inline(staff_client):
    event = _event_with_everything()  # two registrations
    f.RegistrationFactory.create_batch(28, event=event)
    response = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    registration_forms = [
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.model is Registration
    ]
    assert len(registration_forms[0].formset.forms) == 30


def test_event_page_past_thirty_registrations_links_to_their_list_instead(staff_client):
    event = _event_with_everything()
    f.RegistrationFactory.create_batch(29, event=event)
    response = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    models = [formset.formset.model for formset in response.context["inline_admin_formsets"]]
    assert Registration not in models
    list_url = reverse("admin:events_registration_changelist")
    assert f'href="{list_url}?event__id__exact={event.pk}">31 inscriptions' in response.text


@pytest.mark.parametrize("years", [3, 30])
def test_indicator_page_queries_do_not_grow_with_values(
    staff_client, django_assert_max_num_queries, years
):
    indicator = f.IndicatorFactory(on_axis=True)
    for year in range(2000, 2000 + years):
        f.IndicatorValueFactory(indicator=indicator, year=year)
    with django_assert_max_num_queries(9):
        response = staff_client.get(
            reverse("admin:indicators_indicator_change", args=[indicator.pk])
        )
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == years


# "Duplicate weekly"


def _paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def weekly_permanence():
    """A 10:00 permanence on Thursday 27 March 2025, three days before Paris moves
    to summer time (Sunday 30 March)."""
    event = f.EventFactory(
        published=True,
        format=Event.Format.PERMANENCE,
        title_fr="Permanence emploi en Allemagne",
        title_de="Sprechstunde Arbeit in Deutschland",
        start=_paris(2025, 3, 27, 10, 0),
        end=_paris(2025, 3, 27, 12, 0),
        registration_opens=_paris(2025, 3, 20, 9, 0),
        registration_closes=_paris(2025, 3, 26, 18, 0),
        capacity=8,
        outside_centre=True,
        audiences=[f.AudienceFactory(), f.AudienceFactory()],
        axes=[f.AxisFactory()],
    )
    f.EventOrganisationFactory(event=event, role="host")
    f.EventOrganisationFactory(event=event, participant=True)
    f.RegistrationFactory(event=event)
    return event


def _post_action(client, event, **data):
    return client.post(
        reverse("admin:events_event_changelist"),
        {"action": "duplicate_weekly", "_selected_action": [event.pk], **data},
    )


def test_duplicate_weekly_first_asks_how_many_weeks(staff_client, weekly_permanence):
    response = _post_action(staff_client, weekly_permanence)
    assert response.status_code == 200
    assert "admin/events/event/duplicate_weekly.html" in [t.name for t in response.templates]
    assert 'name="weeks"' in response.text
    assert Event.objects.count() == 1


def test_duplicate_weekly_creates_drafts_one_week_apart(staff_client, weekly_permanence):
    response = _post_action(staff_client, weekly_permanence, apply="1", weeks="3")
    assert response.status_code == 302
    copies = Event.objects.exclude(pk=weekly_permanence.pk).order_by("start")
    assert [copy.status for copy in copies] == ["draft"] * 3
    # 10:00 in Paris every Thursday: 09:00 UTC in winter time, 08:00 UTC in summer time.
    assert [copy.start for copy in copies] == [
        datetime.datetime(2025, 4, 3, 8, 0, tzinfo=UTC),
        datetime.datetime(2025, 4, 10, 8, 0, tzinfo=UTC),
        datetime.datetime(2025, 4, 17, 8, 0, tzinfo=UTC),
    ]
    assert [copy.end for copy in copies] == [
        datetime.datetime(2025, 4, 3, 10, 0, tzinfo=UTC),
        datetime.datetime(2025, 4, 10, 10, 0, tzinfo=UTC),
        datetime.datetime(2025, 4, 17, 10, 0, tzinfo=UTC),
    ]


def test_duplicate_weekly_keeps_paris_wall_clock_across_summer_time(weekly_permanence):
    (copy,) = duplicate_weekly(weekly_permanence, 1)
    copy.refresh_from_db()
    assert weekly_permanence.start.astimezone(UTC).hour == 9
    assert copy.start.astimezone(UTC).hour == 8
    assert copy.start.astimezone(PARIS).time() == datetime.time(10, 0)
    assert copy.end.astimezone(PARIS).time() == datetime.time(12, 0)


def test_duplicate_weekly_shifts_the_registration_window_by_the_same_weeks(weekly_permanence):
    (copy,) = duplicate_weekly(weekly_permanence, 1)
    copy.refresh_from_db()
    # Opens Thursday 27 March 09:00 (winter time), closes Wednesday 2 April 18:00
    # (summer time).
    assert copy.registration_opens == datetime.datetime(2025, 3, 27, 8, 0, tzinfo=UTC)
    assert copy.registration_closes == datetime.datetime(2025, 4, 2, 16, 0, tzinfo=UTC)


def test_duplicate_weekly_keeps_texts_venue_capacity_audiences_axes_and_organisers(
    weekly_permanence,
):
    (copy,) = duplicate_weekly(weekly_permanence, 1)
    copy = Event.objects.get(pk=copy.pk)
    original = weekly_permanence
    for name in ("title_fr", "title_de", "slug_fr", "slug_de", "summary_fr", "summary_de"):
        assert getattr(copy, name) == getattr(original, name)
    assert (copy.venue_id, copy.capacity, copy.format, copy.language, copy.outside_centre) == (
        original.venue_id,
        8,
        Event.Format.PERMANENCE,
        original.language,
        True,
    )
    assert set(copy.audiences.all()) == set(original.audiences.all())
    assert set(copy.axes.all()) == set(original.axes.all())
    assert sorted(copy.participations.values_list("organisation_id", "role")) == sorted(
        original.participations.values_list("organisation_id", "role")
    )


def test_duplicate_weekly_copies_no_registration_and_leaves_the_original(weekly_permanence):
    duplicate_weekly(weekly_permanence, 2)
    weekly_permanence.refresh_from_db()
    assert weekly_permanence.status == Event.Status.PUBLISHED
    assert weekly_permanence.start == _paris(2025, 3, 27, 10, 0)
    assert Registration.objects.count() == 1
    assert Registration.objects.get().event == weekly_permanence


@pytest.mark.parametrize("weeks", ["0", "53", "trois"])
def test_duplicate_weekly_refuses_a_bad_number_of_weeks(staff_client, weekly_permanence, weeks):
    response = _post_action(staff_client, weekly_permanence, apply="1", weeks=weeks)
    assert response.status_code == 200
    assert response.context["form"].errors["weeks"]
    assert Event.objects.count() == 1


@pytest.mark.parametrize("weeks", [0, 53])
def test_duplicate_weekly_service_refuses_out_of_range_weeks(weekly_permanence, weeks):
    with pytest.raises(ValueError):
        duplicate_weekly(weekly_permanence, weeks)


# Registrations


def test_cancel_action_frees_the_place_for_the_first_waitlisted(staff_client):
    event = f.EventFactory(published=True, capacity=1)
    confirmed = f.RegistrationFactory(event=event)
    waiting = f.RegistrationFactory(event=event, waitlisted=True)
    response = staff_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "cancel_registrations", "_selected_action": [confirmed.pk]},
    )
    assert response.status_code == 302
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED
    assert confirmed.cancelled_at is not None
    assert waiting.status == Registration.Status.CONFIRMED


def test_registration_status_is_not_edited_by_hand(staff_client):
    registration = f.RegistrationFactory()
    response = staff_client.get(reverse("admin:events_registration_change", args=[registration.pk]))
    assert 'name="status"' not in response.text


def _registration_form(event, status):
    return {
        "event": event.pk,
        "first_name": "Jonas",
        "last_name": "Keller",
        "email": "jonas.keller@example.de",
        "phone": "",
        "language": "de",
        "consent_at_0": "02/06/2025",
        "consent_at_1": "09:30",
        "status": status,
    }


def test_staff_register_a_person_by_phone(staff_client):
    event = f.EventFactory(published=True, capacity=5)
    response = staff_client.post(
        reverse("admin:events_registration_add"), _registration_form(event, "confirmed")
    )
    assert response.status_code == 302
    registration = event.registrations.get()
    assert (registration.email, registration.status) == ("jonas.keller@example.de", "confirmed")


def test_staff_cannot_confirm_a_place_in_a_full_event(staff_client):
    event = f.EventFactory(full=True)
    response = staff_client.post(
        reverse("admin:events_registration_add"), _registration_form(event, "confirmed")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"]
    response = staff_client.post(
        reverse("admin:events_registration_add"), _registration_form(event, "waitlisted")
    )
    assert response.status_code == 302
    assert event.registrations.filter(status="waitlisted").count() == 1


def test_staff_see_an_error_for_an_email_already_registered(staff_client):
    event = f.EventFactory(published=True)
    f.RegistrationFactory(event=event, email="Jonas.Keller@example.de")
    response = staff_client.post(
        reverse("admin:events_registration_add"), _registration_form(event, "confirmed")
    )
    assert response.status_code == 200
    assert "Cette adresse e-mail est déjà inscrite à cet événement." in str(
        response.context["adminform"].form.errors
    )


def test_new_registration_cannot_be_created_cancelled(staff_client):
    response = staff_client.get(reverse("admin:events_registration_add"))
    choices = [
        value for value, _label in response.context["adminform"].form["status"].field.choices
    ]
    assert "cancelled" not in choices
    assert "confirmed" in choices


# Indicator values


def test_indicator_metric_is_chosen_from_the_registry(staff_client):
    response = staff_client.get(reverse("admin:indicators_indicator_add"))
    choices = dict(response.context["adminform"].form.fields["metric"].choices)
    assert "" in choices
    assert "events_held" in choices


def test_indicator_with_an_unknown_metric_is_refused(staff_client):
    programme = f.ProgrammeFactory()
    response = staff_client.post(
        reverse("admin:indicators_indicator_add"),
        {
            "programme": programme.pk,
            "code": "9.z",
            "name_fr": "Indicateur inconnu",
            "unit_fr": "personnes",
            "kind": "computed",
            "metric": "no_such_metric",
            "position": 0,
            **_inline_management("values", 0, 0),
        },
    )
    assert response.status_code == 200
    assert "metric" in response.context["adminform"].form.errors


def test_frozen_indicator_value_is_read_only(staff_client):
    value = f.IndicatorValueFactory(frozen=True, value=Decimal("7"))
    url = reverse("admin:indicators_indicatorvalue_change", args=[value.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert 'name="value"' not in page.text
    response = staff_client.post(
        url,
        {
            "indicator": value.indicator_id,
            "year": 2025,
            "quarter": 1,
            "value": "99",
        },
    )
    assert response.status_code == 403
    value.refresh_from_db()
    assert value.value == Decimal("7")


def test_frozen_indicator_value_cannot_be_deleted(staff_client):
    value = f.IndicatorValueFactory(frozen=True)
    response = staff_client.get(reverse("admin:indicators_indicatorvalue_delete", args=[value.pk]))
    assert response.status_code == 403


def test_value_entered_in_the_admin_is_manual_and_signed(staff_client, superuser):
    indicator = f.IndicatorFactory()
    response = staff_client.post(
        reverse("admin:indicators_indicatorvalue_add"),
        {
            "indicator": indicator.pk,
            "year": 2025,
            "quarter": 3,
            "value": "41",
            "source_note": "Jobconnexion",
            "comment": "",
        },
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=indicator)
    assert (value.value, value.source, value.entered_by) == (Decimal("41"), "manual", superuser)
    assert value.computed_at is not None


def test_frozen_value_in_the_indicator_inline_is_neither_changed_nor_deleted(staff_client):
    indicator = f.IndicatorFactory(code="2.b")
    frozen = f.IndicatorValueFactory(indicator=indicator, quarter=1, frozen=True, value=5)
    prefix = "values"
    data = {
        "programme": indicator.programme_id,
        "code": "2.b",
        "name_fr": indicator.name_fr,
        "name_de": indicator.name_de,
        "unit_fr": indicator.unit_fr,
        "unit_de": indicator.unit_de,
        "baseline": "100",
        "target": "200",
        "kind": "manual",
        "metric": "",
        "progress_measure": "added",
        "denominator_metric": "",
        "position": 0,
        **_inline_management(prefix, 2, 1),
        f"{prefix}-0-id": frozen.pk,
        f"{prefix}-0-indicator": indicator.pk,
        f"{prefix}-0-year": 2025,
        f"{prefix}-0-quarter": 1,
        f"{prefix}-0-value": "500",
        f"{prefix}-0-DELETE": "on",
        f"{prefix}-1-indicator": indicator.pk,
        f"{prefix}-1-year": 2025,
        f"{prefix}-1-quarter": 2,
        f"{prefix}-1-value": "6",
        f"{prefix}-1-source_note": "Jobconnexion",
    }
    response = staff_client.post(
        reverse("admin:indicators_indicator_change", args=[indicator.pk]), data
    )
    assert response.status_code == 302, response.context["errors"]
    frozen.refresh_from_db()
    assert frozen.value == Decimal("5")
    added = IndicatorValue.objects.get(indicator=indicator, quarter=2)
    assert (added.value, added.source) == (Decimal("6"), "manual")


def test_admin_language_tabs_load_jquery_ui_from_our_own_static_files(staff_client):
    response = staff_client.get("/admin/events/event/add/")
    assert b"/static/vendor/jquery-ui-1.13.3/jquery-ui.min.js" in response.content
    assert b"googleapis" not in response.content
