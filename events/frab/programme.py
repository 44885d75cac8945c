"""The programme a frab file describes (Programme, Event, Person) and the checks every format
shares. Each format (xml.py, json.py) only finds the values in its document, as the file gives
them, and says where each one is; the functions here check them and build the programme, so a
file says the same thing in XML as in JSON and is refused for the same problems."""

import datetime
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

# Enough for a congress; beyond them a file is refused rather than read into memory.
MAX_EVENTS = 10_000
MAX_BYTES = 50 * 1024 * 1024
MAX_PROBLEMS = 20
# A value is quoted whole in a message up to this length; a longer one is cut and says so.
SHOWN_CHARACTERS = 200


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


# What a format finds --------------------------------------------------------------------------
# Values are as the file gives them (text, or whatever a JSON document holds), unchecked. `at`
# names where a part is (`at("date")`; `at(None)`: the conference or session itself), and
# `missing` holds the format's words for a part it lacks ({"title": ..., "date": ...}).


@dataclass
class ConferenceValues:
    at: Callable
    missing: dict
    title: str
    acronym: str
    time_zone: object
    start: object
    end: object
    timeslot: object


@dataclass
class PersonValues:
    name: str
    key: str  # what the person is known by in the file when it gives no GUID
    guid: object
    where: str
    guid_where: str
    biography: str = ""


@dataclass
class SessionValues:
    at: Callable
    missing: dict
    guid: object
    title: str
    date: object
    duration: object
    end: object = None  # JSON may give an end instead of a duration
    url: object = ""
    persons: list = field(default_factory=list)  # PersonValues
    links: list = field(default_factory=list)  # (url, title, where)
    attachments: list = field(default_factory=list)  # (url, title, where)
    # The Event's fields taken as found: room, type, slug, subtitle, track, language, abstract,
    # description, recording_license, do_not_record, do_not_stream.
    details: dict = field(default_factory=dict)


# Checking the values --------------------------------------------------------------------------


def shown(value):
    """A value as a message quotes it: whole, unless it is longer than any real value would be."""
    value = str(value)
    if len(value) <= SHOWN_CHARACTERS:
        return value
    return _("%(start)s… (%(count)s characters)") % {"start": value[:SHOWN_CHARACTERS], "count": len(value)}


def parse_guid(value, where, problems, *, required=True):
    if not value:
        if required:
            problems.add(where, _("the GUID is missing."))
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        problems.add(where, _("“%(value)s” is not a GUID.") % {"value": shown(value)})
        return None


def _derived_guid(acronym, kind, key):
    """For a person or room the file gives no GUID: the same one at every import of this edition."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"frab:{acronym}:{kind}:{key}")


def _moment(value, zone, where, problems):
    try:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(where, _("“%(value)s” is not a date and time.") % {"value": shown(value)})
        return None
    # Without an offset, a time is in the conference's time zone.
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _duration(value, where, problems):
    parts = str(value).strip().split(":")
    # Digits only: int() would read "-00" as 0 and lose the sign of "-00:30".
    numbers = (
        [int(part) for part in parts] if all(part.isascii() and part.isdigit() for part in parts) else []
    )
    if len(numbers) not in (2, 3):
        problems.add(where, _("“%(value)s” is not a duration (HH:MM).") % {"value": shown(value)})
        return None
    hours, minutes = numbers[0], numbers[1]
    delta = datetime.timedelta(hours=hours, minutes=minutes)
    if delta <= datetime.timedelta(0):
        problems.add(where, _("a session must last longer than zero minutes."))
        return None
    return delta


def _date(value, zone, where, problems):
    """A day, written as a date or, as both frab schemas allow, as a date and time: the day it
    falls on in the conference's time zone."""
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        problems.add(where, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": shown(value)})
        return None
    return (moment.astimezone(zone) if moment.tzinfo else moment).date()


def _zone(value, where, problems):
    try:
        return zoneinfo.ZoneInfo(str(value).strip() or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.add(where, _("“%(value)s” is not a time zone name.") % {"value": shown(value)})
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
                where, _("“%(value)s” is not a web address (http or https).") % {"value": shown(value)}
            )
            return ""
    return value


def day_change(starts, zone):
    """The day change as the file's days give it (the first day's start, in the conference's
    time zone); midnight when they give none."""
    for start in starts:
        if start:
            try:
                return datetime.datetime.fromisoformat(start).astimezone(zone).time().replace(second=0)
            except ValueError:
                break
    return datetime.time(0)


# Building the programme -----------------------------------------------------------------------


def conference_fields(values, problems):
    """The programme's own fields from the conference's values, and its time zone (UTC when the
    file names none), which the sessions' times are read in. Rooms, tracks, the day change and
    the sessions are the format's to add."""
    at = values.at
    zone = _zone(values.time_zone or "UTC", at("time_zone_name"), problems)
    fields = {
        "title": values.title,
        "acronym": values.acronym,
        "start": _date(values.start, zone, at("start"), problems),
        "end": _date(values.end, zone, at("end"), problems),
        "time_zone": str(zone),
        "timeslot_minutes": 5,
        "rooms": [],
        "tracks": {},
    }
    if not fields["title"]:
        problems.add(at("title"), values.missing["title"])
    if values.timeslot:
        delta = _duration(values.timeslot, at("timeslot_duration"), problems)
        fields["timeslot_minutes"] = int(delta.total_seconds() // 60) if delta else 5
    return fields, zone


def count_session(events):
    """Refuse the file before its session past MAX_EVENTS is read."""
    if len(events) >= MAX_EVENTS:
        raise ProgrammeInvalid([_("The file holds more than %(count)s sessions.") % {"count": MAX_EVENTS}])


def _person(values, acronym, problems):
    if not values.name:
        problems.add(values.where, _("a person has no name."))
        return None
    return Person(
        guid=parse_guid(values.guid, values.guid_where, problems, required=False)
        or _derived_guid(acronym, "person", values.key),
        name=values.name,
        biography=values.biography,
    )


def build_event(values, *, zone, acronym, problems):
    """The Event the session's values describe, or None when it has problems (each noted)."""
    at, missing = values.at, values.missing
    event_guid = parse_guid(values.guid, at("guid"), problems)
    if not values.title:
        problems.add(at("title"), missing["title"])
    start = _moment(values.date, zone, at("date"), problems) if values.date else None
    if not values.date:
        problems.add(at("date"), missing["date"])
    if values.end:
        end = _moment(values.end, zone, at("end"), problems)
        duration = end - start if end and start else None
    else:
        duration = _duration(values.duration or "", at("duration"), problems)
    persons = [_person(person, acronym, problems) for person in values.persons]
    if None in (event_guid, start, duration) or not values.title:
        return None
    if duration <= datetime.timedelta(0):
        problems.add(at(None), _("a session must end after it starts."))
        return None
    return Event(
        guid=event_guid,
        title=values.title,
        start=start,
        end=start + duration,
        url=_url(values.url, at("url"), problems),
        persons=[person for person in persons if person],
        links=[(_url(url, where, problems), title) for url, title, where in values.links],
        attachments=[(_url(url, where, problems), title) for url, title, where in values.attachments],
        **values.details,
    )


def build_programme(fields, events, problems):
    """The Programme, once every session is read: refused for any problem, for holding no
    session, or for a GUID used twice."""
    problems.check()
    events = [event for event in events if event]
    if not events:
        raise ProgrammeInvalid([_("The file holds no sessions.")])
    seen = {}
    for event in events:
        if event.guid in seen:
            problems.add(shown(event.title), _("its GUID %(guid)s is used twice.") % {"guid": event.guid})
        seen[event.guid] = event
    if fields["end"]:
        # A night session may run into the morning after the last day, but no further: a
        # duration of 900:00 is a typo, not a five-week talk.
        zone = zoneinfo.ZoneInfo(fields["time_zone"])
        latest = datetime.datetime.combine(fields["end"] + datetime.timedelta(days=2), datetime.time(0), zone)
        for event in events:
            if event.end > latest:
                problems.add(
                    shown(event.title),
                    _("it ends on %(end)s, after the day following the conference's last day (%(last)s).")
                    % {"end": event.end.astimezone(zone).strftime("%Y-%m-%d %H:%M"), "last": fields["end"]},
                )
    problems.check()
    return Programme(events=events, **fields)
