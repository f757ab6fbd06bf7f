"""Small charts for the PDF report, drawn on the server as inline SVG.

WeasyPrint renders inline SVG; the figures are also printed beside every chart, so a
chart never carries information that the text does not. Values suppressed for
privacy (shown as "< 5") get no bar.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

INK = "#1d2b36"
MUTED = "#6b7a86"
BAR = "#1f5f8b"
SECOND = "#d98c1f"
TRACK = "#e3e8ec"


def _svg(width, height, body, title):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def _number(value):
    return 0 if value is None else float(value)


def horizontal_bars(rows, *, title, width=470, label_width=190, bar_height=11, gap=5):
    """One bar per row: rows are (label, value or None, shown text). Nothing at all
    when no bar would be drawn."""
    rows = list(rows)
    if not any(_number(value) > 0 for _label, value, _shown in rows):
        return mark_safe("")
    largest = max((_number(value) for _label, value, _shown in rows), default=0) or 1
    track = width - label_width - 50
    height = max(1, len(rows)) * (bar_height + gap) + gap
    parts = []
    for i, (label, value, shown) in enumerate(rows):
        y = gap + i * (bar_height + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 2}" font-size="8" '
            f'text-anchor="end" fill="{INK}">{escape(label)}</text>'
        )
        if value is not None and _number(value) > 0:
            length = max(1.0, track * _number(value) / largest)
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
                f'fill="{BAR}"/>'
            )
        else:
            length = 0
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 2}" font-size="8" '
            f'fill="{MUTED}">{escape(shown)}</text>'
        )
    return _svg(width, height, "".join(parts), title)


def paired_bars(rows, *, title, legend, width=470, label_width=190, bar_height=7, gap=6):
    """Two bars per row (e.g. France and Germany): rows are (label, (a, a_shown),
    (b, b_shown)); legend is the two series' names. Nothing at all when no bar would
    be drawn."""
    rows = list(rows)
    if not any(max(_number(a), _number(b)) > 0 for _label, (a, _sa), (b, _sb) in rows):
        return mark_safe("")
    largest = (
        max(
            (max(_number(a), _number(b)) for _label, (a, _sa), (b, _sb) in rows),
            default=0,
        )
        or 1
    )
    track = width - label_width - 50
    row_height = 2 * bar_height + gap
    height = 16 + max(1, len(rows)) * row_height + gap
    parts = [
        f'<rect x="{label_width}" y="2" width="8" height="8" fill="{BAR}"/>'
        f'<text x="{label_width + 11}" y="9" font-size="8" fill="{INK}">'
        f"{escape(legend[0])}</text>"
        f'<rect x="{label_width + 110}" y="2" width="8" height="8" fill="{SECOND}"/>'
        f'<text x="{label_width + 121}" y="9" font-size="8" fill="{INK}">'
        f"{escape(legend[1])}</text>"
    ]
    for i, (label, first, second) in enumerate(rows):
        y = 16 + i * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height + 3}" font-size="8" '
            f'text-anchor="end" fill="{INK}">{escape(label)}</text>'
        )
        for j, ((value, shown), colour) in enumerate(((first, BAR), (second, SECOND))):
            top = y + j * bar_height
            length = 0
            if value is not None and _number(value) > 0:
                length = max(1.0, track * _number(value) / largest)
                parts.append(
                    f'<rect x="{label_width}" y="{top}" width="{length:.1f}" '
                    f'height="{bar_height - 1}" fill="{colour}"/>'
                )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{top + bar_height - 1}" '
                f'font-size="7" fill="{MUTED}">{escape(shown)}</text>'
            )
    return _svg(width, height, "".join(parts), title)


def sparkline(points, *, title, width=64, height=20):
    """Small columns for a few quarters, the last one highlighted: points are values
    or None (unknown or suppressed)."""
    points = list(points)
    if not points:
        return _svg(width, height, "", title)
    largest = max((_number(p) for p in points), default=0) or 1
    slot = width / len(points)
    parts = [
        f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" '
        f'stroke="{TRACK}" stroke-width="1"/>'
    ]
    for i, value in enumerate(points):
        if value is None or _number(value) <= 0:
            continue
        column = max(1.0, (height - 2) * _number(value) / largest)
        colour = BAR if i == len(points) - 1 else "#8fb3cc"
        parts.append(
            f'<rect x="{i * slot + slot * 0.15:.1f}" y="{height - 1 - column:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{column:.1f}" fill="{colour}"/>'
        )
    return _svg(width, height, "".join(parts), title)


def progress(fraction, *, title, width=70, height=7):
    """A bar filled to `fraction` of its width (capped at 1); None draws the track."""
    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="{TRACK}"/>']
    if fraction is not None and fraction > 0:
        parts.append(
            f'<rect x="0" y="0" width="{width * min(1.0, float(fraction)):.1f}" '
            f'height="{height}" fill="{BAR}"/>'
        )
    return _svg(width, height, "".join(parts), title)
