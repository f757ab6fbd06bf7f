"""Date phrases of the report, in French and German."""

import datetime

import pytest

from indicators.periods import day_phrase, range_phrase

D = datetime.date


@pytest.mark.parametrize(
    ("first", "last", "language", "expected"),
    [
        (D(2026, 7, 1), D(2026, 9, 30), "fr", "du 1er juillet au 30 septembre 2026"),
        (D(2026, 7, 1), D(2026, 9, 30), "de", "vom 1. Juli bis 30. September 2026"),
        (D(2025, 10, 1), D(2026, 3, 31), "fr", "du 1er octobre 2025 au 31 mars 2026"),
        (D(2025, 10, 1), D(2026, 3, 31), "de", "vom 1. Oktober 2025 bis 31. März 2026"),
        (D(2026, 3, 2), D(2026, 3, 31), "fr", "du 2 au 31 mars 2026"),
        (D(2026, 3, 2), D(2026, 3, 31), "de", "vom 2. bis 31. März 2026"),
        (D(2026, 3, 1), D(2026, 3, 1), "fr", "1er mars 2026"),
    ],
)
def test_range_phrase(first, last, language, expected):
    assert range_phrase(first, last, language) == expected


def test_day_phrase_in_both_languages():
    assert day_phrase(D(2026, 2, 1), "fr") == "1er février 2026"
    assert day_phrase(D(2026, 2, 1), "de") == "1. Februar 2026"
