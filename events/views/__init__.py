"""The events app's pages: the programme (programme.py) and the visitor's personal agenda
(agenda.py). Every view is imported here, so urls.py and the apps built on the programme keep
importing `events.views.CurrentConferenceMixin` and the like wherever it lives."""

from .agenda import (
    AGENDA_COOKIE,
    AgendaView,
    agenda_calendar,
    agenda_renew_link,
    agenda_star,
    agenda_state,
    mark_agenda_cookie,
)
from .programme import (
    EXPORT_TYPES,
    ChangeListView,
    CurrentConferenceMixin,
    GridView,
    ScheduleView,
    SessionDetailView,
    SpeakerDetailView,
    SpeakerListView,
    current_conference_or_404,
    schedule_export,
    session_calendar,
)

__all__ = [
    "AGENDA_COOKIE",
    "EXPORT_TYPES",
    "AgendaView",
    "ChangeListView",
    "CurrentConferenceMixin",
    "GridView",
    "ScheduleView",
    "SessionDetailView",
    "SpeakerDetailView",
    "SpeakerListView",
    "agenda_calendar",
    "agenda_renew_link",
    "agenda_star",
    "agenda_state",
    "current_conference_or_404",
    "mark_agenda_cookie",
    "schedule_export",
    "session_calendar",
]
