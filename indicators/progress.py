"""How far an indicator has come from its baseline towards its target.

"From 100 to 200 companies": 23 companies is not 12 % of the way. Progress is read
from the baseline, `(level − baseline) / (target − baseline)`, where the level is
either the quarter value (an indicator whose value is a level, such as the trades in
tension covered) or the baseline plus what our records counted since the programme
started (they start with it, so they count what came on top of the baseline). With
no baseline (or 0) it is the plain ratio to the target. Read from snapshot rows
(decimal texts); a figure suppressed for privacy gives no progress, which would
disclose it.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

FROM_LEVEL = "level"  # (quarter value − baseline) / (target − baseline)
FROM_ADDED = "added"  # cumulative / (target − baseline)
OF_TARGET = "target"  # cumulative (or quarter value, for a level) / target


@dataclass(frozen=True)
class Progress:
    fraction: Decimal  # 1 = target reached; may be negative or above 1
    basis: str  # FROM_LEVEL, FROM_ADDED or OF_TARGET


def _number(text):
    return None if text is None else Decimal(text)


def progress(row, *, hidden=False):
    """The progress of a snapshot indicator row, or None without a target (or a
    value, or when `hidden`)."""
    target, baseline = _number(row.get("target")), _number(row.get("baseline"))
    level_measure = row.get("progress_measure") == FROM_LEVEL
    reached = _number(row.get("value") if level_measure else row.get("cumulative"))
    if hidden or target is None or target <= 0 or reached is None:
        return None
    if not baseline:
        return Progress(reached / target, OF_TARGET)
    if target == baseline:
        return None
    if level_measure:
        return Progress((reached - baseline) / (target - baseline), FROM_LEVEL)
    return Progress(reached / (target - baseline), FROM_ADDED)


def expected_fraction(programme, last_day):
    """The share of the programme's span elapsed by `last_day` (0 to 1), against
    which progress is judged on time or late; None for a programme with no end."""
    if not programme.get("end"):
        return None
    start = datetime.date.fromisoformat(programme["start"])
    end = datetime.date.fromisoformat(programme["end"])
    span = (end - start).days + 1
    done = (min(last_day, end) - start).days + 1
    return Decimal(max(0, min(done, span))) / Decimal(span)


def proportion(part, whole):
    """part / whole, or None when the whole is unknown or zero."""
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole)
