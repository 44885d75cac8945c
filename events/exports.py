"""The programme for calendars and schedule apps: iCalendar (RFC 5545) and the frab schedule
format in XML and JSON (https://c3voc.de/schedule), built from one list of sessions."""

import datetime
import re
import uuid
import xml.etree.ElementTree as ET
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .enums import SessionStatus
from .selectors import conference_days

GENERATOR = "smartcity-expo-portal"
# The time zone names the frab JSON schema takes (its own pattern, as it is written).
SCHEMA_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
DO_NOT_STREAM = "do_not_stream"


def schema_acronym(text):
    """Any acronym with only what the schemas allow in it: a-z, 0-9 and _ (maybe too short)."""
    return re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_")


def acronym(conference):
    """The edition's acronym as both frab schemas take it: four or more of a-z, 0-9 and _ (the
    JSON schema allows a hyphen only before a year, and the XML's session slugs none at all), so
    `city-forum-2026` goes out as `city_forum_2026`; a stored acronym that fits goes out as it is."""
    text = schema_acronym(conference.acronym)
    if not text:
        return f"smartcity{conference.number}"
    return text if len(text) >= 4 else f"{text}_{conference.number}".ljust(4, "0")


# An imported programme's GUIDs go out unchanged (schedule apps key favourites on them); the
# portal's own sessions, speakers and rooms get GUIDs derived from their ids, stable too.


def session_guid(session):
    if session.guid:
        return str(session.guid)
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL, f"{settings.SITE_URL}/editions/{session.conference_id}/sessions/{session.pk}"
        )
    )


def speaker_guid(speaker):
    if speaker.guid:
        return str(speaker.guid)
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL, f"{settings.SITE_URL}/editions/{speaker.conference_id}/speakers/{speaker.pk}"
        )
    )


def room_guid(room):
    if room and room.guid:
        return str(room.guid)
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL,
            f"{settings.SITE_URL}/rooms/{room.pk}" if room else f"{settings.SITE_URL}/rooms/none",
        )
    )


def timeslot(conference):
    return _hours_minutes(datetime.timedelta(minutes=conference.timeslot_minutes))


def frab_language(session):
    """The session's languages as programmes write them ("de, en"); empty when it names none."""
    return ", ".join(session.language_codes)


def frab_slug(conference, session):
    """`<acronym>-<id>-<slug>`: unique, lower case, ending in a letter or digit, its slug part four
    characters or more, as both schemas ask."""
    tail = slugify(session.slug).strip("-_") or "session"
    if len(tail) < 4:
        tail = f"{tail}-session"
    return f"{acronym(conference)}-{session.pk}-{tail}"


def _room_name_of(room):
    return room.name if room else _("To be announced")


def _room_name(session):
    return _room_name_of(session.room)


def _hours_minutes(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02}:{minutes % 60:02}"


def _speaker_names(session):
    return [link.speaker.name for link in session.ordered_speakers]


def _sequence(session):
    # Grows with every saved change, which is what calendar apps compare.
    return max(int((session.updated - session.created).total_seconds()), 0)


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
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    calendar = Calendar()
    calendar.add("prodid", f"-//{GENERATOR}//{conference.number}//")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conference.time_zone)
    now = timezone.now()
    for session in sessions:
        event = Event()
        url = absolute(session.get_absolute_url())
        event.add("uid", f"{session_guid(session)}@{GENERATOR}")
        event.add("summary", session.title)
        event.add("dtstart", session.start.astimezone(zone))
        event.add("dtend", session.end.astimezone(zone))
        event.add("dtstamp", now)
        event.add("last-modified", session.updated)
        event.add("sequence", _sequence(session))
        event.add("location", f"{_room_name(session)}, {conference.venue_name}")
        event.add("url", url)
        speakers = _speaker_names(session)
        lines = [session.abstract] if session.abstract else []
        if speakers:
            lines.append(_("Speakers: %(names)s") % {"names": ", ".join(speakers)})
        lines.append(url)
        event.add("description", "\n\n".join(lines))
        event.add("status", "CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED")
        if session.track:
            event.add("categories", [session.track.name])
        calendar.add_component(event)
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@{GENERATOR}")
        event.add("summary", entry.summary)
        event.add("dtstart", entry.start.astimezone(zone))
        event.add("dtend", entry.end.astimezone(zone))
        event.add("dtstamp", now)
        event.add("last-modified", entry.modified)
        event.add("location", entry.location)
        event.add("url", entry.url)
        event.add("description", entry.description)
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _days(conference, sessions):
    """[(index, date, day start, day end, {room name: [session]})] for every day of the edition;
    days run from one day change to the next, as frab counts them."""
    by_day = {day: {} for day in conference_days(conference)}
    for session in sessions:
        by_day.setdefault(conference.day_of(session.start), {}).setdefault(_room_name(session), []).append(
            session
        )
    days = []
    for index, (day, rooms) in enumerate(sorted(by_day.items()), start=1):
        start = conference.day_begins(day)
        end = conference.day_begins(day + datetime.timedelta(days=1)) - datetime.timedelta(seconds=1)
        days.append((index, day, start, end, rooms))
    return days


def _event_fields(session, conference, zone, absolute):
    return {
        "date": session.start.astimezone(zone).isoformat(),
        "start": session.start.astimezone(zone).strftime("%H:%M"),
        "duration": _hours_minutes(session.end - session.start),
        "room": _room_name(session),
        "slug": frab_slug(conference, session),
        "url": session.url or absolute(session.get_absolute_url()),
        "title": session.title,
        "subtitle": session.subtitle,
        "track": session.track.name if session.track else "",
        # The kind's name, as pretalx and frab write it; the importer knows a kind by its name.
        "type": session.kind.name,
        "language": frab_language(session),
        "abstract": session.abstract,
        "description": session.description,
    }


def frab_json(sessions, *, conference, absolute):
    """The schedule as frab JSON (schema: tests/fixtures/frab/schema.json)."""
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    tracks = {session.track.pk: session.track for session in sessions if session.track}
    rooms = {session.room_id: session.room for session in sessions}
    days = []
    for index, day, start, end, by_room in _days(conference, sessions):
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": {
                    room: [
                        {
                            "guid": session_guid(session),
                            "id": session.pk,
                            **_event_fields(session, conference, zone, absolute),
                            "recording_license": session.recording_license,
                            "do_not_record": session.do_not_record,
                            "do_not_stream": session.do_not_stream,
                            "persons": [
                                {"name": link.speaker.name, "guid": speaker_guid(link.speaker)}
                                for link in session.ordered_speakers
                            ],
                            "links": [
                                {"url": link.url, "title": link.title}
                                for link in session.ordered_links
                                if not link.is_attachment
                            ],
                            "attachments": [
                                {"url": link.url, "title": link.title}
                                for link in session.ordered_links
                                if link.is_attachment
                            ],
                        }
                        for session in room_sessions
                    ]
                    for room, room_sessions in by_room.items()
                },
            }
        )
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": "1"},
        "schedule": {
            "version": _version(sessions),
            "base_url": absolute("/"),
            "conference": {
                "acronym": acronym(conference),
                "title": conference.name,
                "start": conference.start_date.isoformat(),
                "end": conference.end_date.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": timeslot(conference),
                # A zone taken from a file's offsets (Etc/GMT-2) is not a name the JSON schema
                # takes; the times carry their offsets, and an import reads the zone from them.
                **(
                    {"time_zone_name": conference.time_zone}
                    if SCHEMA_ZONE.match(conference.time_zone)
                    else {}
                ),
                "url": absolute("/"),
                "tracks": [
                    {
                        "name": track.name,
                        "slug": slugify(track.slug).strip("-_") or f"track{track.pk}",
                        "color": track.colour,
                    }
                    for track in tracks.values()
                ],
                "rooms": [{"name": _room_name_of(room), "guid": room_guid(room)} for room in rooms.values()],
                "days": days,
            },
        },
    }


def _version(sessions):
    latest = max((session.updated for session in sessions), default=None)
    return latest.strftime("%Y-%m-%d %H:%M") if latest else "0"


def frab_xml(sessions, *, conference, absolute):
    """The schedule as frab XML (schema: tests/fixtures/frab/schedule.xml.xsd)."""
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR, version="1")
    ET.SubElement(root, "url").text = absolute("/")
    ET.SubElement(root, "version").text = _version(sessions)
    info = ET.SubElement(root, "conference")
    days = _days(conference, sessions)
    for tag, value in [
        ("title", conference.name),
        ("acronym", acronym(conference)),
        ("start", conference.start_date.isoformat()),
        ("end", conference.end_date.isoformat()),
        ("days", str(len(days))),
        ("timeslot_duration", timeslot(conference)),
        ("base_url", absolute("/")),
        ("time_zone_name", conference.time_zone),
    ]:
        ET.SubElement(info, tag).text = value
    for track in {session.track.pk: session.track for session in sessions if session.track}.values():
        ET.SubElement(info, "track", name=track.name, color=track.colour)
    for index, day, start, end, by_room in days:
        day_element = ET.SubElement(
            root, "day", index=str(index), date=day.isoformat(), start=start.isoformat(), end=end.isoformat()
        )
        for room, room_sessions in by_room.items():
            room_element = ET.SubElement(
                day_element, "room", name=room, guid=room_guid(room_sessions[0].room)
            )
            for session in room_sessions:
                event = ET.SubElement(room_element, "event", id=str(session.pk), guid=session_guid(session))
                for tag, value in _event_fields(session, conference, zone, absolute).items():
                    ET.SubElement(event, tag).text = value
                persons = ET.SubElement(event, "persons")
                for link in session.ordered_speakers:
                    person = ET.SubElement(
                        persons, "person", id=str(link.speaker.pk), guid=speaker_guid(link.speaker)
                    )
                    person.text = link.speaker.name
                recording = ET.SubElement(event, "recording")
                ET.SubElement(recording, "license").text = session.recording_license
                ET.SubElement(recording, "optout").text = "true" if session.do_not_record else "false"
                if session.do_not_stream:
                    # The schema has no element for it; a processing instruction keeps the file
                    # valid, schedule apps skip it, and an import of the file reads it back.
                    recording.append(ET.ProcessingInstruction(DO_NOT_STREAM, "true"))
                links = ET.SubElement(event, "links")
                attachments = ET.SubElement(event, "attachments")
                for link in session.ordered_links:
                    parent, tag = (attachments, "attachment") if link.is_attachment else (links, "link")
                    ET.SubElement(parent, tag, href=link.url).text = link.title
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")
