"""The programme in the frab schedule format (https://c3voc.de/schedule), as JSON and as XML,
written a day at a time from a Programme: the same bytes as one document dumped whole, without
ever holding the whole document."""

import json
import xml.etree.ElementTree as ET
import zoneinfo

from django.utils.text import slugify

from .ids import (
    DO_NOT_STREAM,
    GENERATOR,
    SCHEMA_ZONE,
    acronym,
    frab_language,
    frab_slug,
    hours_minutes,
    room_guid,
    room_name,
    room_name_of,
    session_guid,
    speaker_guid,
    timeslot,
)


def _event_fields(session, conference, zone, absolute):
    return {
        "date": session.start.astimezone(zone).isoformat(),
        "start": session.start.astimezone(zone).strftime("%H:%M"),
        "duration": hours_minutes(session.end - session.start),
        "room": room_name(session),
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


def _version(programme):
    return programme.latest.strftime("%Y-%m-%d %H:%M") if programme.latest else "0"


def frab_json_chunks(programme, *, absolute):
    """The schedule as frab JSON (schema: tests/fixtures/frab/schema.json), in pieces: the head,
    then each day."""
    conference = programme.conference
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    head = json.dumps(_json_head(programme, absolute), ensure_ascii=False)
    # The days are the head's last value: `..."days": []}}}` is cut before its "]".
    before, after = head[: -len("]}}}")], head[-len("]}}}") :]
    yield before.encode()
    for index, day, start, end, by_room in programme.by_day():
        document = {
            "index": index,
            "date": day.isoformat(),
            "day_start": start.isoformat(),
            "day_end": end.isoformat(),
            "rooms": {
                room: [_json_event(session, conference, zone, absolute) for session in room_sessions]
                for room, room_sessions in by_room.items()
            },
        }
        yield ((", " if index > 1 else "") + json.dumps(document, ensure_ascii=False)).encode()
    yield after.encode()


def _json_head(programme, absolute):
    conference = programme.conference
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": "1"},
        "schedule": {
            "version": _version(programme),
            "base_url": absolute("/"),
            "conference": {
                "acronym": acronym(conference),
                "title": conference.name,
                "start": conference.start_date.isoformat(),
                "end": conference.end_date.isoformat(),
                "daysCount": len(programme.days),
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
                    for track in programme.tracks
                ],
                "rooms": [{"name": room_name_of(room), "guid": room_guid(room)} for room in programme.rooms],
                "days": [],
            },
        },
    }


def _json_event(session, conference, zone, absolute):
    return {
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
            {"url": link.url, "title": link.title} for link in session.ordered_links if not link.is_attachment
        ],
        "attachments": [
            {"url": link.url, "title": link.title} for link in session.ordered_links if link.is_attachment
        ],
    }


def frab_xml_chunks(programme, *, absolute):
    """The schedule as frab XML (schema: tests/fixtures/frab/schedule.xml.xsd), in pieces: the
    head, then each day's element."""
    conference = programme.conference
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    yield b'<?xml version="1.0" encoding="utf-8"?>\n<schedule>'
    for element in _xml_head(programme, absolute):
        yield ET.tostring(element, encoding="utf-8")
    for index, day, start, end, by_room in programme.by_day():
        day_element = ET.Element(
            "day", index=str(index), date=day.isoformat(), start=start.isoformat(), end=end.isoformat()
        )
        for room, room_sessions in by_room.items():
            room_element = ET.SubElement(
                day_element, "room", name=room, guid=room_guid(room_sessions[0].room)
            )
            for session in room_sessions:
                _xml_event(room_element, session, conference, zone, absolute)
        yield ET.tostring(day_element, encoding="utf-8")
    yield b"</schedule>"


def _xml_head(programme, absolute):
    conference = programme.conference
    generator = ET.Element("generator", name=GENERATOR, version="1")
    url = ET.Element("url")
    url.text = absolute("/")
    version = ET.Element("version")
    version.text = _version(programme)
    info = ET.Element("conference")
    for tag, value in [
        ("title", conference.name),
        ("acronym", acronym(conference)),
        ("start", conference.start_date.isoformat()),
        ("end", conference.end_date.isoformat()),
        ("days", str(len(programme.days))),
        ("timeslot_duration", timeslot(conference)),
        ("base_url", absolute("/")),
        ("time_zone_name", conference.time_zone),
    ]:
        ET.SubElement(info, tag).text = value
    for track in programme.tracks:
        ET.SubElement(info, "track", name=track.name, color=track.colour)
    return [generator, url, version, info]


def _xml_event(room_element, session, conference, zone, absolute):
    event = ET.SubElement(room_element, "event", id=str(session.pk), guid=session_guid(session))
    for tag, value in _event_fields(session, conference, zone, absolute).items():
        ET.SubElement(event, tag).text = value
    persons = ET.SubElement(event, "persons")
    for link in session.ordered_speakers:
        person = ET.SubElement(persons, "person", id=str(link.speaker.pk), guid=speaker_guid(link.speaker))
        person.text = link.speaker.name
    recording = ET.SubElement(event, "recording")
    ET.SubElement(recording, "license").text = session.recording_license
    ET.SubElement(recording, "optout").text = "true" if session.do_not_record else "false"
    if session.do_not_stream:
        # The schema has no element for it; a processing instruction keeps the file valid,
        # schedule apps skip it, and an import of the file reads it back.
        recording.append(ET.ProcessingInstruction(DO_NOT_STREAM, "true"))
    links = ET.SubElement(event, "links")
    attachments = ET.SubElement(event, "attachments")
    for link in session.ordered_links:
        parent, tag = (attachments, "attachment") if link.is_attachment else (links, "link")
        ET.SubElement(parent, tag, href=link.url).text = link.title
