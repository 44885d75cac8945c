"""Finding a programme's values in frab XML (schedule.xml), each problem named by its line;
programme.py checks them and builds the programme."""

import datetime

from django.utils.translation import gettext as _
from lxml import etree

from .programme import (
    ConferenceValues,
    PersonValues,
    Problems,
    ProgrammeInvalid,
    SessionValues,
    build_event,
    build_programme,
    conference_fields,
    count_session,
)
from .values import day_change, derived_guid, parse_guid

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def read_xml(content, *, time_zone=None):
    try:
        root = etree.fromstring(content, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as error:
        raise ProgrammeInvalid(
            [_("line %(line)s: %(error)s") % {"line": error.lineno, "error": error.msg}]
        ) from None
    if root.tag != "schedule":
        raise ProgrammeInvalid(
            [_("line %(line)s: the root element must be <schedule>.") % {"line": root.sourceline}]
        )
    problems = Problems()
    conference = root.find("conference")
    if conference is None:
        raise ProgrammeInvalid([_("The file has no <conference> element.")])
    acronym = _text(conference, "acronym")
    fields, zone = conference_fields(
        ConferenceValues(
            at=_at(conference),
            missing={"title": _("the conference has no <title>.")},
            title=_text(conference, "title"),
            acronym=acronym,
            time_zone=_text(conference, "time_zone_name"),
            start=_text(conference, "start"),
            end=_text(conference, "end"),
            timeslot=_text(conference, "timeslot_duration"),
            base_url=_text(conference, "base_url") or _text(root, "base_url") or _text(conference, "url"),
            session_dates=[date.text for date in root.iterfind("day/room/event/date")],
        ),
        problems,
        time_zone,
    )
    for track in conference.findall("track"):
        fields["tracks"][(track.get("name") or "").strip()] = (track.get("color") or "").strip()
    days = root.findall("day")
    fields["day_change"] = day_change(
        [(day.get("date"), day.get("start"), day.get("end")) for day in days],
        zone,
        _text(conference, "day_change"),
    )
    events, rooms = [], {}
    for day in days:
        for room in day.findall("room"):
            name = (room.get("name") or "").strip()
            if name not in rooms:
                rooms[name] = parse_guid(room.get("guid"), _where(room), problems, required=False)
            for element in room.findall("event"):
                count_session(events)
                events.append(
                    build_event(
                        _session(
                            element,
                            day.get("start") or day.get("date"),
                            guid_key=fields["acronym"],
                            pentabarf_date=_pentabarf_date(day.get("date"), element, fields["day_change"]),
                        ),
                        zone=zone,
                        acronym=acronym,
                        problems=problems,
                        base_url=fields["base_url"],
                    )
                )
    fields["rooms"] = list(rooms.items())
    return build_programme(fields, events, problems)


def _text(element, tag, default=""):
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else default


def _where(element):
    return _("line %(line)s") % {"line": element.sourceline}


def _at(element):
    """Where a part of an element is: the element's line, whatever the part."""
    where = _where(element)
    return lambda part: where


def _flag(value):
    return str(value).strip().lower() in ("true", "1", "yes")


def _pentabarf_date(day, element, change):
    """The date and time of a session as pentabarf writes it: no <date>, only the day's date and
    a <start> (HH:MM); a start before the day change is on the night after (01:00 is the next
    calendar day). "" when there is nothing to go by."""
    try:
        date = datetime.date.fromisoformat(str(day).strip())
        start = datetime.time.fromisoformat(_text(element, "start"))
    except ValueError:
        return ""
    if start < change:
        date += datetime.timedelta(days=1)
    return datetime.datetime.combine(date, start).isoformat()


def _session(element, day, *, guid_key, pentabarf_date):
    where = _where(element)
    recording = element.find("recording")
    persons = []
    for person in element.findall("persons/person"):
        name = (person.text or "").strip() or (person.get("name") or "").strip()
        persons.append(
            PersonValues(
                name=name,
                key=person.get("id") or person.get("code") or name,
                guid=person.get("guid"),
                where=_where(person),
                guid_where=where,
            )
        )
    return SessionValues(
        at=_at(element),
        missing={"title": _("the session has no <title>."), "date": _("the session has no <date>.")},
        # pentabarf gives ids, not GUIDs: the same GUID from the same id at every import.
        guid=element.get("guid")
        or (derived_guid(guid_key, "event", element.get("id")) if element.get("id") else None),
        day=day,
        title=_text(element, "title"),
        date=_text(element, "date") or pentabarf_date,
        duration=_text(element, "duration"),
        url=_text(element, "url"),
        persons=persons,
        links=[
            (link.get("href"), (link.text or "").strip(), where) for link in element.findall("links/link")
        ],
        attachments=[
            (item.get("href"), (item.text or "").strip(), where)
            for item in element.findall("attachments/attachment")
        ],
        details={
            "room": _text(element, "room"),
            "type": _text(element, "type"),
            "slug": _text(element, "slug"),
            "subtitle": _text(element, "subtitle"),
            "track": _text(element, "track"),
            "language": _text(element, "language"),
            "abstract": _text(element, "abstract"),
            "description": _text(element, "description"),
            "recording_license": _text(recording, "license") if recording is not None else "",
            "do_not_record": _flag(_text(recording, "optout")) if recording is not None else False,
            # An element where a tool writes one; our own export's processing instruction.
            "do_not_stream": _flag(_text(element, "do_not_stream"))
            or any(_flag(pi.text) for pi in element.iter(etree.PI) if pi.target == "do_not_stream"),
        },
    )
