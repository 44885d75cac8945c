import datetime
import json
from pathlib import Path
from unittest import mock

import jsonschema
import pytest
import xmlschema
from icalendar import Calendar

from events import exports
from events.exports import session_guid
from events.selectors import sessions_in_full
from tests.factories import (
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    at,
)

pytestmark = pytest.mark.django_db

FRAB = Path(__file__).resolve().parents[1] / "fixtures" / "frab"
XML_SCHEMA = xmlschema.XMLSchema(str(FRAB / "schedule.xml.xsd"))
JSON_SCHEMA = json.loads((FRAB / "schema.json").read_text())


@pytest.fixture
def programme(conference):
    hall = RoomFactory(conference=conference, name_en="Main Hall")
    track = TrackFactory(conference=conference, slug="standards", name_en="Standards", colour="#0b5c75")
    opening = SessionFactory(
        conference=conference, slug="opening", title_en="Opening ceremony", room=hall, track=track,
        start=at("2030-06-20 09:00"), end=at("2030-06-20 10:20"),
    )  # fmt: skip
    SessionSpeakerFactory(session=opening, speaker=SpeakerFactory(conference=conference, name_en="Dai Hong"))
    SessionFactory(
        conference=conference, slug="cancelled-talk", title_en="Cancelled talk", room=None,
        status="cancelled", start=at("2030-06-20 14:00"), end=at("2030-06-20 15:00"),
    )  # fmt: skip
    SessionFactory(conference=conference, slug="draft", title_en="Draft", status="draft")
    return opening


def test_frab_xml_is_valid_against_the_schema(client, programme):
    response = client.get("/en/schedule/export/schedule.xml")

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    errors = [str(error) for error in XML_SCHEMA.iter_errors(response.content.decode())]
    assert errors == []


def test_frab_json_is_valid_against_the_schema(client, programme):
    response = client.get("/en/schedule/export/schedule.json")

    document = response.json()
    errors = [error.message for error in jsonschema.Draft6Validator(JSON_SCHEMA).iter_errors(document)]
    assert errors == []
    events = [
        event
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    assert [(event["title"], event["start"], event["duration"]) for event in events] == [
        ("Opening ceremony", "09:00", "01:20"),
        ("Cancelled talk", "14:00", "01:00"),
    ]
    assert events[0]["persons"][0]["name"] == "Dai Hong"
    assert events[0]["guid"] == session_guid(programme)


def test_calendar_holds_the_same_sessions_as_the_xml(client, programme):
    calendar = Calendar.from_ical(client.get("/en/schedule/export/schedule.ics").content)
    xml = XML_SCHEMA.to_dict(client.get("/en/schedule/export/schedule.xml").content.decode())

    events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    xml_guids = {event["@guid"] for day in xml["day"] for room in day["room"] for event in room["event"]}
    assert set(events) == xml_guids
    opening = events[session_guid(programme)]
    assert str(opening["SUMMARY"]) == "Opening ceremony"
    assert opening.decoded("DTSTART").isoformat() == "2030-06-20T09:00:00+08:00"
    assert str(opening["LOCATION"]).startswith("Main Hall, ")
    assert "Dai Hong" in str(opening["DESCRIPTION"])
    assert "http://testserver/en/sessions/opening/" in str(opening["DESCRIPTION"])
    assert [str(event["STATUS"]) for event in events.values()] == ["CONFIRMED", "CANCELLED"]


def test_guids_and_uids_are_stable_across_edits(client, programme):
    first = client.get("/en/schedule/export/schedule.json").json()
    programme.title_en = "Renamed"
    programme.save()

    second = client.get("/en/schedule/export/schedule.json").json()

    def guids(document):
        return [
            e["guid"]
            for d in document["schedule"]["conference"]["days"]
            for r in d["rooms"].values()
            for e in r
        ]

    assert guids(first) == guids(second)


def test_sequence_grows_when_a_session_changes(client, programme):
    def sequence():
        calendar = Calendar.from_ical(client.get(f"/en/sessions/{programme.slug}/calendar.ics").content)
        return int(next(iter(calendar.walk("VEVENT")))["SEQUENCE"])

    before = sequence()
    programme.start = at("2030-06-20 09:30")
    with mock.patch(
        "django.utils.timezone.now", return_value=programme.updated + datetime.timedelta(minutes=5)
    ):
        programme.save()

    assert sequence() > before


def test_filtered_export_uses_the_schedule_filters(client, programme):
    calendar = Calendar.from_ical(client.get("/en/schedule/export/schedule.ics?track=standards").content)

    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Opening ceremony"]


def test_exports_answer_conditional_requests_with_304(client, programme):
    first = client.get("/en/schedule/export/schedule.xml")

    again = client.get("/en/schedule/export/schedule.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    since = client.get("/en/schedule/export/schedule.xml", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert (again.status_code, since.status_code) == (304, 304)


def test_a_programme_change_refreshes_the_cached_export(client, programme):
    first = client.get("/en/schedule/export/schedule.json")
    programme.title_en = "Opening ceremony (moved)"
    programme.save()

    second = client.get("/en/schedule/export/schedule.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert "Opening ceremony (moved)" in second.content.decode()


@pytest.mark.parametrize("count", [1, 40])
def test_export_query_count_does_not_grow(client, conference, count, django_assert_num_queries):
    room = RoomFactory(conference=conference)
    for minute in range(count):
        SessionSpeakerFactory(
            session=SessionFactory(conference=conference, room=room, start=at(f"2030-06-20 09:{minute:02}"))
        )
    client.get("/en/")

    # The filter's languages; the programme's days, tracks and rooms (a light query) and its
    # rooms; then, for the one day with sessions: sessions, speakers, links, languages. Then a
    # shared page, served without a query.
    with django_assert_num_queries(7):
        client.get("/en/schedule/export/schedule.xml")
    with django_assert_num_queries(0):
        client.get("/en/schedule/export/schedule.xml")


@pytest.mark.parametrize(
    "path",
    ["/en/schedule/export/schedule.exe", "/en/schedule/export/schedule.", "/en/sessions/draft/calendar.ics"],
)
def test_unknown_export_or_draft_session_is_404(client, programme, path):
    assert client.get(path).status_code == 404


def test_exports_refuse_post(client, programme):
    assert client.post("/en/schedule/export/schedule.ics").status_code == 405


def test_session_page_links_to_its_calendar_file(client, programme):
    content = client.get("/en/sessions/opening/").content.decode()

    assert 'href="/en/sessions/opening/calendar.ics"' in content


def test_an_export_read_a_day_at_a_time_is_the_document_written_whole(conference, programme):
    # A session the day after the edition, and one a week later: each is a day of its own.
    SessionFactory(
        conference=conference, slug="next-day", start=at("2030-06-21 10:00"), end=at("2030-06-21 11:00")
    )
    SessionFactory(
        conference=conference, slug="week-on", start=at("2030-06-27 10:00"), end=at("2030-06-27 11:00")
    )
    sessions = sessions_in_full(conference.sessions.public()).order_by("start", "room__order", "pk")

    def written(make, source):
        return list(make(exports.Programme(source, conference=conference), absolute=lambda path: path))

    for make in (exports.frab_json_chunks, exports.frab_xml_chunks):
        in_pieces = written(make, sessions)

        assert b"".join(in_pieces) == b"".join(written(make, list(sessions)))
        # Written a day at a time: no piece holds two days.
        assert max(piece.count(b"<day ") + piece.count(b'"day_start"') for piece in in_pieces) == 1
    days = json.loads(b"".join(written(exports.frab_json_chunks, sessions)))["schedule"]["conference"]["days"]
    assert [(day["index"], day["date"]) for day in days] == [
        (1, "2030-06-20"),
        (2, "2030-06-21"),
        (3, "2030-06-27"),
    ]
