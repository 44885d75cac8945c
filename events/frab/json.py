"""Finding a programme's values in frab JSON (schedule.json), each problem named by its place in
the document (schedule.conference.days[0]...); programme.py checks them and builds the programme."""

import json

from django.utils.translation import gettext as _

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
from .values import day_change, parse_guid


def read_json(content, *, time_zone=None):
    try:
        document = json.loads(content)
    except RecursionError:
        raise ProgrammeInvalid(
            [_("The document is nested too deeply to be a programme (lists or objects inside each other).")]
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        where = _("line %(line)s") % {"line": getattr(error, "lineno", 1)}
        raise ProgrammeInvalid([f"{where}: {getattr(error, 'msg', str(error))}"]) from None
    problems = Problems()
    schedule = document.get("schedule") if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict):
        raise ProgrammeInvalid([_("schedule.conference: missing; this is not a frab JSON schedule.")])
    acronym = str(conference.get("acronym") or "").strip()
    fields, zone = conference_fields(
        ConferenceValues(
            at=_at("schedule.conference"),
            missing={"title": _("missing.")},
            title=str(conference.get("title") or "").strip(),
            acronym=acronym,
            time_zone=conference.get("time_zone_name"),
            start=conference.get("start"),
            end=conference.get("end"),
            timeslot=conference.get("timeslot_duration"),
            base_url=schedule.get("base_url") or conference.get("base_url") or conference.get("url"),
            session_dates=_session_dates(conference.get("days")),
        ),
        problems,
        time_zone,
    )
    for track in conference.get("tracks") or []:
        if isinstance(track, dict) and track.get("name"):
            fields["tracks"][str(track["name"]).strip()] = str(track.get("color") or "").strip()
    rooms = {}
    for index, room in enumerate(conference.get("rooms") or []):
        if isinstance(room, dict) and room.get("name"):
            where = f"schedule.conference.rooms[{index}]"
            rooms[str(room["name"]).strip()] = parse_guid(room.get("guid"), where, problems, required=False)
    days = conference.get("days")
    if not isinstance(days, list):
        raise ProgrammeInvalid([_("schedule.conference.days: missing or not a list.")])
    fields["day_change"] = day_change(
        [
            (day.get("date"), day.get("day_start"), day.get("day_end"))
            for day in days
            if isinstance(day, dict)
        ],
        zone,
        conference.get("day_change"),
    )
    events = []
    for day_index, day in enumerate(days):
        day_rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(day_rooms, dict):
            problems.add(f"schedule.conference.days[{day_index}].rooms", _("missing or not an object."))
            continue
        for room_name, room_events in day_rooms.items():
            rooms.setdefault(str(room_name).strip(), None)
            for event_index, item in enumerate(room_events if isinstance(room_events, list) else []):
                count_session(events)
                where = f"schedule.conference.days[{day_index}].rooms[{room_name!r}][{event_index}]"
                if not isinstance(item, dict):
                    problems.add(where, _("not an object."))
                    events.append(None)
                    continue
                values = _session(item, where, day.get("day_start") or day.get("date"))
                events.append(
                    build_event(
                        values, zone=zone, acronym=acronym, problems=problems, base_url=fields["base_url"]
                    )
                )
    fields["rooms"] = list(rooms.items())
    return build_programme(fields, events, problems)


def _session_dates(days):
    """Every session's date as the file writes it, wherever the days hold one."""
    return [
        item.get("date")
        for day in (days if isinstance(days, list) else [])
        if isinstance(day, dict) and isinstance(day.get("rooms"), dict)
        for items in day["rooms"].values()
        if isinstance(items, list)
        for item in items
        if isinstance(item, dict)
    ]


def _string(value):
    return "" if value is None else str(value).strip()


def _at(where):
    """Where a part of an object is: its key after the object's place."""
    return lambda part: f"{where}.{part}" if part else where


def _session(item, where, day):
    persons = []
    for index, person in enumerate(item.get("persons") or []):
        if not isinstance(person, dict):
            continue
        name = _string(person.get("public_name") or person.get("name"))
        persons.append(
            PersonValues(
                name=name,
                key=person.get("code") or person.get("id") or name,
                guid=person.get("guid"),
                where=f"{where}.persons[{index}]",
                guid_where=f"{where}.persons[{index}].guid",
                biography=_string(person.get("biography")),
            )
        )

    def references(key):
        return [
            (reference.get("url"), _string(reference.get("title")), f"{where}.{key}[{index}].url")
            for index, reference in enumerate(item.get(key) or [])
            if isinstance(reference, dict) and reference.get("url")
        ]

    return SessionValues(
        at=_at(where),
        missing={"title": _("missing."), "date": _("missing.")},
        guid=item.get("guid"),
        day=day,
        title=_string(item.get("title")),
        date=item.get("date"),
        end=item.get("end"),
        duration=item.get("duration"),
        url=item.get("url"),
        persons=persons,
        links=references("links"),
        attachments=references("attachments"),
        details={
            "room": _string(item.get("room")),
            "type": _string(item.get("type")),
            "slug": _string(item.get("slug")),
            "subtitle": _string(item.get("subtitle")),
            "track": _string(item.get("track")),
            "language": _string(item.get("language")),
            "abstract": _string(item.get("abstract")),
            "description": _string(item.get("description")),
            "recording_license": _string(item.get("recording_license")),
            "do_not_record": bool(item.get("do_not_record")),
            "do_not_stream": item.get("do_not_stream") in (True, "true", "True", "1"),
        },
    )
