"""Server-side SVG charts of the report."""

import re

from indicators import charts


def test_bars_escape_their_labels():
    svg = charts.horizontal_bars([("Ateliers <b>", 3, "3")], title="Events & formats")
    assert "Ateliers &lt;b&gt;" in svg
    assert "<title>Events &amp; formats</title>" in svg


def test_suppressed_value_gets_a_label_but_no_bar():
    svg = charts.horizontal_bars([("RSA", None, "< 5"), ("Students", 12, "12")], title="t")
    assert svg.count("<rect") == 1
    assert "&lt; 5" in svg


def test_chart_with_nothing_to_draw_is_left_out():
    assert charts.horizontal_bars([("RSA", None, "< 5"), ("Students", 0, "0")], title="t") == ""
    assert (
        charts.paired_bars([("CDI", (0, "0"), (None, "< 5"))], title="t", legend=("FR", "DE")) == ""
    )


def test_trend_draws_a_column_per_known_quarter_with_its_figure_and_quarter():
    svg = charts.trend_columns(
        [3, None, 0, 7],
        labels=[("T4", "2025"), ("T1", "2026"), ("T2", "2026"), ("T3", "2026")],
        shown=["3", "&lt; 5", "0", "7"],
        title="trend",
    )
    assert svg.count("<rect") == 2
    assert svg.count(">T") == 4 and svg.count(">2026<") == 3
    assert ">7</text>" in svg


def test_trend_labels_are_large_enough_to_read_printed():
    svg = charts.trend_columns([1], labels=[("T1", "2026")], shown=["1"], title="t")
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    # SVG units are CSS pixels: 8.5 px is 6.4 pt, the smallest size we print.
    assert min(sizes) >= 8.5


def test_progress_is_capped_at_the_full_width():
    svg = charts.progress(2.5, title="progress", width=70)
    assert 'width="70.0"' in svg
