"""The programme for calendars and schedule apps: iCalendar (RFC 5545) and the frab schedule
format in XML and JSON (https://c3voc.de/schedule), written in pieces from a Programme read a
day at a time, so that an export of any size costs a worker little memory."""

from .calendar import CalendarEntry, icalendar, icalendar_chunks
from .frab import frab_json_chunks, frab_xml_chunks
from .ids import GENERATOR, acronym, room_guid, schema_acronym, session_guid, speaker_guid
from .programme import Programme

__all__ = [
    "GENERATOR",
    "CalendarEntry",
    "Programme",
    "acronym",
    "frab_json_chunks",
    "frab_xml_chunks",
    "icalendar",
    "icalendar_chunks",
    "room_guid",
    "schema_acronym",
    "session_guid",
    "speaker_guid",
]
