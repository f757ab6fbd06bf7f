"""What every demo builder shares: the seed, the anchor day and the random streams."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from lieu_ressource.demo.people import People

PARIS = ZoneInfo("Europe/Paris")


class Demo:
    """The seed, the anchor day, the random streams and the people they invent."""

    def __init__(self, *, seed, today):
        self.seed = seed
        self.today = today
        # The last day anything can have happened on: contacts, outcomes.
        self.yesterday = today - timedelta(days=1)
        # Midnight of the anchor day: what starts before is past, and every
        # registration and attendance is dated before it.
        self.now = datetime.combine(today, time.min, tzinfo=PARIS)
        self.people = People(seed)
        # When past activity happens (`timeline.Timeline`), set once programmes are read.
        self.timeline = None

    def rng(self, section):
        # One stream per section: more events do not reshuffle the beneficiaries.
        return random.Random(f"{self.seed}:{section}")

    def moment(self, day, hour, minute=0):
        return datetime.combine(day, time(hour, minute), tzinfo=PARIS)

    def office_moment(self, rng, day):
        """A moment of `day` during office hours, 9:00 to 17:59."""
        return self.moment(day, rng.randint(9, 17), rng.randrange(60))


def weighted(rng, weights):
    """One key of a {key: weight} dict, drawn by weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]
