"""Small counts hidden so that subtraction cannot bring them back.

Hiding a count of 1 to 4 people (primary suppression) is not enough where a table
shows totals: "jobs 11, France 10, Germany hidden" gives Germany = 1. As statistical
offices do, every line of a table that adds up to a shown total (a row, a column,
the totals row) that hides one cell hides more (secondary suppression): the next
smallest non-zero cells of that line (or its total), until no hidden cell is alone
in it and the cells hidden next to a shown total add up to at least the threshold.
Hidden cells, primary or secondary, look the same in the report: telling them apart
would disclose them again.
"""

SMALL_COUNT = 5


def is_small(value, threshold=SMALL_COUNT):
    """A count of people too small to show (zero identifies no one)."""
    return value is not None and 0 < value < threshold


def hidden_cells(cells, lines, *, threshold=SMALL_COUNT):
    """The keys of `cells` ({key: count}) to hide. `lines` are (parts, total) pairs
    of keys where the count of `total` is the sum of the counts of `parts`."""
    hidden = {key for key, value in cells.items() if is_small(value, threshold)}
    changed = True
    while changed:
        changed = False
        for parts, total in lines:
            if not any(key in hidden for key in [*parts, total]):
                continue
            while _line_discloses(parts, total, cells, hidden, threshold):
                key = _next_to_hide(parts, total, cells, hidden)
                if key is None:
                    break
                hidden.add(key)
                changed = True
    return hidden


def _line_discloses(parts, total, cells, hidden, threshold):
    """Whether what the line shows gives away a hidden cell: one unknown alone in a
    sum is solved by subtraction, and hidden parts adding up to less than the
    threshold next to a shown total are small by difference."""
    hidden_parts = [key for key in parts if key in hidden]
    unknowns = len(hidden_parts) + (total in hidden)
    if unknowns == 1:
        return True
    if total in hidden or not hidden_parts:
        return False
    return sum(cells[key] for key in hidden_parts) < threshold


def _next_to_hide(parts, total, cells, hidden):
    visible = [key for key in parts if key not in hidden and cells[key] > 0]
    if visible:
        return min(visible, key=lambda key: (cells[key], str(key)))
    if total not in hidden:
        return total
    return None


def everything_hidden(keys, hidden, cells):
    """True when no non-zero cell among `keys` is left to show."""
    return all(key in hidden or not cells[key] for key in keys)
