"""Nights belong to the day before: with a day change (06:00 here), a session at 00:30 is
listed, drawn and exported under the previous conference day, as frab does."""

import datetime

import pytest

from events.models import Session
from tests.factories import RoomFactory, SessionFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def night(conference):
    conference.day_change = datetime.time(6)
    conference.end_date = datetime.date(2030, 6, 21)
    conference.save()
    room = RoomFactory(conference=conference, name_en="Club")
    return {
        "evening": SessionFactory(
            conference=conference, room=room, title_en="Evening", start=at("2030-06-20 22:00")
        ),
        "night": SessionFactory(
            conference=conference,
            room=room,
            title_en="After midnight",
            start=at("2030-06-21 00:30"),
            end=at("2030-06-21 01:30"),
        ),
        "morning": SessionFactory(
            conference=conference, room=room, title_en="Morning", start=at("2030-06-21 09:00")
        ),
    }


def test_a_moment_before_the_day_change_belongs_to_the_day_before(conference):
    conference.day_change = datetime.time(6)

    assert conference.day_of(at("2030-06-21 00:30")) == datetime.date(2030, 6, 20)
    assert conference.day_of(at("2030-06-21 05:59")) == datetime.date(2030, 6, 20)
    assert conference.day_of(at("2030-06-21 06:00")) == datetime.date(2030, 6, 21)
    assert conference.day_begins(datetime.date(2030, 6, 21)) == at("2030-06-21 06:00")


def test_without_a_day_change_days_run_from_midnight(conference):
    assert conference.day_of(at("2030-06-21 00:30")) == datetime.date(2030, 6, 21)


def test_a_conference_day_holds_its_night(conference, night):
    first = Session.objects.on_day(datetime.date(2030, 6, 20), conference)

    assert list(first.order_by("start").values_list("title_en", flat=True)) == ["Evening", "After midnight"]


def test_the_schedule_lists_the_night_under_the_day_before(client, night):
    response = client.get("/en/schedule/")

    days = [
        (day, [session.title_en for _time, sessions in times for session in sessions])
        for day, times in response.context["days"]
    ]
    assert days == [
        (datetime.date(2030, 6, 20), ["Evening", "After midnight"]),
        (datetime.date(2030, 6, 21), ["Morning"]),
    ]


def test_the_day_filter_and_the_grid_take_the_night_with_the_day_before(client, night):
    listed = client.get("/en/schedule/?day=2030-06-20")
    grid = client.get("/en/schedule/grid/?day=2030-06-20")

    assert [session.title_en for session in listed.context["object_list"]] == ["Evening", "After midnight"]
    assert [cell.session.title_en for cell in grid.context["grid"].cells] == ["Evening", "After midnight"]


def test_exports_put_the_night_under_the_day_before_with_the_days_bounds(client, night):
    document = client.get("/en/schedule/export/schedule.json").json()

    days = document["schedule"]["conference"]["days"]
    titles = [[event["title"] for events in day["rooms"].values() for event in events] for day in days]
    assert titles == [["Evening", "After midnight"], ["Morning"]]
    assert (days[0]["day_start"], days[0]["day_end"]) == (
        "2030-06-20T06:00:00+08:00",
        "2030-06-21T05:59:59+08:00",
    )
