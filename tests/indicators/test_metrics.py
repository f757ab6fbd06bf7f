"""Every computed metric on the hand-built world of conftest.py.

Expected figures are counted by hand from the story told there, person by person.
"""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from indicators import metrics
from indicators.metrics import Period
from indicators.quarters import Quarter

from .conftest import paris, people

Q3 = Period.of_quarter(Quarter(2025, 3))
Q2 = Period.of_quarter(Quarter(2025, 2))
SINCE_JANUARY = Period(paris(2025, 1, 1, 0), Q3.end)


def value(name, period=Q3):
    return metrics.get_metric(name)(period).value


def record_ids(name, period=Q3):
    return set(metrics.get_metric(name)(period).records().values_list("pk", flat=True))


# Periods


def test_quarter_period_reads_dates_in_paris():
    assert Q3.start == paris(2025, 7, 1, 0)
    assert Q3.end == paris(2025, 10, 1, 0)
    assert (Q3.first_day, Q3.last_day) == (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))


def test_period_of_days_includes_the_last_day():
    period = Period.of_days(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert period.last_day == datetime.date(2025, 3, 31)
    assert period.end == paris(2025, 4, 1, 0)


def test_period_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        Period(datetime.datetime(2025, 1, 1), datetime.datetime(2025, 2, 1))


def test_clip_keeps_the_common_part():
    clipped = Q3.clip(paris(2025, 8, 1, 0), None)
    assert clipped.first_day == datetime.date(2025, 8, 1)
    assert Q3.clip(paris(2026, 1, 1, 0), None) is None


# Registry


def test_every_metric_is_documented_and_labelled():
    for name, metric in metrics.REGISTRY.items():
        assert metric.description, name
        assert str(metric.label), name


def test_registering_a_name_twice_is_refused():
    with pytest.raises(ImproperlyConfigured):
        metrics.metric("events_held", label="x", counts=metrics.EVENTS)(lambda period: None)


def test_unknown_metric_raises():
    with pytest.raises(metrics.UnknownMetric):
        metrics.get_metric("no_such_metric")


# Events


def test_events_held_exclude_cancelled_draft_and_other_quarters(world):
    # e1, e2, e3 (ends 23:30 on 30 September) and e8; not e4 (cancelled), e5 (draft),
    # e6 (Q2), e7 (ends on 1 October), e9 (Q2).
    assert record_ids("events_held") == {world.e1.pk, world.e2.pk, world.e3.pk, world.e8.pk}
    assert value("events_held") == 4


def test_event_ending_after_midnight_counts_in_the_next_quarter(world):
    q4 = Period.of_quarter(Quarter(2025, 4))
    assert record_ids("events_held", q4) == {world.e7.pk}


def test_events_held_by_format(world):
    assert value("events_held_working_circle") == 1  # e3; e4 was cancelled
    assert value("events_held_bilingual_workshop") == 1
    assert value("events_held_recruitment_meeting") == 1
    assert value("events_held_pitch_evening") == 0  # e7 ends in Q4
    assert value("events_held_working_circle", SINCE_JANUARY) == 2  # e3 and e9


def test_events_held_outside_centre(world):
    assert record_ids("events_held_outside_centre") == {world.e2.pk, world.e8.pk}


def test_participations_count_every_presence_but_no_shows(world):
    # e1: rsa_a, rsa_b, seeker, p1, walk-in (p2 absent) = 5
    # e2: rsa_a, resident, seeker, p1 (rsa_b, rsa_d absent) = 4
    # e3: p1 = 1; e8: rsa_c, rsa_a (seeker absent) = 2
    assert value("participations") == 12


def test_unique_participants_count_each_person_once(world):
    # rsa_a (3 events), rsa_b, seeker (2), p1 (3 emails differing in case), the
    # walk-in, the resident, rsa_c.
    assert value("unique_participants") == 7


# Cross-border cooperation (Interreg)


def test_cross_border_events_need_organisers_from_two_countries(world):
    # e1 and e3 have a German co-organiser; e8's German company only takes part.
    assert record_ids("cross_border_events") == {world.e1.pk, world.e3.pk}


def test_cross_border_participations(world):
    assert value("cross_border_participations") == 6  # 5 at e1, p1 at e3


def test_cross_border_unique_participants(world):
    assert value("cross_border_unique_participants") == 5  # p1 counted once


def test_cross_border_organisations_are_the_organisers(world):
    assert record_ids("cross_border_organisations") == {
        world.lead.pk,
        world.german_partner.pk,
        world.german_chamber.pk,
    }


# Convention 2020


def test_companies_in_working_circles(world):
    # e3: companies A and B (the association is not a company; e4 was cancelled).
    assert record_ids("companies_in_working_circles") == {world.company_a.pk, world.company_b.pk}
    # Since January: company C took part in e9 in June.
    assert value("companies_in_working_circles", SINCE_JANUARY) == 3


def test_rsa_recipients_in_gptec_programmes(world):
    # rsa_c: GPTEC pathway starting on the last day and at the job dating; rsa_a: at
    # the job dating. The job seeker did not come and is not an RSA recipient.
    assert record_ids("rsa_recipients_in_gptec_programmes") == people(world.rsa_a, world.rsa_c)


def test_inclusive_actions_by_companies(world):
    # e1 (a company takes part) and e8 (a German company); e3 is a working circle.
    assert record_ids("inclusive_actions_by_companies") == {world.e1.pk, world.e8.pk}


def test_rsa_recipients_leaving_rsa(world):
    assert record_ids("rsa_recipients_leaving_rsa") == people(world.rsa_c)
    assert record_ids("rsa_recipients_leaving_rsa", Q2) == people(world.rsa_b)
    assert value("rsa_recipients_leaving_rsa", SINCE_JANUARY) == 2


def test_residents_and_rsa_recipients_outside_centre(world):
    # e2: rsa_a (both), resident; e8: rsa_c, rsa_a. Not the job seeker, not p1, not
    # rsa_b (absent), not rsa_d (cancelled, draft and Q4 events only).
    expected = people(world.rsa_a, world.resident, world.rsa_c)
    assert record_ids("residents_and_rsa_recipients_outside_centre") == expected


def test_people_active_in_two_quarters_count_once_in_the_cumulative(world):
    name = "residents_and_rsa_recipients_outside_centre"
    assert value(name, Q2) == 2  # rsa_c and the resident at e6
    assert value(name, Q3) == 3
    assert value(name, SINCE_JANUARY) == 3  # not 2 + 3


def test_rsa_recipients_developing_a_business(world):
    # rsa_a created a business and came to e1 at the centre; rsa_d never did.
    assert record_ids("rsa_recipients_developing_a_business") == people(world.rsa_a)


def test_rsa_recipients_employed_in_germany(world):
    # rsa_b: two German jobs, one on the last evening, and counted although they left
    # RSA in Q2. Not the job seeker (not RSA), not rsa_c (France), not rsa_d (Q4).
    assert record_ids("rsa_recipients_employed_in_germany") == people(world.rsa_b)
    assert value("rsa_recipients_employed_in_germany") == 1


def test_rsa_recipients_in_tailored_pathways(world):
    # rsa_a: June–August. rsa_b ended in May, rsa_d starts in October, the job
    # seeker is not an RSA recipient.
    assert record_ids("rsa_recipients_in_tailored_pathways") == people(world.rsa_a)
    assert value("rsa_recipients_in_tailored_pathways", SINCE_JANUARY) == 2


def test_rsa_recipients_in_bilingual_training(world):
    assert record_ids("rsa_recipients_in_bilingual_training") == people(world.rsa_a)


def test_referrals_to_placement_service(world):
    assert record_ids("referrals_to_placement_service") == people(world.seeker)
    assert value("referrals_to_placement_service", SINCE_JANUARY) == 2


def test_a_metric_value_is_one_query(world, django_assert_num_queries):
    for name in metrics.REGISTRY:
        result = metrics.get_metric(name)(Q3)
        with django_assert_num_queries(1):
            assert result.value >= 0
