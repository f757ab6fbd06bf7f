"""Data rules the database enforces by itself, whatever wrote the rows.

Each test writes bad data straight through the ORM (no form, no model validation)
and expects the database to refuse it; a good case beside it shows the rule lets
ordinary data through.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from beneficiaries.models import Beneficiary, Outcome
from events.models import Event, Registration
from indicators.models import Indicator
from partners.models import Country, Organisation

from .factories import (
    AttendanceFactory,
    AxisFactory,
    BeneficiaryFactory,
    EventFactory,
    EventOrganisationFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OrganisationFactory,
    OutcomeFactory,
    PathwayFactory,
    ProgrammeFactory,
    QualitativeNoteFactory,
    QuarterlyReportFactory,
    RegistrationFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 2)
NOON = timezone.make_aware(datetime.datetime(2025, 6, 2, 12, 0))


class _Refused:
    """Expect an IntegrityError, inside a savepoint so that the test's transaction
    stays usable after the refusal."""

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.atomic.__exit__(exc_type, exc, tb)
        if exc_type is None:
            pytest.fail("the database accepted data it should refuse")
        return issubclass(exc_type, IntegrityError)


def database_refuses():
    return _Refused()


# partners


def test_organisation_name_is_unique():
    OrganisationFactory(name="Atelier Rhénan d'Insertion")
    with database_refuses():
        Organisation.objects.create(
            name="Atelier Rhénan d'Insertion",
            country=Country.FRANCE,
            kind="association",
            role="partner",
        )


def test_organisation_cannot_stop_before_it_starts():
    with database_refuses():
        OrganisationFactory(active_since=TODAY, active_until=TODAY - datetime.timedelta(days=1))


def test_organisation_active_period_may_be_one_day_or_open():
    OrganisationFactory(active_since=TODAY, active_until=TODAY)
    OrganisationFactory(active_since=TODAY, active_until=None)
    OrganisationFactory(active_since=None, active_until=TODAY)


# events


def test_event_cannot_end_before_it_starts():
    with database_refuses():
        EventFactory(start=NOON, end=NOON - datetime.timedelta(hours=1))


def test_event_cannot_end_when_it_starts():
    with database_refuses():
        EventFactory(start=NOON, end=NOON)


def test_event_ending_after_it_starts_is_accepted():
    EventFactory(start=NOON, end=NOON + datetime.timedelta(minutes=30))


def test_event_capacity_cannot_be_negative():
    event = EventFactory()
    with database_refuses():
        Event.objects.filter(pk=event.pk).update(capacity=-1)


def test_event_capacity_may_be_zero_or_unlimited():
    EventFactory(capacity=0)
    EventFactory(capacity=None)


def test_event_registration_cannot_close_before_it_opens():
    with database_refuses():
        EventFactory(registration_opens=NOON, registration_closes=NOON - datetime.timedelta(days=1))


def test_event_registration_window_may_be_open_ended():
    EventFactory(registration_opens=NOON, registration_closes=NOON + datetime.timedelta(days=3))
    EventFactory(registration_opens=None, registration_closes=NOON)
    EventFactory(registration_opens=NOON, registration_closes=None)


def test_organisation_takes_part_in_an_event_once():
    participation = EventOrganisationFactory()
    with database_refuses():
        EventOrganisationFactory(
            event=participation.event, organisation=participation.organisation, role="participant"
        )


def test_organisation_may_take_part_in_several_events():
    participation = EventOrganisationFactory()
    EventOrganisationFactory(organisation=participation.organisation)


def test_same_email_cannot_register_twice_for_an_event():
    first = RegistrationFactory(email="lea@example.org")
    with database_refuses():
        RegistrationFactory(event=first.event, email="lea@example.org")


def test_same_email_in_another_case_cannot_register_twice_for_an_event():
    first = RegistrationFactory(email="lea@example.org")
    with database_refuses():
        RegistrationFactory(event=first.event, email="Lea@Example.ORG", waitlisted=True)


def test_same_email_may_register_again_after_cancelling():
    first = RegistrationFactory(email="lea@example.org", cancelled=True)
    again = RegistrationFactory(event=first.event, email="lea@example.org")
    assert again.pk != first.pk


def test_same_email_may_register_for_another_event():
    RegistrationFactory(email="lea@example.org")
    RegistrationFactory(email="lea@example.org")


def test_cancelled_registration_needs_its_cancellation_time():
    with database_refuses():
        RegistrationFactory(status=Registration.Status.CANCELLED, cancelled_at=None)


def test_active_registration_cannot_have_a_cancellation_time():
    with database_refuses():
        RegistrationFactory(status=Registration.Status.CONFIRMED, cancelled_at=NOON)


def test_cancelled_registration_with_its_time_is_accepted():
    registration = RegistrationFactory(cancelled=True)
    assert registration.cancelled_at is not None


def test_followed_person_is_on_an_attendance_list_once():
    attendance = AttendanceFactory(followed=True)
    with database_refuses():
        AttendanceFactory(walk_in=True, event=attendance.event, beneficiary=attendance.beneficiary)


def test_several_anonymous_walk_ins_may_attend_an_event():
    first = AttendanceFactory(walk_in=True)
    AttendanceFactory(walk_in=True, event=first.event)
    AttendanceFactory(walk_in=True, event=first.event, walk_in_name="")


# beneficiaries


def test_beneficiary_cannot_exit_before_entry():
    with database_refuses():
        BeneficiaryFactory(entry_date=TODAY, exit_date=TODAY - datetime.timedelta(days=1))


def test_beneficiary_may_exit_on_the_day_of_entry():
    BeneficiaryFactory(entry_date=TODAY, exit_date=TODAY)


def test_beneficiary_reference_is_unique():
    BeneficiaryFactory(reference="LR-2025-001")
    with database_refuses():
        Beneficiary.objects.create(
            reference="LR-2025-001",
            first_name="Ana",
            last_name="Weber",
            student=True,
            entry_date=TODAY,
        )


@pytest.mark.parametrize("birth_year", [1899, 2101])
def test_beneficiary_birth_year_must_be_plausible(birth_year):
    with database_refuses():
        BeneficiaryFactory(birth_year=birth_year)


@pytest.mark.parametrize("birth_year", [1900, 2100, None])
def test_beneficiary_birth_year_within_bounds_or_unknown_is_accepted(birth_year):
    BeneficiaryFactory(birth_year=birth_year)


def test_pathway_cannot_end_before_it_starts():
    with database_refuses():
        PathwayFactory(start_date=TODAY, end_date=TODAY - datetime.timedelta(days=1))


def test_pathway_may_end_on_the_day_it_starts():
    PathwayFactory(start_date=TODAY, end_date=TODAY)


def test_job_outcome_needs_a_contract_type():
    with database_refuses():
        OutcomeFactory(kind=Outcome.Kind.JOB, country=Country.GERMANY, contract="")


def test_job_outcome_needs_a_country():
    with database_refuses():
        OutcomeFactory(kind=Outcome.Kind.JOB, country="", contract=Outcome.Contract.MINIJOB)


def test_only_a_job_outcome_has_a_contract_type():
    with database_refuses():
        OutcomeFactory(kind=Outcome.Kind.TRAINING, contract=Outcome.Contract.APPRENTICESHIP)


def test_job_outcome_with_contract_and_country_is_accepted():
    outcome = OutcomeFactory(job_in_germany=True)
    assert (outcome.kind, outcome.country, outcome.contract) == ("job", "DE", "cdi")


# indicators


def test_programme_cannot_end_before_it_starts():
    with database_refuses():
        ProgrammeFactory(start_date=TODAY, end_date=TODAY - datetime.timedelta(days=1))


def test_programme_cannot_end_on_the_day_it_starts():
    with database_refuses():
        ProgrammeFactory(start_date=TODAY, end_date=TODAY)


def test_programme_may_be_open_ended():
    ProgrammeFactory(start_date=TODAY, end_date=None)


def test_axis_number_is_unique_in_its_programme():
    axis = AxisFactory(number=1)
    with database_refuses():
        AxisFactory(programme=axis.programme, number=1)


def test_axis_number_may_repeat_in_another_programme():
    AxisFactory(number=1)
    AxisFactory(number=1)


def test_strategy_code_is_unique_in_its_axis():
    strategy = StrategyFactory(code="4.1")
    with database_refuses():
        StrategyFactory(axis=strategy.axis, code="4.1")


def test_strategy_code_may_repeat_in_another_axis():
    StrategyFactory(code="4.1")
    StrategyFactory(code="4.1")


def test_indicator_code_is_unique_in_its_programme():
    indicator = IndicatorFactory(code="1.a")
    with database_refuses():
        IndicatorFactory(programme=indicator.programme, code="1.a")


def test_indicator_code_may_repeat_in_another_programme():
    IndicatorFactory(code="1.a")
    IndicatorFactory(code="1.a")


def test_computed_indicator_needs_a_metric():
    with database_refuses():
        IndicatorFactory(kind=Indicator.Kind.COMPUTED, metric="")


def test_manual_indicator_has_no_metric():
    with database_refuses():
        IndicatorFactory(kind=Indicator.Kind.MANUAL, metric="cross_border_organisations")


def test_computed_indicator_with_a_metric_and_manual_without_are_accepted():
    IndicatorFactory(computed=True)
    IndicatorFactory(kind=Indicator.Kind.MANUAL, metric="")


def test_indicator_baseline_cannot_be_negative():
    with database_refuses():
        IndicatorFactory(baseline=Decimal("-1"))


def test_indicator_target_cannot_be_negative():
    with database_refuses():
        IndicatorFactory(target=Decimal("-0.01"))


def test_indicator_without_baseline_or_target_is_accepted():
    IndicatorFactory(baseline=None, target=None)
    IndicatorFactory(baseline=Decimal("0"), target=Decimal("0"))


def test_indicator_has_one_value_per_quarter():
    value = IndicatorValueFactory(year=2025, quarter=2)
    with database_refuses():
        IndicatorValueFactory(indicator=value.indicator, year=2025, quarter=2)


def test_indicator_has_a_value_for_each_quarter_and_year():
    value = IndicatorValueFactory(year=2025, quarter=2)
    IndicatorValueFactory(indicator=value.indicator, year=2025, quarter=3)
    IndicatorValueFactory(indicator=value.indicator, year=2024, quarter=2)


@pytest.mark.parametrize("quarter", [0, 5])
def test_indicator_value_quarter_is_between_1_and_4(quarter):
    with database_refuses():
        IndicatorValueFactory(quarter=quarter)


def test_qualitative_note_is_one_per_strategy_and_quarter():
    strategy = StrategyFactory()
    programme = strategy.axis.programme
    QualitativeNoteFactory(programme=programme, strategy=strategy, year=2025, quarter=1)
    with database_refuses():
        QualitativeNoteFactory(programme=programme, strategy=strategy, year=2025, quarter=1)


def test_whole_programme_note_is_one_per_quarter():
    note = QualitativeNoteFactory(strategy=None, year=2025, quarter=1)
    with database_refuses():
        QualitativeNoteFactory(programme=note.programme, strategy=None, year=2025, quarter=1)


@pytest.mark.parametrize("quarter", [0, 5])
def test_qualitative_note_quarter_is_between_1_and_4(quarter):
    with database_refuses():
        QualitativeNoteFactory(quarter=quarter)


def test_report_version_is_unique_for_its_quarter_and_language():
    report = QuarterlyReportFactory(year=2025, quarter=1, language="fr", version=1)
    with database_refuses():
        QuarterlyReportFactory(
            programme=report.programme, year=2025, quarter=1, language="fr", version=1
        )


def test_report_may_have_new_versions_and_both_languages():
    report = QuarterlyReportFactory(year=2025, quarter=1, language="fr", version=1)
    QuarterlyReportFactory(
        programme=report.programme, year=2025, quarter=1, language="fr", version=2
    )
    QuarterlyReportFactory(
        programme=report.programme, year=2025, quarter=1, language="de", version=1
    )


@pytest.mark.parametrize("quarter", [0, 5])
def test_report_quarter_is_between_1_and_4(quarter):
    with database_refuses():
        QuarterlyReportFactory(quarter=quarter)
