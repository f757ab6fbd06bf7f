"""The summary page's sentences, from a hand-built snapshot, in French and German."""

import pytest
from django.utils import translation

from indicators.summary import summarise


def indicator(code, trend, *, people=False, year_before=None, **fields):
    return {
        "id": 1,
        "code": code,
        "name": {"fr": f"Indicateur {code}", "de": f"Indikator {code}"},
        "unit": {"fr": "", "de": ""},
        "kind": "computed",
        "describes_people": people,
        "baseline": None,
        "target": None,
        "value": trend[-1],
        "cumulative": trend[-1],
        "progress_measure": "added",
        "year_before": year_before,
        "trend": trend,
        **fields,
    }


def snapshot(rows, *, end="2026-12-31", notes=()):
    return {
        "programme": {"code": "p", "start": "2025-01-01", "end": end},
        "period": {"first_day": "2026-01-01", "last_day": "2026-03-31"},
        "axes": [{"number": 1, "title": None, "groups": [{"strategy": None, "indicators": rows}]}],
        "notes": list(notes),
    }


ROWS = [
    indicator("A", ["10", "14"], year_before="6"),  # a rise
    indicator("B", ["20", "12"]),  # a fall
    indicator("C", ["7", "7"]),  # no change
    indicator("D", ["9", "3"], people=True),  # now under 5: hidden
]


def summary_in(language, data):
    with translation.override(language):
        return summarise(data, language)


def test_french_sentences_for_a_rise_a_fall_no_change_and_a_hidden_figure():
    result = summary_in("fr", snapshot(ROWS))

    assert result["movements"] == [
        "A Indicateur A : 14, en hausse par rapport à 10 (+4). Un an plus tôt : 6.",
        "B Indicateur B : 12, en baisse par rapport à 20 (−8).",
        "C Indicateur C : stable à 7.",
        "D Indicateur D : moins de 5 personnes ce trimestre ou le précédent, non comparé "
        "pour les protéger.",
    ]
    # The hidden figure counts neither as a rise nor as a fall.
    assert result["overview"] == (
        "Depuis le trimestre précédent, indicateurs en hausse : 1, en baisse : 1, stables : 1."
    )


def test_german_sentences_for_a_rise_a_fall_no_change_and_a_hidden_figure():
    result = summary_in("de", snapshot(ROWS))

    assert result["movements"] == [
        "A Indikator A: 14, gestiegen von 10 (+4). Ein Jahr zuvor: 6.",
        "B Indikator B: 12, gesunken von 20 (−8).",
        "C Indikator C: unverändert bei 7.",
        "D Indikator D: weniger als 5 Personen in diesem oder im vorigen Quartal, zu ihrem "
        "Schutz nicht verglichen.",
    ]


def test_hidden_figure_gives_no_difference():
    result = summary_in("fr", snapshot([indicator("D", ["9", "3"], people=True)]))
    assert "6" not in " ".join(result["movements"])


@pytest.mark.parametrize("language", ["fr", "de"])
def test_indicators_are_judged_against_the_time_elapsed(language):
    # 2025-01-01 to 2026-12-31, judged on 2026-03-31: 455 of 730 days, 62 %.
    rows = [
        indicator("LATE", ["5", "5"], target="100", cumulative="20"),
        indicator("AHEAD", ["5", "5"], target="100", cumulative="90"),
        indicator("OK", ["5", "5"], baseline="100", target="200", cumulative="60"),
    ]
    result = summary_in(language, snapshot(rows))

    assert len(result["behind"]) == len(result["ahead"]) == len(result["on_track"]) == 1
    if language == "fr":
        assert result["behind"] == [
            "LATE Indicateur LATE est en retard : 20\u00a0% du chemin vers sa cible, pour "
            "62\u00a0% de la durée du programme écoulée."
        ]
    else:
        assert result["ahead"] == [
            "AHEAD Indikator AHEAD liegt vorn: 90\u00a0% des Weges zum Zielwert, bei "
            "62\u00a0% der abgelaufenen Programmlaufzeit."
        ]
    assert "60\u00a0%" in result["on_track"][0]


def test_a_programme_without_an_end_is_not_judged_on_time():
    rows = [indicator("X", ["1", "2"], target="10", cumulative="2")]
    result = summary_in("fr", snapshot(rows, end=None))

    assert result["behind"] == result["ahead"] == result["on_track"] == []
    assert "pas de date de fin" in result["pace_note"]


def test_notes_and_decisions_are_listed_per_strategy():
    notes = [
        {
            "strategy": None,
            "title": None,
            "strengths": "Binômes efficaces.",
            "areas_for_progress": "",
            "decisions_follow_up": "",
        },
        {
            "strategy": "4.1",
            "title": {"fr": "Tremplin", "de": "Sprungbrett"},
            "strengths": "",
            "areas_for_progress": "Relancer l'Ortenau.",
            "decisions_follow_up": "Atelier à Kehl tenu le 18/09.",
        },
    ]
    result = summary_in("de", snapshot([], notes=notes))

    assert result["notes"] == [
        "Das Programm insgesamt, Stärken: Binômes efficaces.",
        "Strategie 4.1, Verbesserungsbereiche: Relancer l'Ortenau.",
    ]
    assert result["decisions"] == ["Strategie 4.1: Atelier à Kehl tenu le 18/09."]
