"""The grid's session cards, written here rather than by an include per card: a day of a big
programme has hundreds of sessions, and the includes were most of the grid's render time.
The markup is the list cards' (same classes, same star button), a little shorter: every card
is the grid item itself, and times carry no datetime attribute (the day is the page's).
Every text from the database is escaped."""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


def _prefix(name):
    # One reverse() per page, not one per card and speaker: the URLs differ only by slug.
    return reverse(name, kwargs={"slug": "-"})[:-2]


@register.simple_tag
def grid_cells(grid, zone):
    session_url, speaker_url = _prefix("events:session_detail"), _prefix("events:speaker_detail")
    cancelled, changed, star = escape(_("Cancelled")), _("Changed"), escape(_("Star"))
    separator = escape(pgettext("list separator", ", "))
    parts = []
    for cell in grid.cells:
        session = cell.session
        title = escape(session.title)
        column = cell.column or "2 / -1"
        colour = f";--track-colour:{escape(session.track.colour)}" if session.track else ""
        classes = "session-card grid-cell" + (" is-cancelled" if session.is_cancelled else "")
        parts.append(
            f'<article id="session-{session.pk}" class="{classes}" '
            f'style="grid-row:{cell.row_start} / {cell.row_end};grid-column:{column}{colour}">'
            f'<p class="session-meta"><time>{localtime(session.start, zone):%H:%M}</time>–'
            f"<time>{localtime(session.end, zone):%H:%M}</time></p>"
            '<h3 class="session-title">'
        )
        if session.is_cancelled:
            parts.append(f'<span class="badge badge-cancelled">{cancelled}</span> ')
            link_text = f"<del>{title}</del>"
        else:
            if session.changed_at:
                moment = date_format(localtime(session.changed_at, zone), "DATETIME_FORMAT")
                note = escape(_("Changed on %(moment)s") % {"moment": moment})
                parts.append(f'<span class="badge badge-changed" title="{note}">{escape(changed)}</span> ')
            link_text = title
        parts.append(f'<a id="title-{session.pk}" href="{session_url}{session.slug}/">{link_text}</a></h3>')
        if session.track:
            parts.append(
                f'<p class="session-tags"><span class="tag tag-track">{escape(session.track.name)}</span></p>'
            )
        if session.ordered_speakers:
            names = separator.join(
                f'<a href="{speaker_url}{link.speaker.slug}/">{escape(link.speaker.name)}</a>'
                for link in session.ordered_speakers
            )
            parts.append(f'<p class="session-speakers">{names}</p>')
        if not session.is_cancelled:
            parts.append(
                f'<button form="star-form" name="session" value="{session.pk}" class="star-button" '
                f'aria-pressed="false" aria-describedby="title-{session.pk}" data-star>'
                '<span aria-hidden="true" class="star-icon">☆</span> '
                f'<span class="star-label">{star}</span></button>'
            )
        parts.append("</article>")
    return mark_safe("".join(parts))  # noqa: S308 (every text from the database is escaped above)
