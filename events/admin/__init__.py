"""The events app's back office, a module per family of models: the editions, their organising
bodies and the programme import (conference.py); rooms, tracks and session kinds
(rooms_tracks_kinds.py); speakers (speakers.py); sessions and their change log (sessions.py).
Importing them here registers them when the admin site looks for events.admin."""

from . import conference, rooms_tracks_kinds, sessions, speakers

__all__ = ["conference", "rooms_tracks_kinds", "sessions", "speakers"]
