"""The programme, or a visitor's agenda, as an iCalendar file (RFC 5545), written an event at a
time."""

import datetime
import itertools
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ..enums import SessionStatus
from .ids import GENERATOR, room_name, sequence, session_guid, speaker_names

END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class CalendarEntry:
    """Something other than a session in a visitor's calendar (a meeting at a booth, say)."""

    uid: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime
    location: str
    description: str
    url: str
    modified: datetime.datetime


def icalendar(sessions, *, conference, name, absolute, entries=()):
    """An iCalendar file of `sessions` (shaped by sessions_for_listing) and other `entries`
    (CalendarEntry), in the edition's time zone."""
    return b"".join(
        icalendar_chunks(sessions, conference=conference, name=name, absolute=absolute, entries=entries)
    )


def icalendar_chunks(sessions, *, conference, name, absolute, entries=()):
    """The same file in pieces, an event each; `sessions` may be a Programme, read a day at a
    time. The edition's time zone is described (VTIMEZONE) before the first event, as
    Calendar.add_missing_timezones() places it, and only when an event refers to it."""
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    now = timezone.now()
    events = itertools.chain(
        (_session_event(session, conference, zone, now, absolute) for session in sessions),
        (_entry_event(entry, zone, now) for entry in entries),
    )
    head = None
    for event in events:
        if head is None:
            head = _head(conference, name, zone)
            yield head
        yield event.to_ical()
    if head is None:
        yield _head(conference, name, None)
    yield END


def _head(conference, name, zone):
    """BEGIN:VCALENDAR, its properties and the time zone events in `zone` refer to."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{GENERATOR}//{conference.number}//")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conference.time_zone)
    if zone is not None:
        probe = Event()
        probe.add("dtstart", datetime.datetime(2000, 1, 1, tzinfo=zone))
        calendar.add_component(probe)
        calendar.add_missing_timezones()
        calendar.subcomponents.remove(probe)
    whole = calendar.to_ical()
    return whole[: -len(END)]


def _event(*, uid, summary, start, end, zone, now, modified, location, url, description, status):
    event = Event()
    event.add("uid", f"{uid}@{GENERATOR}")
    event.add("summary", summary)
    event.add("dtstart", start.astimezone(zone))
    event.add("dtend", end.astimezone(zone))
    event.add("dtstamp", now)
    event.add("last-modified", modified)
    event.add("location", location)
    event.add("url", url)
    event.add("description", description)
    event.add("status", status)
    return event


def _session_event(session, conference, zone, now, absolute):
    url = absolute(session.get_absolute_url())
    speakers = speaker_names(session)
    lines = [session.abstract] if session.abstract else []
    if speakers:
        lines.append(_("Speakers: %(names)s") % {"names": ", ".join(speakers)})
    lines.append(url)
    event = _event(
        uid=session_guid(session),
        summary=session.title,
        start=session.start,
        end=session.end,
        zone=zone,
        now=now,
        modified=session.updated,
        location=f"{room_name(session)}, {conference.venue_name}",
        url=url,
        description="\n\n".join(lines),
        status="CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED",
    )
    event.add("sequence", sequence(session))
    if session.track:
        event.add("categories", [session.track.name])
    return event


def _entry_event(entry, zone, now):
    return _event(
        uid=entry.uid,
        summary=entry.summary,
        start=entry.start,
        end=entry.end,
        zone=zone,
        now=now,
        modified=entry.modified,
        location=entry.location,
        url=entry.url,
        description=entry.description,
        status="CONFIRMED",
    )
