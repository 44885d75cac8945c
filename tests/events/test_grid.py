"""The grid's layout: sessions that overlap in one room go side by side, in lanes."""

import re
import zoneinfo

import pytest

from events.grid import build_grid
from tests.factories import RoomFactory, SessionFactory, at

pytestmark = pytest.mark.django_db

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def session(conference, room, start, end, title=""):
    return SessionFactory(
        conference=conference, room=room, start=at(f"2030-06-20 {start}"), end=at(f"2030-06-20 {end}"),
        **({"title_en": title} if title else {}),
    )  # fmt: skip


def columns(grid):
    """Each session's title and the columns its card takes, as (first, after the last)."""
    return {cell.session.title_en: (cell.column, cell.column_end) for cell in grid.cells}


def headers(grid):
    return [(header.room.name_en, header.grid_column) for header in grid.headers]


def test_sessions_one_after_another_in_a_room_share_its_only_lane(conference):
    hall = RoomFactory(conference=conference, name_en="Hall", order=1)
    forum = RoomFactory(conference=conference, name_en="Forum", order=2)
    sessions = [
        session(conference, hall, "09:00", "10:00", "First"),
        session(conference, hall, "10:00", "11:00", "Second"),  # starts as the first ends
        session(conference, forum, "09:30", "10:30", "Forum talk"),
    ]

    grid = build_grid(sessions, [hall, forum], ZONE)

    assert columns(grid) == {"First": (2, 3), "Second": (2, 3), "Forum talk": (3, 4)}
    assert grid.columns == 2
    assert headers(grid) == [("Hall", "2"), ("Forum", "3")]
    assert [cell.grid_column for cell in grid.cells] == ["2", "2", "3"]


def test_two_overlapping_sessions_in_a_room_go_side_by_side(conference):
    hall = RoomFactory(conference=conference, name_en="Hall", order=1)
    forum = RoomFactory(conference=conference, name_en="Forum", order=2)
    sessions = [
        session(conference, hall, "09:00", "10:00", "Keynote"),
        session(conference, hall, "09:30", "10:30", "Clash"),
        session(conference, forum, "09:00", "10:00", "Forum talk"),
    ]

    grid = build_grid(sessions, [hall, forum], ZONE)

    assert columns(grid) == {"Keynote": (2, 3), "Clash": (3, 4), "Forum talk": (4, 5)}
    assert grid.columns == 3
    # The hall's header spans both of its lanes; the forum comes after them.
    assert headers(grid) == [("Hall", "2 / span 2"), ("Forum", "4")]
    assert [(header.column, header.lanes) for header in grid.headers] == [(2, 2), (4, 1)]


def test_a_session_alone_at_its_time_takes_every_lane_of_its_room(conference):
    hall = RoomFactory(conference=conference, name_en="Hall")
    sessions = [
        session(conference, hall, "09:00", "10:00", "Keynote"),
        session(conference, hall, "09:30", "10:30", "Clash"),
        session(conference, hall, "11:00", "12:00", "Later alone"),
        session(conference, hall, "10:00", "11:00", "Next to the clash"),
    ]

    grid = build_grid(sessions, [hall], ZONE)

    assert columns(grid) == {
        "Keynote": (2, 3),
        "Clash": (3, 4),
        "Later alone": (2, 4),
        # Back in the first lane once the keynote is over, beside the clash's last half hour.
        "Next to the clash": (2, 3),
    }
    cells = {cell.session.title_en: cell for cell in grid.cells}
    assert cells["Later alone"].grid_column == "2 / 4"


def test_three_sessions_at_the_same_time_take_three_lanes(conference):
    hall = RoomFactory(conference=conference, name_en="Hall", order=1)
    forum = RoomFactory(conference=conference, name_en="Forum", order=2)
    sessions = [
        session(conference, hall, "09:00", "11:00", "Long"),
        session(conference, hall, "09:30", "10:30", "Middle"),
        session(conference, hall, "10:00", "10:15", "Short"),
        session(conference, hall, "10:45", "11:30", "After the middle"),
        session(conference, forum, "09:00", "09:30", "Forum talk"),
    ]

    grid = build_grid(sessions, [hall, forum], ZONE)

    assert columns(grid) == {
        "Long": (2, 3),
        "Middle": (3, 4),
        "Short": (4, 5),
        # The second lane is free again at 10:45, and the third stays free to 11:30.
        "After the middle": (3, 5),
        "Forum talk": (5, 6),
    }
    assert grid.columns == 4
    assert headers(grid) == [("Hall", "2 / span 3"), ("Forum", "5")]


def test_no_two_cards_of_a_room_share_a_grid_cell(conference):
    hall = RoomFactory(conference=conference, name_en="Hall")
    times = ["09:00", "09:10", "09:20", "09:25", "09:40", "09:45", "10:05", "10:10", "10:30"]
    sessions = [
        session(conference, hall, start, end)
        for start in times
        for end in times
        if start < end and (times.index(start) + times.index(end)) % 3 == 0
    ]

    grid = build_grid(sessions, [hall], ZONE)

    taken = {}
    for cell in grid.cells:
        for row in range(cell.row_start, cell.row_end):
            for column in range(cell.column, cell.column_end):
                assert (row, column) not in taken, (cell.session, taken.get((row, column)))
                taken[row, column] = cell.session
    assert 1 < grid.columns < len(sessions)
    assert max(cell.column_end for cell in grid.cells) == 2 + grid.columns


def test_sessions_that_only_touch_within_five_minutes_share_no_row(conference):
    """Rows are five minutes: a session ending at 09:03 and one starting at 09:03 would share
    the 09:00 row, so they are lanes apart."""
    hall = RoomFactory(conference=conference, name_en="Hall")
    sessions = [
        session(conference, hall, "09:00", "09:03", "Very short"),
        session(conference, hall, "09:03", "09:30", "Right after"),
    ]

    grid = build_grid(sessions, [hall], ZONE)

    assert [(cell.row_start, cell.row_end) for cell in grid.cells] == [(2, 3), (2, 8)]
    assert columns(grid) == {"Very short": (2, 3), "Right after": (3, 4)}


def test_a_session_without_a_room_spans_every_lane_of_every_room(conference):
    hall = RoomFactory(conference=conference, name_en="Hall")
    sessions = [
        session(conference, hall, "09:00", "10:00", "Keynote"),
        session(conference, hall, "09:30", "10:30", "Clash"),
        session(conference, None, "10:30", "11:00", "Coffee break"),
    ]

    grid = build_grid(sessions, [hall], ZONE)

    assert columns(grid)["Coffee break"] == (None, None)
    assert grid.cells[-1].grid_column == "2 / -1"
    assert grid.rooms == [hall]


def test_time_labels_run_down_to_the_next_one(conference):
    hall = RoomFactory(conference=conference)
    sessions = [session(conference, hall, "09:10", "10:20")]

    grid = build_grid(sessions, [hall], ZONE)

    assert grid.rows == 16  # 09:00 to 10:20
    assert [(moment.strftime("%H:%M"), row, end) for moment, row, end in grid.labels] == [
        ("09:00", 2, 8),
        ("09:30", 8, 14),
        ("10:00", 14, 18),
    ]


def test_the_page_puts_overlapping_sessions_of_a_room_in_different_columns(client, conference):
    hall = RoomFactory(conference=conference, name_en="Hall", order=1)
    forum = RoomFactory(conference=conference, name_en="Forum", order=2)
    keynote = session(conference, hall, "09:00", "10:00", "Keynote")
    clash = session(conference, hall, "09:30", "10:30", "Clash")
    session(conference, forum, "09:00", "10:00", "Forum talk")

    content = client.get("/en/schedule/grid/").content.decode()

    def column(session):
        card = rf'<article id="session-{session.pk}" [^>]*style="[^"]*grid-column:([^;"]+)'
        return re.search(card, content)[1]

    assert (column(keynote), column(clash)) == ("2", "3")
    assert "grid-template-columns: 4rem repeat(3, minmax(11rem, 1fr))" in content
    assert '<div class="grid-room" style="grid-row: 1; grid-column: 2 / span 2">Hall</div>' in content
    assert '<div class="grid-room" style="grid-row: 1; grid-column: 4">Forum</div>' in content
