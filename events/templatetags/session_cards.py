"""Session cards, written here rather than by an include per card: a programme page holds
up to hundreds of them (a grid day of a big congress), and includes were most of its render
time. Lists, the home page, speaker pages, the agenda and the grid share this one markup.
Every text from the database is escaped; times are shown in the active time zone (the
templates' {% timezone conference.time_zone %})."""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

register = template.Library()
# How many overlapping sessions a card of the agenda names.
OVERLAPS_NAMED = 3


class CardWriter:
    """What every card of a page shares, looked up once: URL prefixes and translated labels."""

    def __init__(self, starred=()):
        # One reverse() per page, not one per card and speaker: the URLs differ only by slug.
        self.session_url = reverse("events:session_detail", kwargs={"slug": "-"})[:-2]
        self.speaker_url = reverse("events:speaker_detail", kwargs={"slug": "-"})[:-2]
        self.cancelled = escape(_("Cancelled"))
        self.changed = escape(_("Changed"))
        self.star, self.starred_label = escape(_("Star")), escape(_("Starred"))
        self.overlaps = escape(_("Overlaps with"))
        self.separator = escape(pgettext("list separator", ", "))
        self.starred = starred

    def card(self, session, *, grid_cell=None):
        """One card. In the grid the card is the grid item itself (`grid_cell`: its rows and
        column) and leaves out the room (the column says it) and the kind."""
        starred = session.pk in self.starred
        title = escape(session.title)
        style = f"--track-colour:{escape(session.track.colour)}" if session.track else ""
        classes = "session-card" + (" is-cancelled" if session.is_cancelled else "")
        if grid_cell:
            classes += " grid-cell"
            rows = f"{grid_cell.row_start} / {grid_cell.row_end}"
            style = f"grid-row:{rows};grid-column:{grid_cell.grid_column};{style}"
        start, end = localtime(session.start), localtime(session.end)
        parts = [
            f'<article id="session-{session.pk}" class="{classes}"'
            + (f' style="{style}">' if style else ">"),
            f'<p class="session-meta"><time datetime="{start.isoformat()}">{start:%H:%M}</time>–'
            f'<time datetime="{end.isoformat()}">{end:%H:%M}</time>',
        ]
        if session.room and not grid_cell:
            parts.append(f' <span class="session-room">{escape(session.room.name)}</span>')
        parts.append('</p><h3 class="session-title">')
        if session.is_cancelled:
            parts.append(f'<span class="badge badge-cancelled">{self.cancelled}</span> ')
            link_text = f"<del>{title}</del>"
        else:
            if session.changed_at:
                moment = date_format(localtime(session.changed_at), "DATETIME_FORMAT")
                note = escape(_("Changed on %(moment)s") % {"moment": moment})
                parts.append(f'<span class="badge badge-changed" title="{note}">{self.changed}</span> ')
            link_text = title
        parts.append(
            f'<a id="title-{session.pk}" href="{self.session_url}{session.slug}/">{link_text}</a></h3>'
        )
        tags = [] if grid_cell else [f'<span class="tag">{escape(session.kind.name)}</span>']
        if session.track:
            tags.append(f'<span class="tag tag-track">{escape(session.track.name)}</span>')
        if tags:
            parts.append(f'<p class="session-tags">{" ".join(tags)}</p>')
        if session.ordered_speakers:
            names = self.separator.join(
                f'<a href="{self.speaker_url}{link.speaker.slug}/">{escape(link.speaker.name)}</a>'
                for link in session.ordered_speakers
            )
            parts.append(f'<p class="session-speakers">{names}</p>')
        overlaps = getattr(session, "overlaps", None)
        if overlaps:
            # A few by name, the rest counted: naming them all grows with the square of the stars.
            others = self.separator.join(
                f'<a href="#session-{other.pk}">{escape(other.title)}</a>'
                for other in overlaps[:OVERLAPS_NAMED]
            )
            more = len(overlaps) - OVERLAPS_NAMED
            if more > 0:
                others += " " + escape(
                    ngettext("and %(count)s more", "and %(count)s more", more) % {"count": more}
                )
            parts.append(f'<p class="overlap-warning"><strong>{self.overlaps}</strong> {others}</p>')
        if not session.is_cancelled or starred:
            parts.append(self.star_button(session, starred=starred, described_by=f"title-{session.pk}"))
        parts.append("</article>")
        return "".join(parts)

    def star_button(self, session, *, starred, described_by):
        """The star button, which submits the page's one star form (base.html) and which
        agenda.js marks with the visitor's own state; `described_by` names the session."""
        icon, label = ("★", self.starred_label) if starred else ("☆", self.star)
        pressed = "true" if starred else "false"
        return (
            f'<button form="star-form" name="session" value="{session.pk}" class="star-button" '
            f'aria-pressed="{pressed}" aria-describedby="{described_by}" data-star>'
            f'<span aria-hidden="true" class="star-icon">{icon}</span> '
            f'<span class="star-label">{label}</span></button>'
        )


@register.simple_tag(takes_context=True)
def session_cards(context, sessions):
    """The cards of these sessions; starred ones (the agenda page's `starred_sessions`) say so."""
    writer = CardWriter(context.get("starred_sessions", ()))
    return mark_safe("".join(writer.card(session) for session in sessions))  # noqa: S308 (escaped in card())


@register.simple_tag(takes_context=True)
def session_card(context, session):
    return session_cards(context, [session])


@register.simple_tag
def grid_cells(grid):
    """The grid's cards, each placed in its rows and column."""
    writer = CardWriter()
    return mark_safe("".join(writer.card(cell.session, grid_cell=cell) for cell in grid.cells))  # noqa: S308


@register.simple_tag
def star_button(session, described_by):
    """A session page's star button, named by the element `described_by` (its heading)."""
    button = CardWriter().star_button(session, starred=False, described_by=escape(described_by))
    return mark_safe(button)  # noqa: S308 (nothing from the database in it but the id)
