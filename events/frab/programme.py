"""The programme a frab file describes (Programme, Event, Person) and the path every format
shares. Each format (xml.py, json.py) only finds the values in its document, as the file gives
them, and says where each one is; values.py checks each value, and the functions here build the
programme from them, so a file says the same thing in XML as in JSON and is refused for the
same problems."""

import datetime
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..languages import split_codes
from .values import (
    derived_guid,
    local_date,
    parse_date,
    parse_duration,
    parse_guid,
    parse_moment,
    parse_url,
    prose,
    shown,
    zone_of,
)

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
    languages: list = field(default_factory=list)  # codes, in the file's order; empty: none named
    abstract: str = ""
    description: str = ""
    url: str = ""
    recording_license: str = ""
    do_not_record: bool = False
    do_not_stream: bool = False
    persons: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (url, title)
    attachments: list = field(default_factory=list)  # (url, title)
    listed_day: object = None  # the date of the day the file lists it under, if it says


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
    base_url: str = ""  # what the file's relative links were resolved against
    time_zone_named: bool = True  # False: taken from the offsets of the file's times
    warnings: list = field(default_factory=list)  # what was repaired or left out, with its place


class Problems:
    """Collects problems, each with its place, and stops reading after MAX_PROBLEMS; and warnings
    (what was repaired or left out), which never stop an import."""

    def __init__(self):
        self.found = []
        self.warnings = []

    def warn(self, where, message):
        self.warnings.append(f"{where}: {message}")

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
    base_url: object = ""  # what relative links are relative to (base_url, else the conference's url)
    session_dates: list = field(default_factory=list)  # for a file that names no time zone


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
    day: object = None  # the start (or else the date) of the day the file lists it under
    end: object = None  # JSON may give an end instead of a duration
    url: object = ""
    persons: list = field(default_factory=list)  # PersonValues
    links: list = field(default_factory=list)  # (url, title, where)
    attachments: list = field(default_factory=list)  # (url, title, where)
    # The Event's fields taken as found: room, type, slug, subtitle, track, language, abstract,
    # description, recording_license, do_not_record, do_not_stream.
    details: dict = field(default_factory=dict)


# Building the programme -----------------------------------------------------------------------


def conference_fields(values, problems, time_zone=None):
    """The programme's own fields from the conference's values, and its time zone (`time_zone`
    when one is asked for; see values.zone_of), which the sessions' times are read in. Rooms,
    tracks, the day change and the sessions are the format's to add."""
    at = values.at
    zone, named = zone_of(values, time_zone, problems)
    fields = {
        "title": values.title,
        # pentabarf writes no acronym; the title stands in, so the next import finds the edition.
        "acronym": values.acronym or slugify(values.title)[:50],
        "start": parse_date(values.start, zone, at("start"), problems),
        "end": parse_date(values.end, zone, at("end"), problems),
        "time_zone": str(zone),
        "time_zone_named": named,
        "timeslot_minutes": 5,
        "rooms": [],
        "tracks": {},
        "base_url": parse_url(values.base_url, at("base_url"), problems),
    }
    if not fields["title"]:
        problems.add(at("title"), values.missing["title"])
    if values.timeslot:
        delta = parse_duration(values.timeslot, at("timeslot_duration"), problems)
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
        or derived_guid(acronym, "person", values.key),
        name=values.name,
        biography=values.biography,
    )


def build_event(values, *, zone, acronym, problems, base_url=""):
    """The Event the session's values describe, or None when it has problems (each noted)."""
    at, missing = values.at, values.missing
    event_guid = parse_guid(values.guid, at("guid"), problems)
    if not values.title:
        problems.add(at("title"), missing["title"])
    start = parse_moment(values.date, zone, at("date"), problems) if values.date else None
    if not values.date:
        problems.add(at("date"), missing["date"])
    if values.end:
        end = parse_moment(values.end, zone, at("end"), problems)
        duration = end - start if end and start else None
    else:
        duration = parse_duration(values.duration or "", at("duration"), problems)
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
        url=parse_url(values.url, at("url"), problems, base_url),
        persons=[person for person in persons if person],
        links=_references(values.links, problems, base_url),
        attachments=_references(values.attachments, problems, base_url),
        # The date its day's range starts on, where the file gives one (each day's own range
        # wins: wafer labels its days a date too early), else the day's date.
        listed_day=local_date(values.day, zone),
        languages=_languages(values.details.get("language", ""), at("language"), problems),
        **{
            **{name: value for name, value in values.details.items() if name != "language"},
            "abstract": prose(values.details.get("abstract", "")),
            "description": prose(values.details.get("description", "")),
        },
    )


def _languages(text, where, problems):
    """The codes of "de, en" in their order; a word that is no language code is left out, with
    a warning."""
    codes, bad = split_codes(text)
    for word in bad:
        problems.warn(
            where, _("“%(value)s” is not a language code; it was left out.") % {"value": shown(word)}
        )
    return codes


def _references(references, problems, base_url):
    """Links or attachments as (address, title), leaving out those without a usable address."""
    found = [(parse_url(url, where, problems, base_url), title) for url, title, where in references]
    return [(url, title) for url, title in found if url]


def _check_days(fields, events, problems):
    """Warn when the one day change (see values.day_change) files sessions under other days than
    the file lists them under: the portal's lists and grid would then differ from the source's."""
    zone = zoneinfo.ZoneInfo(fields["time_zone"])
    change = fields["day_change"]
    shift = datetime.timedelta(hours=change.hour, minutes=change.minute)
    moved = [
        event
        for event in events
        if event.listed_day and (event.start.astimezone(zone) - shift).date() != event.listed_day
    ]
    if moved:
        first = moved[0]
        problems.warn(
            shown(first.title),
            _(
                "with the day change at %(time)s, %(count)s sessions fall on another day than the file "
                "lists them under; this one, at %(start)s, is listed under %(day)s."
            )
            % {
                "time": change.strftime("%H:%M"),
                "count": len(moved),
                "start": first.start.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                "day": first.listed_day,
            },
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
    _check_days(fields, events, problems)
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
    return Programme(events=events, warnings=problems.warnings, **fields)
