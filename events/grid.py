"""The rooms × time grid of one day, laid out on the server as CSS grid positions."""

import datetime
from dataclasses import dataclass

SLOT = datetime.timedelta(minutes=5)
LABEL_EVERY = datetime.timedelta(minutes=30)


@dataclass(frozen=True)
class Cell:
    session: object
    row_start: int
    row_end: int
    # None: the session has no room and spans every column (a break, a plenary).
    column: int | None


@dataclass(frozen=True)
class Grid:
    rooms: list
    cells: list
    labels: list
    rows: int


def _floor(moment, step):
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + ((moment - midnight) // step) * step


def build_grid(sessions, rooms, zone):
    """Rooms used that day across (in their order), five-minute rows down; row 1 and
    column 1 hold the headers. None when the day has no sessions."""
    if not sessions:
        return None
    used = {session.room_id for session in sessions}
    columns = [room for room in rooms if room.pk in used]
    column_of = {room.pk: index for index, room in enumerate(columns, start=2)}
    first = _floor(min(session.start for session in sessions).astimezone(zone), LABEL_EVERY)
    last = max(session.end for session in sessions).astimezone(zone)
    rows = -(-(last - first) // SLOT)

    def row(moment):
        return (moment.astimezone(zone) - first) // SLOT + 2

    cells = [
        Cell(
            session,
            row(session.start),
            max(row(session.end), row(session.start) + 1),
            column_of.get(session.room_id),
        )
        for session in sessions
    ]
    labels = []
    moment = first
    while moment < last:
        labels.append((moment, row(moment)))
        moment += LABEL_EVERY
    return Grid(rooms=columns, cells=cells, labels=labels, rows=rows)
