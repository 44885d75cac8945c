"""The floor plan's booths, drawn here rather than by a template per booth: a hall holds
hundreds of booths, and an include per booth (twice: plan and table) made the plan the
slowest page of the site. Every text from the database is escaped."""

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..enums import BoothAvailability

register = template.Library()
# Where a booth's code sits inside it, in metres from its corner (the text is 0.75 m high).
TEXT_INSET_X = Decimal("0.25")
TEXT_INSET_Y = Decimal("0.95")


@register.filter
def number(value):
    """A length as the plan writes it: 3, 2.5, 300 (not 3.00, nor 3E+2)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _exhibitor_prefix():
    # One reverse() for the page, not one per booked booth: exhibitor URLs differ only by slug.
    return reverse("exhibitors:exhibitor_detail", kwargs={"slug": "-"})[:-2]


def _labels():
    return {status: escape(status.label) for status in BoothAvailability}


# The company's name under the code, where the booth is big enough, cut to what fits.
COMPANY_INSET_Y = Decimal("1.7")
COMPANY_CHARACTERS_PER_METRE = Decimal("2.2")


def company_line(booth, name):
    if booth.width < 2 or booth.depth < 2:
        return ""
    room = int(booth.width * COMPANY_CHARACTERS_PER_METRE)
    shown = name if len(name) <= room else name[: room - 1].rstrip() + "…"
    return (
        f'<text class="booth-company" x="{number(booth.x + TEXT_INSET_X)}" '
        f'y="{number(booth.y + COMPANY_INSET_Y)}">{escape(shown)}</text>'
    )


def _choice_prefix():
    # As _exhibitor_prefix: booth pages differ only by the booth's id.
    return reverse("exhibitors:booth_detail", kwargs={"pk": 0})[:-2]


def _choice_booth(item, shape, choice_prefix, labels, classes):
    """In the exhibitor portal a free booth is a link to its page (to reserve it); a taken one
    is a shape titled with its status in words, and is not a link."""
    booth, status = item.booth, item.booth.availability
    title = f"{escape(booth.code)} · {labels[status]}"
    if status == BoothAvailability.AVAILABLE:
        return f'<a href="{choice_prefix}{booth.pk}/" class="{classes}"><title>{title}</title>{shape}</a>'
    if item.exhibitor:
        shape += company_line(booth, item.exhibitor.name)
        title += f" · {escape(item.exhibitor.name)}"
    return f'<g class="{classes}"><title>{title}</title>{shape}</g>'


@register.simple_tag
def hall_booths_svg(plan, choose=False):
    """The booths of a hall plan as SVG. A booked booth is a link to its exhibitor, titled with
    code, status and company; the others are plain shapes (their status is in the pattern, the
    legend and the table), which keeps a hall of hundreds of booths a page of reasonable size.
    With `choose` (the exhibitor portal), the free booths are the links, to their booth pages."""
    prefix, labels, parts = _exhibitor_prefix(), _labels(), []
    choice_prefix = _choice_prefix() if choose else ""
    for item in plan.booths:
        booth, exhibitor = item.booth, item.exhibitor
        status = booth.availability
        code = escape(booth.code)
        classes = f"booth booth-{status}" + (" is-highlighted" if item.highlighted else "")
        shape = (
            f'<rect x="{number(booth.x)}" y="{number(booth.y)}" width="{number(booth.width)}" '
            f'height="{number(booth.depth)}"/><text x="{number(booth.x + TEXT_INSET_X)}" '
            f'y="{number(booth.y + TEXT_INSET_Y)}">{code}</text>'
        )
        if choose:
            parts.append(_choice_booth(item, shape, choice_prefix, labels, classes))
        elif exhibitor:
            shape += company_line(booth, exhibitor.name)
            title = f"{code} · {labels[status]} · {escape(exhibitor.name)}"
            parts.append(
                f'<a href="{prefix}{exhibitor.slug}/" class="{classes}"><title>{title}</title>{shape}</a>'
            )
        else:
            parts.append(f'<g class="{classes}">{shape}</g>')
    return mark_safe("".join(parts))  # noqa: S308 (every text from the database is escaped above)


@register.simple_tag
def hall_booth_rows(plan):
    """The taken booths (and the one asked for) as table rows: code, size, status in words,
    exhibitor. Free booths are listed by code after the table (hall_free_booths)."""
    prefix, labels, parts = _exhibitor_prefix(), _labels(), []
    size = _("%(width)s × %(depth)s m")
    for item in plan.booths:
        booth, exhibitor = item.booth, item.exhibitor
        status = booth.availability
        if status == BoothAvailability.AVAILABLE and not item.highlighted:
            continue
        code = escape(booth.code)
        current = ' class="is-highlighted" aria-current="true"' if item.highlighted else ""
        company = f'<a href="{prefix}{exhibitor.slug}/">{escape(exhibitor.name)}</a>' if exhibitor else "—"
        parts.append(
            f'<tr id="booth-{code}"{current}><th>{code}</th>'
            f"<td>{size % {'width': number(booth.width), 'depth': number(booth.depth)}}</td>"
            f'<td class="status-label status-{status}">{labels[status]}</td>'
            f"<td>{company}</td></tr>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every text from the database is escaped above)


@register.simple_tag
def hall_free_booths(plan):
    """The codes of the hall's free booths, in order, separated by the list separator."""
    codes = [
        escape(item.booth.code)
        for item in plan.booths
        if item.booth.availability == BoothAvailability.AVAILABLE
    ]
    return mark_safe(escape(pgettext("list separator", ", ")).join(codes))  # noqa: S308 (escaped)
