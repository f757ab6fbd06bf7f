"""When the demo's past activity happens: from the start of the oldest programme that
has started, growing as each programme ramps up.

Every programme adds activity that grows over its first year, then holds: the 2020
convention alone at first, the Interreg project on top of it from 2023, the FSE+
action from 2024. The past is cut
into segments (calendar quarters, also cut where a programme starts or ends, so that a
programme's first, partial quarter is a segment of its own). Each segment gets a few
events and entries whatever its weight, then the rest is shared by weight: every
quarter of every programme has something to show, and its first quarters grow.
"""

from datetime import timedelta

from indicators.models import Programme
from lieu_ressource.demo.open_days import open_days

# A programme starts at this share of its full activity and reaches it this many
# days after its start.
START_SHARE = 0.25
RAMP_DAYS = 365
# Activity when no programme has started yet, against one programme at full speed.
FLOOR_WEIGHT = 0.1
# The past covers at least this many days before today.
RECENT_DAYS = 240
# Rows each segment gets before the rest is shared by weight (fewer at small scales).
PER_SEGMENT = 2


def programme_spans(today):
    """(start, end) of the programmes that started before `today`."""
    return list(
        Programme.objects.filter(start_date__lt=today)
        .order_by("start_date")
        .values_list("start_date", "end_date")
    )


def allocate(total, weights):
    """Split `total` into whole numbers proportional to `weights` (largest remainder)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class Timeline:
    """The open days before `today` since the first programme's start, their weights
    and the segments they fall in."""

    def __init__(self, today, spans):
        self.today = today
        self.starts = sorted(start for start, _end in spans)
        self.first_day = min([today - timedelta(days=RECENT_DAYS), *self.starts])
        cuts = set(self.starts) | {end + timedelta(days=1) for _start, end in spans if end}
        self.segments = {}  # first day of the segment -> its open days
        self._weights = {}
        for day in open_days(self.first_day, today):
            key = _segment_start(day, cuts)
            self.segments.setdefault(key, []).append(day)
            self._weights[day] = self.weight(day)

    def weight(self, day):
        ramps = (
            min(1.0, START_SHARE + (1 - START_SHARE) * ((day - start).days + 1) / RAMP_DAYS)
            for start in self.starts
            if start <= day
        )
        return max(FLOOR_WEIGHT, sum(ramps))

    def segment_of(self, day):
        """The first day of the segment `day` falls in (a key of `segments`)."""
        return max(key for key in self.segments if key <= day)

    def draw_days(self, rng, count, per_segment=PER_SEGMENT):
        """`count` open days before today, shuffled: up to `per_segment` in every
        segment, the rest shared by weight."""
        keys = list(self.segments)
        if not keys or count <= 0:
            return []
        # At most half of the rows go to the floors: the rest shows the ramp-up.
        floor = min(per_segment, count // (2 * len(keys)))
        weights = [sum(self._weights[day] for day in self.segments[key]) for key in keys]
        shares = allocate(count - floor * len(keys), weights)
        days = []
        for key, share in zip(keys, shares, strict=True):
            segment = self.segments[key]
            weights = [self._weights[day] for day in segment]
            days.extend(rng.choices(segment, weights=weights, k=floor + share))
        rng.shuffle(days)
        return days


def _segment_start(day, cuts):
    quarter_start = day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    inside = [cut for cut in cuts if quarter_start < cut <= day]
    return max(inside, default=quarter_start)
