"""Reading a programme in the frab schedule format (https://c3voc.de/schedule), XML or JSON,
as pretalx, frab, wafer and the CCC hub write it, into plain data for services.schedule_import.

Everything is checked before anything is written: a file with problems is refused as a whole,
each problem named by its line (XML) or its place in the document (JSON)."""

import datetime
import json
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from lxml import etree

# Enough for a congress; beyond them a file is refused rather than read into memory.
MAX_EVENTS = 10_000
MAX_BYTES = 50 * 1024 * 1024
MAX_PROBLEMS = 20


class ProgrammeInvalid(Exception):
    """The file cannot be imported; `problems` says where and why, in the visitor's language."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Person:
    guid: uuid.UUID
    name: str
    biography: str = ""


@dataclass
class Event:
    guid: uuid.UUID
    title: str
    start: datetime.datetime
    end: datetime.datetime
    room: str
    type: str
    slug: str = ""
    subtitle: str = ""
    track: str = ""
    language: str = ""
    abstract: str = ""
    description: str = ""
    url: str = ""
    recording_license: str = ""
    do_not_record: bool = False
    do_not_stream: bool = False
    persons: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (url, title)
    attachments: list = field(default_factory=list)  # (url, title)


@dataclass
class Programme:
    title: str
    acronym: str
    start: datetime.date
    end: datetime.date
    time_zone: str
    day_change: datetime.time
    timeslot_minutes: int
    rooms: list  # (name, guid or None), in the file's order
    tracks: dict  # name -> colour ("" when not given)
    events: list


class Problems:
    """Collects problems, each with its place; stops reading after MAX_PROBLEMS."""

    def __init__(self):
        self.found = []

    def add(self, where, message):
        self.found.append(f"{where}: {message}")
        if len(self.found) >= MAX_PROBLEMS:
            raise ProgrammeInvalid(
                [*self.found, _("(stopped after %(count)s problems)") % {"count": MAX_PROBLEMS}]
            )

    def check(self):
        if self.found:
            raise ProgrammeInvalid(self.found)


def _guid(value, where, problems, *, required=True):
    if not value:
        if required:
            problems.add(where, _("the GUID is missing."))
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        problems.add(where, _("“%(value)s” is not a GUID.") % {"value": str(value)[:60]})
        return None


def _derived_guid(acronym, kind, key):
    """For a person or room the file gives no GUID: the same one at every import of this edition."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"frab:{acronym}:{kind}:{key}")


def _moment(value, zone, where, problems):
    try:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(where, _("“%(value)s” is not a date and time.") % {"value": str(value)[:40]})
        return None
    # Without an offset, a time is in the conference's time zone.
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _duration(value, where, problems):
    parts = str(value).strip().split(":")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        numbers = []
    if len(numbers) not in (2, 3) or any(number < 0 for number in numbers):
        problems.add(where, _("“%(value)s” is not a duration (HH:MM).") % {"value": str(value)[:20]})
        return None
    hours, minutes = numbers[0], numbers[1]
    delta = datetime.timedelta(hours=hours, minutes=minutes)
    if delta <= datetime.timedelta(0):
        problems.add(where, _("a session must last longer than zero minutes."))
        return None
    return delta


def _date(value, where, problems):
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(where, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": str(value)[:20]})
        return None


def _zone(value, where, problems):
    try:
        return zoneinfo.ZoneInfo(str(value).strip() or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.add(where, _("“%(value)s” is not a time zone name.") % {"value": str(value)[:60]})
        return zoneinfo.ZoneInfo("UTC")


_web_address = URLValidator(schemes=["http", "https"])


def _url(value, where, problems):
    """A web address, or "" for none; anything else (javascript:, a file path) is a problem."""
    value = str(value or "").strip()
    if value:
        try:
            _web_address(value)
        except ValidationError:
            problems.add(
                where, _("“%(value)s” is not a web address (http or https).") % {"value": value[:80]}
            )
            return ""
    return value


def _flag(value):
    return str(value).strip().lower() in ("true", "1", "yes")


def _finish(programme_fields, events, problems):
    problems.check()
    if not events:
        raise ProgrammeInvalid([_("The file holds no sessions.")])
    seen = {}
    for event in events:
        if event.guid in seen:
            problems.add(event.title[:60], _("its GUID %(guid)s is used twice.") % {"guid": event.guid})
        seen[event.guid] = event
    problems.check()
    return Programme(events=events, **programme_fields)


def read(content):
    """A Programme from the bytes of a frab XML or JSON file."""
    if len(content) > MAX_BYTES:
        raise ProgrammeInvalid(
            [
                _("The file is larger than %(size)s MB; this is not a programme.")
                % {"size": MAX_BYTES // 2**20}
            ]
        )
    text = content.lstrip()
    if text[:1] in (b"{", b"["):
        return read_json(content)
    if text[:1] == b"<":
        return read_xml(content)
    raise ProgrammeInvalid([_("This is neither frab XML nor frab JSON: the file should start with < or {.")])


# XML ---------------------------------------------------------------------------------------

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def read_xml(content):
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

    def text(element, tag, default=""):
        found = element.find(tag)
        return (found.text or "").strip() if found is not None else default

    def where(element):
        return _("line %(line)s") % {"line": element.sourceline}

    zone = _zone(text(conference, "time_zone_name", "UTC"), where(conference), problems)
    acronym = text(conference, "acronym")
    fields = {
        "title": text(conference, "title"),
        "acronym": acronym,
        "start": _date(text(conference, "start"), where(conference), problems),
        "end": _date(text(conference, "end"), where(conference), problems),
        "time_zone": str(zone),
        "timeslot_minutes": 5,
        "rooms": [],
        "tracks": {},
    }
    if not fields["title"]:
        problems.add(where(conference), _("the conference has no <title>."))
    slot = text(conference, "timeslot_duration")
    if slot:
        delta = _duration(slot, where(conference), problems)
        fields["timeslot_minutes"] = int(delta.total_seconds() // 60) if delta else 5
    for track in conference.findall("track"):
        fields["tracks"][(track.get("name") or "").strip()] = (track.get("color") or "").strip()
    days = root.findall("day")
    fields["day_change"] = _day_change([day.get("start") for day in days], zone)
    events, rooms = [], {}
    for day in days:
        for room in day.findall("room"):
            name = (room.get("name") or "").strip()
            if name not in rooms:
                rooms[name] = _guid(room.get("guid"), where(room), problems, required=False)
            for element in room.findall("event"):
                if len(events) >= MAX_EVENTS:
                    raise ProgrammeInvalid(
                        [_("The file holds more than %(count)s sessions.") % {"count": MAX_EVENTS}]
                    )
                events.append(_xml_event(element, text, where(element), zone, acronym, problems))
    fields["rooms"] = list(rooms.items())
    return _finish(fields, [event for event in events if event], problems)


def _xml_event(element, text, where, zone, acronym, problems):
    guid = _guid(element.get("guid"), where, problems)
    title = text(element, "title")
    if not title:
        problems.add(where, _("the session has no <title>."))
    start = _moment(text(element, "date"), zone, where, problems) if text(element, "date") else None
    if start is None and not text(element, "date"):
        problems.add(where, _("the session has no <date>."))
    duration = _duration(text(element, "duration"), where, problems)
    recording = element.find("recording")
    persons = []
    for person in element.findall("persons/person"):
        name = (person.text or "").strip() or (person.get("name") or "").strip()
        if not name:
            problems.add(_("line %(line)s") % {"line": person.sourceline}, _("a person has no name."))
            continue
        key = person.get("id") or person.get("code") or name
        persons.append(
            Person(
                guid=_guid(person.get("guid"), where, problems, required=False)
                or _derived_guid(acronym, "person", key),
                name=name,
            )
        )
    if None in (guid, start, duration) or not title:
        return None
    return Event(
        guid=guid,
        title=title,
        start=start,
        end=start + duration,
        room=text(element, "room"),
        type=text(element, "type"),
        slug=text(element, "slug"),
        subtitle=text(element, "subtitle"),
        track=text(element, "track"),
        language=text(element, "language"),
        abstract=text(element, "abstract"),
        description=text(element, "description"),
        url=_url(text(element, "url"), where, problems),
        recording_license=text(recording, "license") if recording is not None else "",
        do_not_record=_flag(text(recording, "optout")) if recording is not None else False,
        do_not_stream=_flag(text(element, "do_not_stream")),
        persons=persons,
        links=[
            (_url(link.get("href"), where, problems), (link.text or "").strip())
            for link in element.findall("links/link")
        ],
        attachments=[
            (_url(item.get("href"), where, problems), (item.text or "").strip())
            for item in element.findall("attachments/attachment")
        ],
    )


def _day_change(starts, zone):
    """The day change as the file's days give it (the first day's start, in the conference's
    time zone); midnight when they give none."""
    for start in starts:
        if start:
            try:
                return datetime.datetime.fromisoformat(start).astimezone(zone).time().replace(second=0)
            except ValueError:
                break
    return datetime.time(0)


# JSON --------------------------------------------------------------------------------------


def read_json(content):
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        where = _("line %(line)s") % {"line": getattr(error, "lineno", 1)}
        raise ProgrammeInvalid([f"{where}: {getattr(error, 'msg', str(error))}"]) from None
    problems = Problems()
    schedule = document.get("schedule") if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict):
        raise ProgrammeInvalid([_("schedule.conference: missing; this is not a frab JSON schedule.")])
    zone = _zone(conference.get("time_zone_name") or "UTC", "schedule.conference.time_zone_name", problems)
    acronym = str(conference.get("acronym") or "").strip()
    fields = {
        "title": str(conference.get("title") or "").strip(),
        "acronym": acronym,
        "start": _date(conference.get("start"), "schedule.conference.start", problems),
        "end": _date(conference.get("end"), "schedule.conference.end", problems),
        "time_zone": str(zone),
        "timeslot_minutes": 5,
        "rooms": [],
        "tracks": {},
    }
    if not fields["title"]:
        problems.add("schedule.conference.title", _("missing."))
    if conference.get("timeslot_duration"):
        delta = _duration(conference["timeslot_duration"], "schedule.conference.timeslot_duration", problems)
        fields["timeslot_minutes"] = int(delta.total_seconds() // 60) if delta else 5
    for track in conference.get("tracks") or []:
        if isinstance(track, dict) and track.get("name"):
            fields["tracks"][str(track["name"]).strip()] = str(track.get("color") or "").strip()
    rooms = {}
    for index, room in enumerate(conference.get("rooms") or []):
        if isinstance(room, dict) and room.get("name"):
            where = f"schedule.conference.rooms[{index}]"
            rooms[str(room["name"]).strip()] = _guid(room.get("guid"), where, problems, required=False)
    days = conference.get("days")
    if not isinstance(days, list):
        raise ProgrammeInvalid([_("schedule.conference.days: missing or not a list.")])
    fields["day_change"] = _day_change([day.get("day_start") for day in days if isinstance(day, dict)], zone)
    events = []
    for day_index, day in enumerate(days):
        day_rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(day_rooms, dict):
            problems.add(f"schedule.conference.days[{day_index}].rooms", _("missing or not an object."))
            continue
        for room_name, room_events in day_rooms.items():
            rooms.setdefault(str(room_name).strip(), None)
            for event_index, item in enumerate(room_events if isinstance(room_events, list) else []):
                if len(events) >= MAX_EVENTS:
                    raise ProgrammeInvalid(
                        [_("The file holds more than %(count)s sessions.") % {"count": MAX_EVENTS}]
                    )
                where = f"schedule.conference.days[{day_index}].rooms[{room_name!r}][{event_index}]"
                events.append(_json_event(item, where, zone, acronym, problems))
    fields["rooms"] = list(rooms.items())
    return _finish(fields, [event for event in events if event], problems)


def _string(value):
    return "" if value is None else str(value).strip()


def _json_event(item, where, zone, acronym, problems):
    if not isinstance(item, dict):
        problems.add(where, _("not an object."))
        return None
    guid = _guid(item.get("guid"), f"{where}.guid", problems)
    title = _string(item.get("title"))
    if not title:
        problems.add(f"{where}.title", _("missing."))
    start = _moment(item["date"], zone, f"{where}.date", problems) if item.get("date") else None
    if not item.get("date"):
        problems.add(f"{where}.date", _("missing."))
    if item.get("end"):
        end = _moment(item["end"], zone, f"{where}.end", problems)
        duration = end - start if end and start else None
    else:
        duration = _duration(item.get("duration") or "", f"{where}.duration", problems)
    persons = []
    for index, person in enumerate(item.get("persons") or []):
        if not isinstance(person, dict):
            continue
        name = _string(person.get("public_name") or person.get("name"))
        if not name:
            problems.add(f"{where}.persons[{index}]", _("a person has no name."))
            continue
        key = person.get("code") or person.get("id") or name
        persons.append(
            Person(
                guid=_guid(person.get("guid"), f"{where}.persons[{index}].guid", problems, required=False)
                or _derived_guid(acronym, "person", key),
                name=name,
                biography=_string(person.get("biography")),
            )
        )
    if None in (guid, start, duration) or not title:
        return None
    if duration <= datetime.timedelta(0):
        problems.add(where, _("a session must end after it starts."))
        return None

    def references(key):
        return [
            (
                _url(reference.get("url"), f"{where}.{key}[{index}].url", problems),
                _string(reference.get("title")),
            )
            for index, reference in enumerate(item.get(key) or [])
            if isinstance(reference, dict) and reference.get("url")
        ]

    return Event(
        guid=guid,
        title=title,
        start=start,
        end=start + duration,
        room=_string(item.get("room")),
        type=_string(item.get("type")),
        slug=_string(item.get("slug")),
        subtitle=_string(item.get("subtitle")),
        track=_string(item.get("track")),
        language=_string(item.get("language")),
        abstract=_string(item.get("abstract")),
        description=_string(item.get("description")),
        url=_url(item.get("url"), f"{where}.url", problems),
        recording_license=_string(item.get("recording_license")),
        do_not_record=bool(item.get("do_not_record")),
        do_not_stream=item.get("do_not_stream") in (True, "true", "True", "1"),
        persons=persons,
        links=references("links"),
        attachments=references("attachments"),
    )
