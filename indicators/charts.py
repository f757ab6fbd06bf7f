"""Small charts for the PDF report, drawn on the server as inline SVG.

WeasyPrint renders inline SVG; the figures are also printed beside every chart, so a
chart never carries information that the text does not. Values suppressed for
privacy (shown as "< 5") get no bar.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

INK = "#1d2b36"
MUTED = "#6b7a86"
BAR = "#1f5f8b"
SECOND = "#f2b866"
TRACK = "#e3e8ec"


def _svg(width, height, body, title):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def _number(value):
    return 0 if value is None else float(value)


def horizontal_bars(rows, *, title, width=520, label_width=220, bar_height=14, gap=5):
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
            f'<text x="{label_width - 6}" y="{y + bar_height - 2}" font-size="10" '
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
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 2}" font-size="10" '
            f'fill="{MUTED}">{escape(shown)}</text>'
        )
    return _svg(width, height, "".join(parts), title)


def paired_bars(rows, *, title, legend, width=520, label_width=220, bar_height=11, gap=6):
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
    height = 20 + max(1, len(rows)) * row_height + gap
    parts = [
        f'<rect x="{label_width}" y="2" width="10" height="10" fill="{BAR}"/>'
        f'<text x="{label_width + 14}" y="11" font-size="10" fill="{INK}">'
        f"{escape(legend[0])}</text>"
        f'<rect x="{label_width + 130}" y="2" width="10" height="10" fill="{SECOND}" '
        f'stroke="{INK}" stroke-width="0.6"/>'
        f'<text x="{label_width + 144}" y="11" font-size="10" fill="{INK}">'
        f"{escape(legend[1])}</text>"
    ]
    for i, (label, first, second) in enumerate(rows):
        y = 20 + i * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height + 3}" font-size="10" '
            f'text-anchor="end" fill="{INK}">{escape(label)}</text>'
        )
        for j, ((value, shown), colour) in enumerate(((first, BAR), (second, SECOND))):
            top = y + j * bar_height
            length = 0
            if value is not None and _number(value) > 0:
                length = max(1.0, track * _number(value) / largest)
                # The second series is outlined: told apart when printed in grey.
                outline = f' stroke="{INK}" stroke-width="0.6"' if j else ""
                parts.append(
                    f'<rect x="{label_width}" y="{top}" width="{length:.1f}" '
                    f'height="{bar_height - 1}" fill="{colour}"{outline}/>'
                )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{top + bar_height - 1}" '
                f'font-size="9.5" fill="{MUTED}">{escape(shown)}</text>'
            )
    return _svg(width, height, "".join(parts), title)


def trend_columns(points, *, labels, shown, title, width=112, height=62):
    """One column per quarter, the last one darker, each with its figure above it and
    its quarter below ("T3" over "2026"), large enough to read printed in black and
    white: points are values or None (unknown or suppressed, no column), labels are
    (quarter, year) pairs and shown the figures as printed."""
    points = list(points)
    if not points:
        return _svg(width, height, "", title)
    largest = max((_number(p) for p in points), default=0) or 1
    slot = width / len(points)
    baseline = height - 22  # room for the two lines of quarter labels
    top = 11  # room for the figure above the tallest column
    parts = [
        f'<line x1="0" y1="{baseline + 0.5}" x2="{width}" y2="{baseline + 0.5}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    ]
    for i, (value, (quarter, year), text) in enumerate(zip(points, labels, shown, strict=True)):
        middle = i * slot + slot / 2
        column = 0.0
        if value is not None and _number(value) > 0:
            column = max(1.0, (baseline - top) * _number(value) / largest)
            colour = BAR if i == len(points) - 1 else "#8fb3cc"
            parts.append(
                f'<rect x="{i * slot + slot * 0.18:.1f}" y="{baseline - column:.1f}" '
                f'width="{slot * 0.64:.1f}" height="{column:.1f}" fill="{colour}"/>'
            )
        weight = ' font-weight="bold"' if i == len(points) - 1 else ""
        parts.append(
            f'<text x="{middle:.1f}" y="{baseline - column - 2:.1f}" font-size="9.5" '
            f'text-anchor="middle" fill="{INK}"{weight}>{escape(text)}</text>'
            f'<text x="{middle:.1f}" y="{baseline + 10}" font-size="9.5" '
            f'text-anchor="middle" fill="{INK}">{escape(quarter)}</text>'
            f'<text x="{middle:.1f}" y="{baseline + 20}" font-size="8.5" '
            f'text-anchor="middle" fill="{MUTED}">{escape(year)}</text>'
        )
    return _svg(width, height, "".join(parts), title)


def progress(fraction, *, title, width=44, height=7):
    """A bar filled to `fraction` of its width (capped at 1); None draws the track."""
    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="{TRACK}"/>']
    if fraction is not None and fraction > 0:
        parts.append(
            f'<rect x="0" y="0" width="{width * min(1.0, float(fraction)):.1f}" '
            f'height="{height}" fill="{BAR}"/>'
        )
    return _svg(width, height, "".join(parts), title)


def eu_emblem(*, title, height=40):
    """The European emblem (twelve gold stars in a circle on blue, 3:2), drawn to its
    geometric description, for the cover of EU co-funded programmes."""
    width = height * 1.5
    centre_x, centre_y = width / 2, height / 2
    ring, star = height / 3, height / 18
    stars = []
    for i in range(12):
        angle = 2 * math.pi * i / 12
        x, y = centre_x + ring * math.sin(angle), centre_y - ring * math.cos(angle)
        points = []
        for j in range(10):
            radius = star if j % 2 == 0 else star * 0.382
            a = math.pi * j / 5
            points.append(f"{x + radius * math.sin(a):.2f},{y - radius * math.cos(a):.2f}")
        stars.append(f'<polygon points="{" ".join(points)}" fill="#FFCC00"/>')
    body = f'<rect width="{width:.1f}" height="{height}" fill="#003399"/>' + "".join(stars)
    return _svg(f"{width:.1f}", height, body, title)
