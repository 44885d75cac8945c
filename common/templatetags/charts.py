"""Horizontal bar charts drawn by the server as inline SVG: no script, no network.

    {% translate "Held" as held %}
    {% bar_chart halls name="booths" title=title label="hall" stacked=True confirmed=confirmed held=held %}

Each row (a dict or an object) gives a label and one value per series, the series being the
extra keyword arguments (row key = series name shown in the legend). The chart is an image with
a title for screen readers; the numbers themselves belong in a table beside it. Series differ
by pattern as well as colour (solid, hatched, outlined), and each row says its numbers in
text, so colour is never the only signal. Widths are percentages and text keeps its size, so a
chart reads the same at 360 px as at 1280 px."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

STYLES = ["solid", "hatched", "outlined"]
LABEL_CHARACTERS = 18  # what fits beside the numbers on a phone; the table has the full label
LABEL_LINE = 18
BAR = 16
GROUPED_BAR = 9
ROW_GAP = 10


def _get(row, key):
    return row[key] if isinstance(row, dict) else getattr(row, key)


def _short(text):
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def _legend(name, series):
    items = format_html_join(
        "",
        '<li><svg width="14" height="14" aria-hidden="true" focusable="false">'
        '<rect x="0.5" y="0.5" width="13" height="13" class="chart-{}"{}/></svg>{}</li>',
        ((style, _fill(name, style), label) for style, label in series),
    )
    return format_html('<ul class="chart-legend">{}</ul>', items)


def _fill(name, style):
    return format_html(' fill="url(#{}-hatch)"', name) if style == "hatched" else ""


@register.simple_tag
def bar_chart(rows, *, name, title, label, stacked=False, decimals=0, empty="", **series):
    """An SVG bar chart of `rows`, one bar per series (or one stacked bar with `stacked`); the
    `empty` text alone when every value is zero. `name` makes the chart's ids unique."""
    keys = list(series)
    styles = [STYLES[index % len(STYLES)] for index in range(len(keys))]
    data = [(str(_get(row, label)), [_get(row, key) or 0 for key in keys]) for row in rows]
    largest = max((sum(values) if stacked else max(values) for _, values in data), default=0)
    if not largest:
        return format_html('<p class="chart-empty">{}</p>', empty)

    def number(value):
        return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)

    def percent(value):
        return f"{100 * value / largest:.3f}%"

    bars_height = BAR if stacked or len(keys) == 1 else len(keys) * (GROUPED_BAR + 2)
    row_height = LABEL_LINE + bars_height + ROW_GAP
    parts = []
    for index, (text, values) in enumerate(data):
        top = index * row_height
        shown = number(sum(values)) if stacked else " / ".join(number(value) for value in values)
        said = "; ".join(f"{series[key]}: {number(value)}" for key, value in zip(keys, values, strict=True))
        parts.append(
            format_html(
                '<g class="chart-row"><title>{}: {}</title>'
                '<text x="0" y="{}" class="chart-label">{}</text>'
                '<text x="100%" y="{}" text-anchor="end" class="chart-value">{}</text>',
                text,
                said,
                top + 13,
                _short(text),
                top + 13,
                shown,
            )
        )
        start = 0
        for position, (value, style) in enumerate(zip(values, styles, strict=True)):
            if not value:
                continue
            if stacked:
                x, y, height = percent(start), top + LABEL_LINE, BAR
                start += value
            else:
                height = BAR if len(keys) == 1 else GROUPED_BAR
                x, y = "0", top + LABEL_LINE + position * (GROUPED_BAR + 2)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="chart-{}"{}/>',
                    x,
                    y,
                    percent(value),
                    height,
                    style,
                    _fill(name, style),
                )
            )
        parts.append(mark_safe("</g>"))

    legend = _legend(name, zip(styles, series.values(), strict=True)) if len(keys) > 1 else ""
    return format_html(
        '<div class="chart">{}<svg class="chart-bars" width="100%" height="{}" role="img" '
        'aria-labelledby="{}-title"><title id="{}-title">{}</title>'
        '<defs><pattern id="{}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="chart-hatch-ground"/>'
        '<line x1="0" y1="0" x2="0" y2="6" class="chart-hatch-line"/></pattern></defs>{}</svg></div>',
        legend,
        len(data) * row_height - ROW_GAP,
        name,
        name,
        title,
        name,
        mark_safe("".join(parts)),  # noqa: S308 (each part built by format_html)
    )
