"""The FSE+ common indicators on the hand-built world of conftest.py: every figure
below is counted by hand from the people described there."""

import datetime

import pytest
from django.urls import reverse

from indicators.metrics import Period, get_metric
from indicators.quarters import Quarter
from tests.accounts import partner_referent, staff_member

Q1_2024 = Period.of_quarter(Quarter(2024, 1))
Q2_2024 = Period.of_quarter(Quarter(2024, 2))
Q3_2024 = Period.of_quarter(Quarter(2024, 3))

# Entries in Q1 2024: anna in A and in B (2 participants), ben in A (once, whatever
# his re-entry), chris in A; dora's one-day morning and same-day stay count nothing.
ENTRY_Q1 = {
    "fse_participants": (4, 2, 1, 1),  # total, women, men, non-binary
    "fse_unemployed": (3, 2, 1, 0),  # anna ×2 (registered), ben (long-term)
    "fse_long_term_unemployed": (1, 0, 1, 0),  # ben
    "fse_inactive": (1, 0, 0, 1),  # chris, a student
    "fse_employed": (0, 0, 0, 0),  # dora is no participant
    "fse_below_18": (1, 0, 0, 1),  # chris, 16 in 2024
    "fse_aged_18_to_29": (2, 2, 0, 0),  # anna ×2, 24
    "fse_aged_55_and_above": (1, 0, 1, 0),  # ben, 59
    "fse_isced_0_2": (2, 2, 0, 0),  # anna ×2, no diploma
    "fse_isced_3_4": (2, 0, 1, 1),  # ben (baccalauréat), chris (CAP)
    "fse_isced_5_8": (0, 0, 0, 0),  # dora is no participant
    "fse_with_disability": (2, 2, 0, 0),  # anna ×2, with her consent
    "fse_third_country_nationals": (0, 0, 0, 0),
}
# Leavers in Q1 2024 with their situation recorded within four weeks: anna from B
# (job searching, 10 days on), ben (employed, 11 days on); chris's situation came
# 5 weeks on, dora was never a participant.
EXIT_Q1 = {
    "fse_job_searching_upon_leaving": (1, 1, 0, 0),
    "fse_in_education_upon_leaving": (0, 0, 0, 0),
    "fse_qualification_upon_leaving": (0, 0, 0, 0),
    "fse_employed_upon_leaving": (1, 0, 1, 0),
}
# Ben's six-month point (25 September 2024) is in Q3, followed up 6 days later.
SIX_MONTHS_Q3 = {
    "fse_employed_six_months_after": (1, 0, 1, 0),
    "fse_improved_situation_six_months_after": (1, 0, 1, 0),
}


def figures(name, period, programme):
    return tuple(
        get_metric(f"{name}{suffix}")(period, programme).value
        for suffix in ("", "_women", "_men", "_non_binary")
    )


@pytest.mark.parametrize(("name", "expected"), [*ENTRY_Q1.items(), *EXIT_Q1.items()])
def test_first_quarter_figures(fse_world, name, expected):
    assert figures(name, Q1_2024, fse_world.programme) == expected


@pytest.mark.parametrize(("name", "expected"), SIX_MONTHS_Q3.items())
def test_six_month_results_fall_in_the_quarter_of_the_six_month_point(fse_world, name, expected):
    assert figures(name, Q3_2024, fse_world.programme) == expected
    assert figures(name, Q1_2024, fse_world.programme) == (0, 0, 0, 0)


def test_a_re_entry_keeps_the_first_entry(fse_world):
    ben_a = fse_world.ben_a
    assert ben_a.entry_date == datetime.date(2024, 1, 10)
    assert ben_a.reentered_on == datetime.date(2024, 3, 10)
    assert fse_world.ben.fse_participations.count() == 1
    # Nobody entered in Q2: the re-entry of March is no new participant either.
    assert get_metric("fse_participants")(Q2_2024, fse_world.programme).value == 0


def test_a_one_day_action_makes_no_participant(fse_world):
    records = get_metric("fse_participants")(Q1_2024, fse_world.programme).records()
    assert fse_world.dora_morning not in records
    assert fse_world.dora_a not in records
    assert set(records) == {fse_world.anna_a, fse_world.anna_b, fse_world.ben_a, fse_world.chris_a}


def test_an_exit_recorded_five_weeks_on_is_not_upon_leaving(fse_world):
    records = get_metric("fse_in_education_upon_leaving")(Q1_2024, fse_world.programme).records()
    assert fse_world.chris_a.exit_in_education_or_training
    assert list(records) == []


def test_every_metric_has_the_eu_definition_beside_it():
    from fse.metrics import COMMON_INDICATORS

    for common in COMMON_INDICATORS:
        assert get_metric(common.name).description.startswith(common.code)


def drill_down(client, fse_world, code):
    indicator = fse_world.programme.indicators.get(code=code)
    return client.get(reverse("indicators_staff:indicator_records", args=[indicator.pk, "2024-Q1"]))


def test_staff_drill_down_into_the_participants_behind_a_figure(client, fse_world):
    client.force_login(staff_member())

    response = drill_down(client, fse_world, "EECO11-F")

    assert response.status_code == 200
    content = response.content.decode()
    assert fse_world.anna.reference in content
    assert fse_world.ben.reference not in content and fse_world.dora.reference not in content
    assert response.context["value"] == 2


def test_partner_referents_cannot_drill_down_into_participants(client, fse_world):
    client.force_login(partner_referent())
    assert drill_down(client, fse_world, "EECO11").status_code == 403
