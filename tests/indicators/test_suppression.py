"""Secondary suppression: no hidden count can be worked out from what is shown."""

import itertools

from indicators.suppression import everything_hidden, hidden_cells


def jobs_table(counts):
    """The report's jobs table: contract rows, country columns with their totals,
    and the grand total ("Jobs 11"). counts: {(contract, country): n}."""
    contracts = sorted({c for c, _ in counts})
    countries = sorted({k for _, k in counts})
    cells = dict(counts)
    lines = []
    for country in countries:
        cells[country] = sum(counts[(c, country)] for c in contracts)
        lines.append(([(c, country) for c in contracts], country))
    cells["all"] = sum(cells[k] for k in countries)
    lines.append((countries, "all"))
    return cells, lines


def possible_values(cells, lines, hidden, key, *, limit):
    """Every value the hidden cell `key` can take, given the shown cells and the
    sums of the lines (hidden cells being any whole number from 0 to `limit`)."""
    unknown = sorted(hidden, key=str)
    found = set()
    for guess in itertools.product(range(limit + 1), repeat=len(unknown)):
        trial = {**cells, **dict(zip(unknown, guess, strict=True))}
        if all(sum(trial[p] for p in parts) == trial[total] for parts, total in lines):
            found.add(trial[key])
    return found


def test_the_issue_example_cannot_be_undone():
    # "Jobs 11, France 10, Germany < 5": shown alone, Germany is 11 − 10 = 1.
    cells, lines = jobs_table(
        {("cdi", "DE"): 0, ("cdi", "FR"): 10, ("minijob", "DE"): 1, ("minijob", "FR"): 0}
    )
    hidden = hidden_cells(cells, lines)

    assert {("minijob", "DE"), "DE"} <= hidden
    assert "FR" in hidden  # else Germany = total − France
    assert "all" not in hidden  # the total of 11 can still be shown
    for key in hidden:
        assert len(possible_values(cells, lines, hidden, key, limit=11)) >= 2, key


def test_a_larger_table_keeps_every_hidden_count_unknown():
    counts = {
        ("cdi", "FR"): 6,
        ("cdd", "FR"): 4,
        ("minijob", "FR"): 0,
        ("cdi", "DE"): 7,
        ("cdd", "DE"): 0,
        ("minijob", "DE"): 2,
    }
    cells, lines = jobs_table(counts)
    hidden = hidden_cells(cells, lines)

    assert {("cdd", "FR"), ("minijob", "DE")} <= hidden
    for key in hidden:
        assert len(possible_values(cells, lines, hidden, key, limit=19)) >= 2, key
    # The hidden cells of a column next to a shown total add up to 5 or more.
    for parts, total in lines:
        if total not in hidden and any(p in hidden for p in parts):
            assert sum(cells[p] for p in parts if p in hidden) >= 5


def test_nothing_is_hidden_when_no_count_is_small():
    cells, lines = jobs_table(
        {("cdi", "FR"): 6, ("cdi", "DE"): 0, ("cdd", "FR"): 9, ("cdd", "DE"): 12}
    )
    assert hidden_cells(cells, lines) == set()


def test_a_row_total_under_five_is_hidden_with_its_parts():
    cells = {"a": 1, "b": 2, "total": 3}
    hidden = hidden_cells(cells, [(["a", "b"], "total")])
    assert hidden == {"a", "b", "total"}
    assert everything_hidden(["a", "b"], hidden, cells)


def test_zero_is_shown_and_is_not_used_to_hide():
    cells = {"a": 3, "b": 0, "c": 9, "total": 12}
    hidden = hidden_cells(cells, [(["a", "b", "c"], "total")])
    assert hidden == {"a", "c"}
    assert not everything_hidden(["a", "b", "c"], {"a"}, cells)
