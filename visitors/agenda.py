"""The visitor's part of the personal agenda (events.extensions.AGENDA_SECTIONS and
AGENDA_CALENDAR_SOURCES): what they follow and their meetings on the page, accepted meetings in
the calendar feed."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from events.exports import CalendarEntry
from exhibitors.selectors import confirmed_reservations

from . import selectors, tokens
from .models import Registration


def agenda_section(request, conference, agenda):
    registration = selectors.signed_in_registration(request, conference)
    if registration is None:
        return "visitors/includes/agenda_sign_in.html", {}
    section = {
        "intro": _(
            "They are kept with your registration: open the link to your badge on another device "
            "to have them there too."
        ),
        "registration": registration,
        "badge_url": tokens.badge_path(registration),
        **selectors.visitor_expo(registration),
    }
    return "visitors/includes/agenda_expo.html", section


def agenda_meetings(agenda, absolute):
    """The accepted meetings of the visitor whose agenda this is, as calendar entries."""
    registration = Registration.objects.select_related("conference").filter(agenda=agenda).first()
    if registration is None:
        return []
    meetings = registration.meetings.accepted().select_related("exhibitor")
    meetings = meetings.prefetch_related(
        Prefetch(
            "exhibitor__reservations",
            queryset=confirmed_reservations().select_related("booth"),
            to_attr="confirmed_reservations",
        )
    )
    entries = []
    for meeting in meetings:
        exhibitor = meeting.exhibitor
        booths = ", ".join(reservation.booth.code for reservation in exhibitor.confirmed_reservations)
        venue = registration.conference.venue_name
        url = absolute(exhibitor.get_absolute_url())
        entries.append(
            CalendarEntry(
                uid=f"meeting-{meeting.pk}",
                summary=_("Meeting with %(exhibitor)s") % {"exhibitor": exhibitor.name},
                start=meeting.start,
                end=meeting.end,
                location=(_("Booth %(codes)s, %(venue)s") % {"codes": booths, "venue": venue})
                if booths
                else venue,
                description="\n\n".join(filter(None, [meeting.reply, url])),
                url=url,
                modified=meeting.updated,
            )
        )
    return entries
