"""Pages of a list that grows without end (past events), without counting it: a
`COUNT(*)` over years of events would cost more than the page itself."""

from django.http import Http404

# Deeper pages are not offered: each one walks every event before it.
MAX_PAGES = 50


class UncountedPage:
    """One page of a list, knowing only whether there is a next one."""

    def __init__(self, object_list, number, has_next):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def uncounted_page(queryset, number, per_page, max_pages=MAX_PAGES):
    """Page `number` (1 when missing or not a number) of `queryset`, reading one row
    more than the page to tell whether another follows; Http404 past `max_pages`."""
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    if number > max_pages:
        raise Http404("No such page.")
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    has_next = len(rows) > per_page and number < max_pages
    return UncountedPage(rows[:per_page], number, has_next)
