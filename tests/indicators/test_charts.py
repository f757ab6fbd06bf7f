"""Server-side SVG charts of the report."""

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


def test_sparkline_draws_a_column_per_known_quarter():
    svg = charts.sparkline([3, None, 0, 7], title="trend")
    assert svg.count("<rect") == 2


def test_progress_is_capped_at_the_full_width():
    svg = charts.progress(2.5, title="progress", width=70)
    assert 'width="70.0"' in svg
