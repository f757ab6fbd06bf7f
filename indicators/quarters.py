"""Calendar quarters ("2025-Q3") and their bounds in Europe/Paris."""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

PARIS = ZoneInfo("Europe/Paris")
_QUARTER_RE = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text):
        match = _QUARTER_RE.match(text.strip())
        if not match:
            raise ValueError(_("“%(text)s” is not a quarter like 2025-Q3.") % {"text": text})
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self):
        return f"{self.year}-Q{self.number}"

    @property
    def first_day(self):
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self):
        return self.next().first_day - datetime.timedelta(days=1)

    @property
    def start(self):
        """First instant of the quarter, Paris time (aware datetime)."""
        return datetime.datetime.combine(self.first_day, datetime.time.min, PARIS)

    @property
    def end(self):
        """First instant after the quarter, Paris time (exclusive bound)."""
        return self.next().start

    def next(self):
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self):
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )
