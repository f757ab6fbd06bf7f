"""The written summary opening the report: the "restitution qualitative et chiffrée"
of convention article 6, as sentences built from the snapshot's figures.

Plain functions of the snapshot, in the active language (call them under
`translation.override`): what moved since the previous quarter (and against the same
quarter a year before), which indicators are ahead of or behind the pace their target
asks for given the share of the programme elapsed, and the team's notes and follow-up
of the previous committee's decisions. A count hidden for privacy is never compared:
the difference would give it back.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from . import progress as progress_of
from . import reports

# How far from the pace of the programme counts as ahead or behind (in share of the
# way to the target): closer than this reads as on track.
PACE_MARGIN = Decimal("0.1")


def _number(text):
    return None if text is None else Decimal(text)


def _label(row, language):
    return f"{row['code']} {reports._pick(row['name'], language)}"


def movement(row, language):
    """One sentence on how the indicator moved since the previous quarter, or None
    when there is nothing to compare."""
    people = row["describes_people"]
    trend = row["trend"]
    current = row["value"]
    previous = trend[-2] if len(trend) >= 2 else None
    if current is None:
        return None
    label = _label(row, language)
    if reports.is_suppressed(current, people) or reports.is_suppressed(previous, people):
        return _(
            "%(indicator)s: fewer than 5 people this quarter or the previous one, not "
            "compared to protect them."
        ) % {"indicator": label}
    if previous is None:
        return None
    figures = {
        "indicator": label,
        "value": reports.show_number(current),
        "previous": reports.show_number(previous),
    }
    difference = _number(current) - _number(previous)
    if difference > 0:
        sentence = _("%(indicator)s: %(value)s, up from %(previous)s (+%(difference)s).") % {
            **figures,
            "difference": reports.show_number(difference),
        }
    elif difference < 0:
        sentence = _("%(indicator)s: %(value)s, down from %(previous)s (−%(difference)s).") % {
            **figures,
            "difference": reports.show_number(-difference),
        }
    else:
        sentence = _("%(indicator)s: unchanged at %(value)s.") % figures
    year_before = row.get("year_before")
    if year_before is not None and not reports.is_suppressed(year_before, people):
        sentence += " " + _("A year before: %(value)s.") % {
            "value": reports.show_number(year_before)
        }
    return sentence


def pace(row, language, expected):
    """(kind, sentence) for an indicator with a target: kind is "ahead", "behind" or
    "on_track" against `expected`, the share of the programme elapsed; None without a
    target or when its figure is hidden."""
    people = row["describes_people"]
    level = row.get("progress_measure") == progress_of.FROM_LEVEL
    hidden = reports.is_suppressed(row["value"] if level else row["cumulative"], people)
    reached = progress_of.progress(row, hidden=hidden)
    if reached is None or expected is None:
        return None
    figures = {
        "indicator": _label(row, language),
        "progress": reports.show_percent(reached.fraction),
        "expected": reports.show_percent(expected),
    }
    if reached.fraction < expected - PACE_MARGIN:
        return "behind", _(
            "%(indicator)s is behind: %(progress)s of the way to its target, with "
            "%(expected)s of the programme's time elapsed."
        ) % figures
    if reached.fraction > expected + PACE_MARGIN:
        return "ahead", _(
            "%(indicator)s is ahead: %(progress)s of the way to its target, with "
            "%(expected)s of the programme's time elapsed."
        ) % figures
    return "on_track", _(
        "%(indicator)s is on track: %(progress)s of the way to its target, with "
        "%(expected)s of the programme's time elapsed."
    ) % figures


def _rows(snapshot):
    for axis in snapshot.get("axes", []):
        for group in axis["groups"]:
            yield from group["indicators"]


def summarise(snapshot, language):
    """The summary page's sentences: {"overview", "movements", "behind", "ahead",
    "on_track", "pace_note", "notes", "decisions"}."""
    rows = list(_rows(snapshot))
    movements = [m for m in (movement(row, language) for row in rows) if m]
    rises = falls = steady = 0
    for row in rows:
        trend = row["trend"]
        current, previous = row["value"], (trend[-2] if len(trend) >= 2 else None)
        people = row["describes_people"]
        if current is None or previous is None:
            continue
        if reports.is_suppressed(current, people) or reports.is_suppressed(previous, people):
            continue
        difference = _number(current) - _number(previous)
        rises += difference > 0
        falls += difference < 0
        steady += difference == 0
    overview = _(
        "Since the previous quarter, %(rises)s indicators rose, %(falls)s fell and "
        "%(steady)s did not change."
    ) % {"rises": rises, "falls": falls, "steady": steady}

    last_day = datetime.date.fromisoformat(snapshot["period"]["last_day"])
    expected = progress_of.expected_fraction(snapshot["programme"], last_day)
    paces = {"behind": [], "ahead": [], "on_track": []}
    for row in rows:
        judged = pace(row, language, expected)
        if judged:
            paces[judged[0]].append(judged[1])
    if expected is None:
        pace_note = _(
            "The programme has no end date: progress towards the targets is not set "
            "against the time elapsed."
        )
    elif not any(paces.values()):
        pace_note = _("No indicator of this programme has a target to be measured against.")
    else:
        pace_note = ""

    notes, decisions = [], []
    for note in snapshot.get("notes", []):
        where = (
            _("Strategy %(code)s") % {"code": note["strategy"]}
            if note["strategy"]
            else _("The programme as a whole")
        )
        if note["strengths"]:
            notes.append(
                _("%(where)s, strengths: %(text)s") % {"where": where, "text": note["strengths"]}
            )
        if note["areas_for_progress"]:
            notes.append(
                _("%(where)s, areas for progress: %(text)s")
                % {"where": where, "text": note["areas_for_progress"]}
            )
        if note["decisions_follow_up"]:
            decisions.append(
                _("%(where)s: %(text)s") % {"where": where, "text": note["decisions_follow_up"]}
            )
    return {
        "overview": overview,
        "movements": movements,
        **paces,
        "pace_note": pace_note,
        "notes": notes,
        "decisions": decisions,
    }
