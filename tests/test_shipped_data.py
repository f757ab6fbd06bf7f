"""The reference data the portal ships with, written by data migrations.

Expected values are written out here from the seeds, not read from the migrations.
"""

from decimal import Decimal

import pytest

from beneficiaries.models import PriorityNeighbourhood
from events.models import Audience, Venue
from indicators.models import Indicator, Programme
from partners.models import Organisation

pytestmark = pytest.mark.django_db

# Article 5 of the 2020 convention (seed 001): indicator code -> strategy code.
CONVENTION_INDICATORS = {
    "C1.1": "1.1",  # métiers en tension
    "C1.2": "1.1",  # entreprises des cercles de travail
    "C1.3": "1.1",  # BRSA intégrés dans les programmes
    "C1.4": "1.1",  # filière bois
    "C1.5": "1.2",  # embauches en lien avec les contrats départementaux
    "C1.6": "1.2",  # offres saisies sur Jobconnexion
    "C2.1": "2.1",  # entreprises formées aux actions inclusives
    "C2.2": "2.1",  # actions inclusives du Club
    "C2.3": "2.1",  # sorties du RSA par FOCALÉ et le Club
    "C3.1": "3.1",  # habitants du Port du Rhin et BRSA hors les murs
    "C3.2": "3.1",  # travailleurs indépendants BRSA au tiers-lieu
    "C4.1": "4.1",  # BRSA en emploi en Allemagne
    "C4.2": "4.1",  # BRSA en parcours sur mesure
    "C4.3": "4.1",  # BRSA se formant au bilinguisme
}

# The lead and partners of the Lieu ressource project (seed 000).
PROJECT_ORGANISATIONS = [
    "Maison de l'emploi de Strasbourg",
    "CCI Alsace Eurométropole",
    "IHK Südlicher Oberrhein",
    "SINGA Global",
    "SINGA Strasbourg",
    "Impact Hub",
    "Euro-Institut",
    "Mission Locale de Schiltigheim",
    "Agentur für Arbeit Offenburg",
    "Kaleidoscoop",
    "SINGA Stuttgart",
    "Initiative Strasbourg",
    "Mission Locale de Strasbourg",
    "La Chambre de métiers d'Alsace",
    "Club d'affaires franco-allemand du Rhin supérieur",
    "L'Atelier - Ecole de la deuxième chance",
    "Région Grand Est",
    "Black Forest Innovation GmbH",
    "Office franco-allemand pour la Jeunesse",
    "Eurométropole de Strasbourg",
    "Université de Strasbourg",
]


@pytest.fixture
def convention():
    return Programme.objects.get(code="convention-2020")


def test_convention_is_open_ended_and_funded_by_the_departement(convention):
    assert convention.name_fr and convention.name_de
    assert convention.funder == "Département du Bas-Rhin"
    assert str(convention.start_date) == "2020-01-01"
    assert convention.end_date is None  # renewed by express reconduction


def test_convention_has_four_axes_and_five_strategies_in_both_languages(convention):
    axes = list(convention.axes.order_by("number"))
    assert [axis.number for axis in axes] == [1, 2, 3, 4]
    assert all(axis.title_fr and axis.title_de for axis in axes)

    strategies = {
        strategy.code: strategy.axis.number for axis in axes for strategy in axis.strategies.all()
    }
    assert strategies == {"1.1": 1, "1.2": 1, "2.1": 2, "3.1": 3, "4.1": 4}
    for axis in axes:
        assert all(s.title_fr and s.title_de for s in axis.strategies.all())


def test_convention_has_exactly_the_fourteen_article_5_indicators(convention):
    indicators = convention.indicators.select_related("axis", "strategy__axis")
    assert {i.code for i in indicators} == set(CONVENTION_INDICATORS)
    assert indicators.count() == 14


def test_each_indicator_is_named_in_french_and_german_with_a_unit(convention):
    for indicator in convention.indicators.all():
        assert indicator.name_fr and indicator.name_de, indicator.code
        assert indicator.name_fr != indicator.name_de, indicator.code
        assert indicator.unit_fr and indicator.unit_de, indicator.code


def test_each_indicator_belongs_to_the_strategy_of_its_axis(convention):
    for indicator in convention.indicators.select_related("axis", "strategy__axis"):
        expected_strategy = CONVENTION_INDICATORS[indicator.code]
        assert indicator.strategy.code == expected_strategy, indicator.code
        assert indicator.axis == indicator.strategy.axis, indicator.code
        assert str(indicator.axis.number) == expected_strategy.split(".")[0], indicator.code


def test_indicators_are_ordered_as_in_the_convention(convention):
    codes = list(convention.indicators.order_by("position").values_list("code", flat=True))
    assert codes == list(CONVENTION_INDICATORS)


def test_job_offers_entered_in_jobconnexion_are_a_manual_figure(convention):
    # Our records cannot count them: staff enter them each quarter. (Which of the
    # other indicators are computed is wired by a later migration.)
    offers = convention.indicators.get(code="C1.6")
    assert (offers.kind, offers.metric) == (Indicator.Kind.MANUAL, "")


def test_baselines_and_targets_are_those_the_convention_gives(convention):
    figures = {i.code: (i.baseline, i.target) for i in convention.indicators.all()}
    assert figures.pop("C1.1") == (Decimal(4), Decimal(8))  # jobs in tension
    assert figures.pop("C1.2") == (Decimal(100), Decimal(200))  # companies engaged
    # The text gives no figure for the others ("100 entreprises du Club" is context).
    assert set(figures.values()) == {(None, None)}


def test_units_match_what_is_counted(convention):
    units = dict(convention.indicators.values_list("code", "unit_fr"))
    assert units["C1.1"] == "métiers"
    assert units["C1.2"] == "entreprises"
    assert units["C1.3"] == "personnes"  # proportion and number of BRSA: one count
    assert units["C1.6"] == "offres d'emploi"
    assert units["C4.1"] == "personnes"


def test_port_du_rhin_and_the_cite_de_l_emploi_neighbourhoods_are_shipped():
    port_du_rhin = PriorityNeighbourhood.objects.get(code="port-du-rhin")
    assert port_du_rhin.commune == "Strasbourg"
    assert PriorityNeighbourhood.objects.filter(code="hautepierre").exists()
    assert PriorityNeighbourhood.objects.filter(code="cronenbourg").exists()


def test_project_partners_are_present_and_public():
    organisations = Organisation.objects.filter(name__in=PROJECT_ORGANISATIONS)
    assert organisations.count() == len(PROJECT_ORGANISATIONS)
    for organisation in organisations:
        assert organisation.is_public, organisation.name
        assert organisation.country in {"FR", "DE"}, organisation.name
        assert organisation.description_fr and organisation.description_de, organisation.name
        assert organisation.website == "", organisation.name


def test_the_maison_de_l_emploi_is_the_only_lead():
    lead = Organisation.objects.get(role=Organisation.Role.LEAD)
    assert lead.name == "Maison de l'emploi de Strasbourg"


def test_the_convention_partner_is_shipped_as_named_in_the_convention():
    departement = Organisation.objects.get(name="Département du Bas-Rhin")
    assert departement.role == Organisation.Role.ASSOCIATED
    assert departement.kind == Organisation.Kind.LOCAL_AUTHORITY


def test_the_centre_venue_is_kaleidoscoop_at_port_du_rhin():
    centre = Venue.objects.get(is_centre=True)
    assert centre.name == "Kaleidoscoop"
    assert centre.city == "Strasbourg"
    assert centre.postcode == "67100"
    assert centre.address == "6 rue Jean Monnet"
    assert "Port du Rhin" in centre.directions_fr and "Port du Rhin" in centre.directions_de
    assert centre.accessibility_fr and centre.accessibility_de


def test_audiences_are_named_in_both_languages():
    audiences = Audience.objects.all()
    assert set(audiences.values_list("code", flat=True)) == {
        "job_seekers",
        "rsa_recipients",
        "students",
        "young_people",
        "qpv_residents",
        "employers",
        "entrepreneurs",
        "all_public",
    }
    for audience in audiences:
        assert audience.name_fr and audience.name_de, audience.code


def test_manual_indicators_that_count_people_are_marked_for_small_count_suppression():
    marked = Indicator.objects.filter(kind=Indicator.Kind.MANUAL, counts_people=True)
    assert sorted(marked.values_list("code", flat=True)) == ["C1.5", "RCR 85"]
