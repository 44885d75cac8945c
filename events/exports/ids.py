"""What every export writes alike: the generator's name, acronyms, GUIDs, slugs, room names,
durations."""

import datetime
import re
import uuid

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

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


def _guid(stored, path):
    """`stored` (an imported GUID) as it came, else one derived from the object's `path` on SITE_URL."""
    if stored:
        return str(stored)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}{path}"))


def session_guid(session):
    return _guid(session.guid, f"/editions/{session.conference_id}/sessions/{session.pk}")


def speaker_guid(speaker):
    return _guid(speaker.guid, f"/editions/{speaker.conference_id}/speakers/{speaker.pk}")


def room_guid(room):
    return _guid(room and room.guid, f"/rooms/{room.pk}" if room else "/rooms/none")


def timeslot(conference):
    return hours_minutes(datetime.timedelta(minutes=conference.timeslot_minutes))


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


def room_name_of(room):
    return room.name if room else _("To be announced")


def room_name(session):
    return room_name_of(session.room)


def hours_minutes(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02}:{minutes % 60:02}"


def speaker_names(session):
    return [link.speaker.name for link in session.ordered_speakers]


def sequence(session):
    # Grows with every saved change, which is what calendar apps compare.
    return max(int((session.updated - session.created).total_seconds()), 0)
