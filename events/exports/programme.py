"""The sessions an export shows, read a day at a time: at four times the design's size the whole
programme is 8,000 sessions, and holding them (with the document built from them) at once would
cost an app worker hundreds of megabytes that Python never gives back."""

import datetime

from django.db.models import QuerySet

from ..models import Room, Track
from ..selectors import conference_days
from .ids import room_name


class Programme:
    """`sessions`: a queryset ordered by start (shaped by sessions_in_full), read one day at a
    time, or a list of such sessions. What an export's head needs (the days, the latest change,
    the tracks and rooms in order of first use) is read first, in one light query."""

    def __init__(self, sessions, *, conference):
        self.sessions = sessions
        self.conference = conference
        if isinstance(sessions, QuerySet):
            rows = list(
                sessions.prefetch_related(None).values_list("start", "updated", "track_id", "room_id")
            )
        else:
            rows = [(s.start, s.updated, s.track_id, s.room_id) for s in sessions]
        self.count = len(rows)
        self.latest = max((updated for _start, updated, *_ in rows), default=None)
        self.days = sorted(
            set(conference_days(conference)) | {conference.day_of(start) for start, *_ in rows}
        )
        track_ids = [*dict.fromkeys(track for *_, track, _room in rows if track)]
        room_ids = [*dict.fromkeys(room for *_, room in rows)]
        tracks = Track.objects.in_bulk(track_ids)
        rooms = Room.objects.in_bulk([pk for pk in room_ids if pk])
        self.tracks = [tracks[pk] for pk in track_ids]
        self.rooms = [rooms.get(pk) for pk in room_ids]

    def by_day(self):
        """(index, date, day start, day end, {room name: [session]}) for every day of the
        edition and every other day a session is on; days run from one day change to the next,
        as frab counts them."""
        for index, day, start, end, sessions in self._days():
            rooms = {}
            for session in sessions:
                rooms.setdefault(room_name(session), []).append(session)
            yield index, day, start, end - datetime.timedelta(seconds=1), rooms

    def __iter__(self):
        """Every session in order (a day at a time from a queryset)."""
        if not isinstance(self.sessions, QuerySet):
            yield from self.sessions
            return
        for *_, sessions in self._days():
            yield from sessions

    def _days(self):
        for index, day in enumerate(self.days, start=1):
            start = self.conference.day_begins(day)
            end = self.conference.day_begins(day + datetime.timedelta(days=1))
            if isinstance(self.sessions, QuerySet):
                sessions = list(self.sessions.filter(start__gte=start, start__lt=end))
            else:
                sessions = [session for session in self.sessions if start <= session.start < end]
            yield index, day, start, end, sessions
