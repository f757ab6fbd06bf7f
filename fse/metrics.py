"""The FSE+ common indicators (Regulation (EU) 2021/1057, Annex I), computed from
the participants' records, in the registry of `indicators.metrics`.

Each metric counts participations (`fse.lifecycle.participants`) of the programme's
operations: as the EU counts them, a person who enters two operations is two
participants, and a re-entry in the same operation is none. Output indicators
(EECO) count the participants who entered in the period, with their situation at
entry; results upon leaving (EECR 01-04) the participants who left in the period
with their situation recorded within four weeks of leaving; longer-term results
(EECR 05-06) the participants whose six-month point falls in the period, followed up
within four weeks of it. Every indicator is also registered by sex: women (F), men
(M) and non-binary people (X), as `<name>_women`, `<name>_men`, `<name>_non_binary`.

Age is the age reached in the year of entry (only the birth year is kept). The ISCED
group is read from the French diploma level (`Beneficiary.ISCED_OF_EDUCATION`).
"""

from dataclasses import dataclass

from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import Beneficiary
from indicators.metrics import PEOPLE, metric

from . import lifecycle

ENTERED, LEFT, SIX_MONTHS = "entered", "left", "six_months"
UNEMPLOYED = (
    Q(beneficiary__registered_job_seeker=True) | Q(beneficiary__long_term_unemployed=True)
) & Q(beneficiary__employed=False)
AGE = ExtractYear("entry_date") - F("beneficiary__birth_year")
ISCED = {
    group: [level for level, g in Beneficiary.ISCED_OF_EDUCATION.items() if g == group]
    for group in Beneficiary.Isced
}


@dataclass(frozen=True)
class Common:
    """One FSE+ common indicator: its code, metric name, label, when a participant
    counts (entered, left, six months after), the condition, and the EU's definition."""

    code: str
    name: str
    label: str
    when: str
    condition: Q
    definition: str


COMMON_INDICATORS = [
    Common(
        "EECO01",
        "fse_unemployed",
        _("Unemployed participants, including long-term unemployed"),
        ENTERED,
        UNEMPLOYED,
        "EECO01 – Unemployed, including long-term unemployed: persons usually without "
        "work, available for work and actively seeking work; persons registered as job "
        "seekers count even if they do not meet all three criteria. Here: registered job "
        "seekers and long-term unemployed people at entry who were not employed.",
    ),
    Common(
        "EECO02",
        "fse_long_term_unemployed",
        _("Long-term unemployed participants"),
        ENTERED,
        Q(beneficiary__long_term_unemployed=True),
        "EECO02 – Long-term unemployed: unemployed continuously for more than 12 months "
        "(the national definition in France). Here: long-term unemployed at entry.",
    ),
    Common(
        "EECO03",
        "fse_inactive",
        _("Inactive participants"),
        ENTERED,
        (Q(beneficiary__inactive=True) | Q(beneficiary__student=True))
        & Q(
            beneficiary__employed=False,
            beneficiary__registered_job_seeker=False,
            beneficiary__long_term_unemployed=False,
        ),
        "EECO03 – Inactive: persons not in the labour force, neither employed nor "
        "unemployed; students in full-time education are inactive. Here: inactive or "
        "students at entry, neither employed nor registered or long-term unemployed.",
    ),
    Common(
        "EECO04",
        "fse_employed",
        _("Employed participants, including self-employed"),
        ENTERED,
        Q(beneficiary__employed=True),
        "EECO04 – Employed, including self-employed: persons aged 15 and over who "
        "performed work for pay, profit or family gain, or had a job they were "
        "temporarily absent from. Here: employed or self-employed at entry.",
    ),
    Common(
        "EECO05",
        "fse_below_18",
        _("Participants below 18 years of age"),
        ENTERED,
        Q(age__lt=18),
        "EECO05 – Number of children below 18 years of age, at entry. Here: age reached "
        "in the year of entry, from the birth year.",
    ),
    Common(
        "EECO06",
        "fse_aged_18_to_29",
        _("Participants between 18 and 29 years of age"),
        ENTERED,
        Q(age__gte=18, age__lte=29),
        "EECO06 – Young people between 18 and 29 years of age, at entry.",
    ),
    Common(
        "EECO07",
        "fse_aged_55_and_above",
        _("Participants 55 years of age and above"),
        ENTERED,
        Q(age__gte=55),
        "EECO07 – Number of participants 55 years of age and above, at entry.",
    ),
    Common(
        "EECO08",
        "fse_isced_0_2",
        _("Participants with ISCED 0 to 2"),
        ENTERED,
        Q(beneficiary__education__in=ISCED[Beneficiary.Isced.PRIMARY_LOWER_SECONDARY]),
        "EECO08 – Participants with ISCED 0 to 2: at most lower secondary education at "
        "entry (in France, no diploma above the brevet).",
    ),
    Common(
        "EECO09",
        "fse_isced_3_4",
        _("Participants with ISCED 3 to 4"),
        ENTERED,
        Q(beneficiary__education__in=ISCED[Beneficiary.Isced.UPPER_SECONDARY]),
        "EECO09 – Participants with ISCED 3 to 4: upper secondary or post-secondary "
        "non-tertiary education at entry (CAP, BEP, baccalauréat).",
    ),
    Common(
        "EECO10",
        "fse_isced_5_8",
        _("Participants with ISCED 5 to 8"),
        ENTERED,
        Q(beneficiary__education__in=ISCED[Beneficiary.Isced.TERTIARY]),
        "EECO10 – Participants with ISCED 5 to 8: tertiary education at entry (Bac + 2 and above).",
    ),
    Common(
        "EECO11",
        "fse_participants",
        _("Total number of participants"),
        ENTERED,
        Q(),
        "EECO11 – Total number of participants: every person who entered an operation "
        "in the period (in the EU tables, the sum of EECO01, EECO03 and EECO04).",
    ),
    Common(
        "EECO12",
        "fse_with_disability",
        _("Participants with disabilities"),
        ENTERED,
        Q(beneficiary__disability=True),
        "EECO12 – Participants with disabilities, as recorded at entry with the "
        "person's explicit consent (special-category data).",
    ),
    Common(
        "EECO13",
        "fse_third_country_nationals",
        _("Third-country nationals"),
        ENTERED,
        Q(beneficiary__third_country_national=True),
        "EECO13 – Third-country nationals: persons who are not citizens of an EU member "
        "state, at entry.",
    ),
    Common(
        "EECO14",
        "fse_foreign_background",
        _("Participants with a foreign background"),
        ENTERED,
        Q(beneficiary__foreign_background=True),
        "EECO14 – Participants with a foreign background: persons born abroad, or with "
        "at least one parent born abroad, at entry.",
    ),
    Common(
        "EECO16",
        "fse_homeless",
        _("Homeless participants or affected by housing exclusion"),
        ENTERED,
        Q(beneficiary__homeless=True),
        "EECO16 – Homeless or affected by housing exclusion (ETHOS typology), at entry.",
    ),
    Common(
        "EECO17",
        "fse_rural_areas",
        _("Participants from rural areas"),
        ENTERED,
        Q(beneficiary__rural_area=True),
        "EECO17 – Participants from rural areas (thinly populated areas, DEGURBA), at entry.",
    ),
    Common(
        "EECR01",
        "fse_job_searching_upon_leaving",
        _("Participants engaged in job searching upon leaving"),
        LEFT,
        Q(exit_job_searching=True),
        "EECR01 – Participants engaged in job searching upon leaving: inactive at entry "
        "and now actively looking for work. Upon leaving means within four weeks of the "
        "day the participant left the operation.",
    ),
    Common(
        "EECR02",
        "fse_in_education_upon_leaving",
        _("Participants in education or training upon leaving"),
        LEFT,
        Q(exit_in_education_or_training=True),
        "EECR02 – Participants in education or training upon leaving (within four weeks "
        "of leaving).",
    ),
    Common(
        "EECR03",
        "fse_qualification_upon_leaving",
        _("Participants gaining a qualification upon leaving"),
        LEFT,
        Q(exit_qualification_gained=True),
        "EECR03 – Participants gaining a qualification upon leaving: a formal outcome "
        "of an assessment, recorded within four weeks of leaving.",
    ),
    Common(
        "EECR04",
        "fse_employed_upon_leaving",
        _("Participants in employment, including self-employment, upon leaving"),
        LEFT,
        Q(exit_employed=True),
        "EECR04 – Participants in employment, including self-employment, upon leaving "
        "(within four weeks of leaving).",
    ),
    Common(
        "EECR05",
        "fse_employed_six_months_after",
        _("Participants in employment, including self-employment, six months after leaving"),
        SIX_MONTHS,
        Q(follow_up_employed=True),
        "EECR05 – Participants in employment, including self-employment, six months "
        "after leaving: followed up from the six-month point and within four weeks of it.",
    ),
    Common(
        "EECR06",
        "fse_improved_situation_six_months_after",
        _("Participants with an improved labour market situation six months after leaving"),
        SIX_MONTHS,
        Q(follow_up_improved_situation=True),
        "EECR06 – Participants with an improved labour market situation six months "
        "after leaving: from unemployment or inactivity into work, or from precarious "
        "into stable employment, or to a job needing higher skills.",
    ),
]

SEXES = {
    "women": (Beneficiary.Sex.FEMALE, _("women")),
    "men": (Beneficiary.Sex.MALE, _("men")),
    "non_binary": (Beneficiary.Sex.OTHER, _("non-binary")),
}


def _counted(period, programme, common):
    """The participations `common` counts in the period (see the module docstring)."""
    participations = lifecycle.participants(programme).annotate(age=AGE)
    if common.when == ENTERED:
        participations = participations.filter(
            entry_date__gte=period.first_day, entry_date__lte=period.last_day
        )
    elif common.when == LEFT:
        participations = participations.filter(
            lifecycle.EXIT_RECORDED_UPON_LEAVING,
            exit_date__gte=period.first_day,
            exit_date__lte=period.last_day,
        )
    else:
        participations = participations.filter(
            lifecycle.FOLLOW_UP_RECORDED_AT_SIX_MONTHS,
            follow_up_from__gte=period.first_day,
            follow_up_from__lte=period.last_day,
        )
    return (
        participations.filter(common.condition)
        .select_related("beneficiary", "operation")
        .order_by("entry_date", "pk")
    )


def _register(common, sex=None):
    name, label, definition = common.name, common.label, common.definition
    if sex:
        value, sex_label = SEXES[sex]
        name = f"{common.name}_{sex}"
        label = format_lazy("{label} – {sex}", label=common.label, sex=sex_label)
        definition = f"{definition} Counted for {sex.replace('_', '-')} participants only."

    def build(period, programme=None):
        participations = _counted(period, programme, common)
        if sex:
            participations = participations.filter(beneficiary__sex=value)
        return participations

    metric(name, label=label, counts=PEOPLE, description=definition)(build)


for _common in COMMON_INDICATORS:
    _register(_common)
    for _sex in SEXES:
        _register(_common, _sex)
