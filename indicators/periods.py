"""Date phrases for the report: "du 1er juillet au 30 septembre 2026", "vom 1. Juli
bis 30. September 2026".

Django's DATE_FORMAT gives "1 juillet 2026" and a template that glues two of them
with "from … to …" reads "de 1 juillet 2026 à 30 septembre 2026": French wants "du
1er … au …" and German "vom … bis …", with the year said once when both days share
it and the month once when both days share it too.
"""

from django.utils import translation
from django.utils.dates import MONTHS


def _day(day, language):
    if language == "fr":
        return "1er" if day.day == 1 else str(day.day)
    if language == "de":
        return f"{day.day}."
    return str(day.day)


def _month(day):
    # MONTHS holds lazy names: read them in the active language.
    return str(MONTHS[day.month])


def day_phrase(day, language):
    """One day, written out: "1er juillet 2026", "1. Juli 2026"."""
    with translation.override(language):
        return f"{_day(day, language)} {_month(day)} {day.year}"


def range_phrase(first, last, language):
    """From `first` to `last` (dates, both included) as a phrase in `language`."""
    with translation.override(language):
        if first.year != last.year:
            start = f"{_day(first, language)} {_month(first)} {first.year}"
        elif first.month != last.month:
            start = f"{_day(first, language)} {_month(first)}"
        else:
            start = _day(first, language)
        end = f"{_day(last, language)} {_month(last)} {last.year}"
        if first == last:
            return end
        if language == "fr":
            return f"du {start} au {end}"
        if language == "de":
            return f"vom {start} bis {end}"
        return f"from {start} to {end}"
