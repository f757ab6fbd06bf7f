"""The days the centre is open: weekdays outside the public holidays of Alsace and
the Christmas break."""

from datetime import date, timedelta


def open_days(first, last):
    """The days the centre is open, Monday to Friday outside public holidays and the
    Christmas break, from `first` up to `last` excluded."""
    closed = set()
    for year in range(first.year, last.year + 1):
        closed |= _closed_days(year)
    days = []
    day = first
    while day < last:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += timedelta(days=1)
    return days


def _closed_days(year):
    """Public holidays in Alsace (Good Friday and 26 December included) and the
    Christmas break."""
    easter = _easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11)]
    days = {date(year, month, day) for month, day in fixed}
    days |= {easter + timedelta(days=n) for n in (-2, 1, 39, 50)}
    days |= {date(year, 12, day) for day in range(24, 32)}
    return days


def _easter(year):
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * shift) // 451
    month, day = divmod(h + shift - 7 * m + 114, 31)
    return date(year, month, day + 1)
