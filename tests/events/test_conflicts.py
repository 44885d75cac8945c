import pytest

from events.selectors import Conflict, session_conflicts
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return ConferenceFactory()


@pytest.fixture
def room(edition):
    return RoomFactory(conference=edition)


def session(edition, room, start, end, **kwargs):
    return SessionFactory(conference=edition, room=room, start=at(start), end=at(end), **kwargs)


def test_two_sessions_in_one_room_at_once_conflict(edition, room):
    first = session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00")
    second = session(edition, room, "2030-06-20 09:59", "2030-06-20 11:00")

    conflicts = session_conflicts(edition)

    assert conflicts == {
        first.pk: [Conflict("room", first.pk, other_id=second.pk)],
        second.pk: [Conflict("room", second.pk, other_id=first.pk)],
    }


def test_back_to_back_sessions_in_one_room_do_not_conflict(edition, room):
    session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00")
    session(edition, room, "2030-06-20 10:00", "2030-06-20 11:00")

    assert session_conflicts(edition) == {}


def test_a_session_inside_another_in_one_room_conflicts(edition, room):
    outer = session(edition, room, "2030-06-20 09:00", "2030-06-20 12:00")
    inner = session(edition, room, "2030-06-20 10:00", "2030-06-20 11:00")

    assert set(session_conflicts(edition)) == {outer.pk, inner.pk}


def test_three_overlapping_sessions_each_name_the_other_two(edition, room):
    sessions = [session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00") for _ in range(3)]

    conflicts = session_conflicts(edition)

    assert {pk: len(found) for pk, found in conflicts.items()} == {s.pk: 2 for s in sessions}


def test_sessions_in_different_rooms_at_once_do_not_conflict(edition, room):
    session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00")
    session(edition, RoomFactory(conference=edition), "2030-06-20 09:00", "2030-06-20 10:00")

    assert session_conflicts(edition) == {}


def test_sessions_without_a_room_do_not_conflict_by_room(edition):
    session(edition, None, "2030-06-20 12:00", "2030-06-20 13:00")
    session(edition, None, "2030-06-20 12:00", "2030-06-20 13:00")

    assert session_conflicts(edition) == {}


def test_cancelled_session_frees_its_room(edition, room):
    session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00", status="cancelled")
    session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00")

    assert session_conflicts(edition) == {}


def test_draft_sessions_count_for_conflicts(edition, room):
    session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00", status="draft")
    session(edition, room, "2030-06-20 09:30", "2030-06-20 10:00")

    assert len(session_conflicts(edition)) == 2


def test_a_speaker_in_two_sessions_at_once_conflicts(edition):
    speaker = SpeakerFactory(conference=edition)
    first = session(edition, RoomFactory(conference=edition), "2030-06-20 09:00", "2030-06-20 10:00")
    second = session(edition, RoomFactory(conference=edition), "2030-06-20 09:30", "2030-06-20 10:30")
    SessionSpeakerFactory(session=first, speaker=speaker)
    SessionSpeakerFactory(session=second, speaker=speaker, role="chair")

    conflicts = session_conflicts(edition)

    assert conflicts[first.pk] == [Conflict("speaker", first.pk, other_id=second.pk, speaker_id=speaker.pk)]
    assert conflicts[second.pk] == [Conflict("speaker", second.pk, other_id=first.pk, speaker_id=speaker.pk)]


def test_a_speaker_in_back_to_back_sessions_does_not_conflict(edition):
    speaker = SpeakerFactory(conference=edition)
    for start, end in [("2030-06-20 09:00", "2030-06-20 10:00"), ("2030-06-20 10:00", "2030-06-20 11:00")]:
        SessionSpeakerFactory(
            session=session(edition, RoomFactory(conference=edition), start, end), speaker=speaker
        )

    assert session_conflicts(edition) == {}


@pytest.mark.parametrize(
    ("start", "end", "outside"),
    [
        ("2030-06-19 23:00", "2030-06-20 00:30", True),
        ("2030-06-20 00:00", "2030-06-20 01:00", False),
        ("2030-06-20 23:00", "2030-06-21 00:00", False),
        ("2030-06-20 23:00", "2030-06-21 00:01", True),
        ("2030-07-01 09:00", "2030-07-01 10:00", True),
    ],
)
def test_session_outside_the_edition_dates_conflicts(edition, room, start, end, outside):
    found = session(edition, room, start, end)

    assert (found.pk in session_conflicts(edition)) is outside


def test_conflicts_of_another_edition_are_not_reported(edition, room):
    other = ConferenceFactory()
    other_room = RoomFactory(conference=other)
    session(other, other_room, "2030-06-20 09:00", "2030-06-20 10:00")
    session(other, other_room, "2030-06-20 09:00", "2030-06-20 10:00")

    assert session_conflicts(edition) == {}


@pytest.mark.parametrize("count", [2, 60])
def test_conflict_check_is_two_queries_at_any_size(edition, room, count, django_assert_num_queries):
    speaker = SpeakerFactory(conference=edition)
    for _ in range(count):
        SessionSpeakerFactory(
            session=session(edition, room, "2030-06-20 09:00", "2030-06-20 10:00"), speaker=speaker
        )

    with django_assert_num_queries(2):
        conflicts = session_conflicts(edition)

    assert len(conflicts) == count
