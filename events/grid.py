"""The rooms × time grid of one day, laid out on the server as CSS grid positions.

Column 1 holds the times; each room then takes as many columns ("lanes") as it has sessions
at the same time, so that sessions which overlap in one room stand side by side instead of
on top of each other. Row 1 holds the room headers; each room header spans its lanes."""

import datetime
from dataclasses import dataclass

SLOT = datetime.timedelta(minutes=5)
LABEL_EVERY = datetime.timedelta(minutes=30)
FIRST_COLUMN = 2


@dataclass(frozen=True)
class Cell:
    session: object
    row_start: int
    row_end: int
    # None: the session has no room and spans every column (a break, a plenary).
    column: int | None
    # The column line the cell ends at (exclusive); column + 1 for a cell one lane wide.
    column_end: int | None = None

    @property
    def grid_column(self):
        """The CSS `grid-column` value: "4" for one lane (the most common and the shortest:
        a grid day holds hundreds of cards), "4 / 6" for several, "2 / -1" for every column."""
        if self.column is None:
            return f"{FIRST_COLUMN} / -1"
        if self.column_end is None or self.column_end == self.column + 1:
            return str(self.column)
        return f"{self.column} / {self.column_end}"


@dataclass(frozen=True)
class RoomHeader:
    room: object
    column: int
    lanes: int

    @property
    def grid_column(self):
        return str(self.column) if self.lanes == 1 else f"{self.column} / span {self.lanes}"


@dataclass(frozen=True)
class Grid:
    rooms: list
    cells: list
    # (moment, first row, row after the last): a label runs down to the next one, so that
    # the time column is opaque all the way down when it stays in view while scrolling.
    labels: list
    rows: int
    # One per room, in the order of `rooms`: where its header goes.
    headers: list
    # Columns after the time column: the rooms' lanes added up.
    columns: int


def _floor(moment, step):
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + ((moment - midnight) // step) * step


def _lanes(spans):
    """Interval partitioning of one room's (row_start, row_end) spans: each goes, in order
    of start, into the first lane free at its start. Returns each span's (lane, lanes it
    may take), where a span also takes the lanes right of its own that stay free over all
    of its rows, and the number of lanes."""
    order = sorted(range(len(spans)), key=lambda index: spans[index][0])
    lane_ends = []
    lane_of = [0] * len(spans)
    for index in order:
        start, end = spans[index]
        lane = next((lane for lane, lane_end in enumerate(lane_ends) if lane_end <= start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        lane_of[index] = lane
    in_lane = [[] for _ in lane_ends]
    for index, lane in enumerate(lane_of):
        in_lane[lane].append(spans[index])
    placed = []
    for index, (start, end) in enumerate(spans):
        width = 1
        for lane in range(lane_of[index] + 1, len(lane_ends)):
            if any(other_start < end and start < other_end for other_start, other_end in in_lane[lane]):
                break
            width += 1
        placed.append((lane_of[index], width))
    return placed, len(lane_ends)


def build_grid(sessions, rooms, zone):
    """Rooms used that day across (in their order, each as many columns wide as it has
    sessions at once), five-minute rows down; row 1 and column 1 hold the headers. None when
    the day has no sessions."""
    if not sessions:
        return None
    used = {session.room_id for session in sessions}
    shown = [room for room in rooms if room.pk in used]
    first = _floor(min(session.start for session in sessions).astimezone(zone), LABEL_EVERY)
    last = max(session.end for session in sessions).astimezone(zone)
    rows = -(-(last - first) // SLOT)

    def row(moment):
        return (moment.astimezone(zone) - first) // SLOT + 2

    # Lanes are worked out on rows, not times: two sessions that share a row would share
    # grid cells even when their times only touch within that five minutes.
    spans = [(row(session.start), max(row(session.end), row(session.start) + 1)) for session in sessions]
    by_room = {}
    for index, session in enumerate(sessions):
        by_room.setdefault(session.room_id, []).append(index)
    columns = {}  # index of a session -> (first column, column after its last)
    headers = []
    column = FIRST_COLUMN
    for room in shown:
        indexes = by_room[room.pk]
        placed, lanes = _lanes([spans[index] for index in indexes])
        for index, (lane, width) in zip(indexes, placed, strict=True):
            columns[index] = (column + lane, column + lane + width)
        headers.append(RoomHeader(room, column, lanes))
        column += lanes

    cells = [
        Cell(session, *spans[index], *columns.get(index, (None, None)))
        for index, session in enumerate(sessions)
    ]
    labels = []
    moment = first
    while moment < last:
        labels.append((moment, row(moment), min(row(moment + LABEL_EVERY), rows + 2)))
        moment += LABEL_EVERY
    return Grid(
        rooms=shown,
        cells=cells,
        labels=labels,
        rows=rows,
        headers=headers,
        columns=column - FIRST_COLUMN,
    )
