"""The events app's models, by subject: the edition and its organisers (conference.py), the
programme (programme.py), the record of its changes (changes.py) and the visitor's personal
agenda (agenda.py). Everything is imported here, so `from events.models import Session` works
wherever the model lives, and migrations keep naming `events.models.validate_time_zone` and
`events.models.new_agenda_secret`."""

from .agenda import Agenda, new_agenda_secret
from .changes import SessionChange
from .conference import (
    Conference,
    ConferenceOrganisation,
    ConferenceQuerySet,
    Organisation,
    local_midnight,
    validate_time_zone,
)
from .programme import (
    Room,
    Session,
    SessionKind,
    SessionLanguage,
    SessionLink,
    SessionQuerySet,
    SessionSpeaker,
    Speaker,
    SpeakerLink,
    Track,
    validate_colour,
    validate_language_code,
)
from .uploads import ProgrammeUpload

__all__ = [
    "Agenda",
    "Conference",
    "ConferenceOrganisation",
    "ConferenceQuerySet",
    "Organisation",
    "ProgrammeUpload",
    "Room",
    "Session",
    "SessionChange",
    "SessionKind",
    "SessionLanguage",
    "SessionLink",
    "SessionQuerySet",
    "SessionSpeaker",
    "Speaker",
    "SpeakerLink",
    "Track",
    "local_midnight",
    "new_agenda_secret",
    "validate_colour",
    "validate_language_code",
    "validate_time_zone",
]
