import codecs
import contextlib
import copy
import datetime
import json
import re
import uuid
import zoneinfo
from collections import Counter

import jsonschema
import pytest
import xmlschema
from django.core.management import CommandError, call_command

from events import services
from events.enums import SessionStatus
from events.models import Conference, Room, Session, SessionChange, SessionKind, Speaker, Track
from tests.factories import SessionFactory
from tests.utils import FRAB_EXAMPLES

from .frab_files import (
    BERLIN,
    HUB_ABSTRACT,
    PENTABARF,
    as_json,
    as_xml,
    database,
    days_file,
    exported_events,
    exported_xml_events,
    frab_schema_errors,
    in_two_languages,
    links_as_people_write_them,
    programme,
    run_import,
    without_zone_name,
)

pytestmark = pytest.mark.django_db


def test_a_json_programme_and_its_xml_twin_give_the_same_database(tmp_path):
    description = programme(sessions=12, rooms=3, days=2, after_midnight=True)

    run_import(tmp_path, as_json(description), "--edition", "1")
    # Two editions may not share an acronym.
    run_import(
        tmp_path, as_xml({**description, "acronym": "kongress30-twin"}), "--edition", "2", name="schedule.xml"
    )

    first, second = Conference.objects.get(number=1), Conference.objects.get(number=2)
    assert len(database(first)) == 12
    assert database(first) == database(second)
    assert (first.acronym, first.time_zone, first.day_change, first.timeslot_minutes) == (
        "kongress30",
        "Europe/Berlin",
        datetime.time(6),
        5,
    )


def test_import_keeps_times_languages_links_and_opt_outs(tmp_path):
    run_import(tmp_path, as_json(programme()))

    first = Session.objects.get(title_zh_hans="Vortrag 1")
    assert first.start == datetime.datetime(2030, 8, 1, 10, tzinfo=BERLIN)
    assert first.end - first.start == datetime.timedelta(minutes=25)
    assert (first.language_codes, first.subtitle_zh_hans, first.recording_license) == (
        ["de"],
        "Ein Untertitel",
        "CC BY 4.0",
    )
    assert list(first.links.values_list("url", "title_zh_hans")) == [
        ("https://example.org/slides.pdf", "Slides")
    ]
    assert Session.objects.get(title_zh_hans="Vortrag 2").do_not_record is True
    assert Session.objects.get(title_zh_hans="Vortrag 2").language_codes == ["en", "de"]
    assert Session.objects.get(title_zh_hans="Vortrag 3").language_codes == ["zh"]
    assert first.status == SessionStatus.PUBLISHED


def test_the_pretalx_example_imports(tmp_path):
    output = run_import(tmp_path, (FRAB_EXAMPLES / "pretalx-democon.json").read_bytes(), "--make-current")

    session = Session.objects.get(guid="8079583e-8321-506c-95af-fd2903a5f075")
    assert "36 created, 0 updated, 0 unchanged, 0 removed" in output
    assert session.title_zh_hans == "Focused 5thgeneration hardware"
    assert session.start == datetime.datetime(2020, 12, 14, 8, tzinfo=datetime.UTC)
    assert session.room.name_zh_hans == "Gray Room"
    assert [link.speaker.name_zh_hans for link in session.session_speakers.all()] == ["Brian Robinson"]
    assert Conference.objects.get().is_current


def test_the_wafer_xml_example_imports(tmp_path):
    output = run_import(tmp_path, (FRAB_EXAMPLES / "debconf23.xml").read_bytes(), name="debconf23.xml")

    opening = Session.objects.get(guid="455d075f-48c0-2ec2-24b3-f5add30c383a")
    assert "117 created" in output
    assert (opening.title_zh_hans, opening.room.name_zh_hans) == ("Opening Ceremony", "Anamudi")
    assert opening.start == datetime.datetime(2023, 9, 10, 5, tzinfo=datetime.UTC)
    assert Conference.objects.get().time_zone == "Asia/Kolkata"


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    content = as_json(programme(sessions=6))
    run_import(tmp_path, content)
    before = database(Conference.objects.get())

    output = run_import(tmp_path, content)

    assert "0 created, 0 updated, 6 unchanged, 0 removed; 0 schedule changes recorded" in output
    assert database(Conference.objects.get()) == before


def test_a_changed_file_updates_in_place_and_shows_the_changes(tmp_path, client):
    description = programme(sessions=6)
    run_import(tmp_path, as_json(description), "--make-current")
    ids = dict(Session.objects.values_list("guid", "pk"))
    changed = copy.deepcopy(description)
    moved, renamed, dropped = changed["events"][0], changed["events"][1], changed["events"].pop(2)
    moved["date"] = (datetime.datetime.fromisoformat(moved["date"]) + datetime.timedelta(hours=2)).isoformat()
    renamed["title"] = "Vortrag 2 (neuer Titel)"
    changed["events"].append(
        {**changed["events"][-1], "guid": str(uuid.uuid4()), "title": "Neu", "slug": "neu"}
    )

    output = run_import(tmp_path, as_json(changed))

    assert "1 created, 2 updated, 3 unchanged, 1 removed; 2 schedule changes recorded" in output
    assert Session.objects.get(guid=moved["guid"]).pk == ids[uuid.UUID(moved["guid"])]
    assert Session.objects.get(guid=dropped["guid"]).status == SessionStatus.CANCELLED
    assert sorted(SessionChange.objects.values_list("session__title_zh_hans", flat=True)) == [
        "Vortrag 1",
        "Vortrag 3",
    ]
    changes = client.get("/en/schedule/changes/").content.decode()
    assert "Vortrag 1" in changes
    assert "Vortrag 3" in changes
    assert "Vortrag 2 (neuer Titel)" in client.get("/en/schedule/").content.decode()


def test_a_big_programme_with_many_rooms_and_nights_imports(tmp_path):
    description = programme(sessions=400, rooms=40, days=4, after_midnight=True)

    output = run_import(tmp_path, as_json(description))

    assert "400 created" in output
    assert Room.objects.count() == 40
    night = Session.objects.get(title_zh_hans="Vortrag 400")
    assert night.start == datetime.datetime(2030, 8, 5, 0, 30, tzinfo=BERLIN)
    assert Speaker.objects.count() == 5


def test_speakers_with_the_same_name_get_different_slugs(tmp_path):
    description = programme(sessions=2)
    description["events"][1]["persons"] = [{"guid": str(uuid.uuid4()), "public_name": "Person 0"}]

    run_import(tmp_path, as_json(description))

    assert sorted(Speaker.objects.values_list("slug", flat=True)) == ["person-0", "person-0-2"]


def test_exports_of_an_imported_programme_validate_and_keep_the_sources_guids(tmp_path, client):
    source = json.loads((FRAB_EXAMPLES / "pretalx-democon.json").read_bytes())
    run_import(tmp_path, json.dumps(source).encode(), "--make-current")

    exported = client.get("/en/schedule/export/schedule.json").json()
    xml = client.get("/en/schedule/export/schedule.xml").content

    schema = json.loads((FRAB_EXAMPLES / "schema.json").read_text())
    assert [error.message for error in jsonschema.Draft6Validator(schema).iter_errors(exported)] == []
    xmlschema.XMLSchema(str(FRAB_EXAMPLES / "schedule.xml.xsd")).validate(xml)

    def events(document):
        return {
            event["guid"]: (
                event["title"],
                datetime.datetime.fromisoformat(event["date"]),
                event["duration"],
                event["room"],
                event["language"],
                [person.get("public_name") or person.get("name") for person in event["persons"]],
                event["links"],
                event["url"],
            )
            for day in document["schedule"]["conference"]["days"]
            for room_events in day["rooms"].values()
            for event in room_events
        }

    assert events(exported) == events(source)
    assert exported["schedule"]["conference"]["acronym"] == "democon"
    assert {room["guid"] for room in exported["schedule"]["conference"]["rooms"]} == {
        room["guid"] for room in source["schedule"]["conference"]["rooms"]
    }


def test_exports_carry_links_languages_subtitles_and_opt_outs_as_imported(tmp_path, client):
    run_import(tmp_path, as_json(programme()), "--make-current")

    document = client.get("/en/schedule/export/schedule.json").json()
    xml = client.get("/en/schedule/export/schedule.xml").content.decode()

    events = {
        event["title"]: event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }
    first = events["Vortrag 1"]
    assert (first["language"], first["subtitle"], first["recording_license"]) == (
        "de",
        "Ein Untertitel",
        "CC BY 4.0",
    )
    assert first["links"] == [{"url": "https://example.org/slides.pdf", "title": "Slides"}]
    assert first["url"] == "https://programme.example.org/talk/1/"
    assert events["Vortrag 2"]["do_not_record"] is True
    assert events["Vortrag 2"]["language"] == "en, de"
    assert events["Vortrag 3"]["language"] == "zh"
    assert '<link href="https://example.org/slides.pdf">Slides</link>' in xml
    assert "<recording><license>CC BY 4.0</license><optout>false</optout></recording>" in xml


def test_the_session_page_shows_subtitle_links_and_language(tmp_path, client):
    run_import(tmp_path, as_json(programme()), "--make-current")
    session = Session.objects.get(title_zh_hans="Vortrag 1")

    content = client.get(f"/en/sessions/{session.slug}/").content.decode()

    assert '<p class="subtitle">Ein Untertitel</p>' in content
    assert '<a href="https://example.org/slides.pdf" rel="noopener nofollow">Slides</a>' in content
    assert "<dd>German</dd>" in content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello", "neither frab XML nor frab JSON"),
        (b"<schedule><conference>", "line 1:"),
        (b"{not json", "line 1:"),
        ((FRAB_EXAMPLES / "hub-schedule2.json").read_bytes(), "schedule.conference.days[0].rooms: missing"),
        (b'<?xml version="1.0"?>\n<plan/>', "line 2: the root element must be <schedule>"),
    ],
)
def test_a_bad_file_is_refused_with_its_place_and_changes_nothing(tmp_path, content, message):
    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, content)

    assert "nothing changed" in str(refused.value)
    assert message in str(refused.value)
    assert (Conference.objects.count(), Session.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda event: event.update(guid="not-a-guid"), "“not-a-guid” is not a GUID."),
        (lambda event: event.pop("guid"), ".guid: the GUID is missing."),
        (lambda event: event.update(duration="-1:00"), "is not a duration"),
        (lambda event: event.update(title=""), ".title: missing."),
    ],
)
def test_a_bad_session_is_named_and_nothing_is_imported(tmp_path, change, message):
    description = programme(sessions=3)
    change(description["events"][1])

    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, as_json(description))

    assert message in str(refused.value)
    assert "rooms['Saal 2'][0]" in str(refused.value)
    assert Session.objects.count() == 0


def test_a_bad_date_is_named(tmp_path):
    content = as_json(programme(sessions=3)).replace(
        b'"date": "2030-08-01T10:00:00+02:00"', b'"date": "yesterday"'
    )

    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, content)

    assert "rooms['Saal 1'][0].date: “yesterday” is not a date and time." in str(refused.value)


def test_a_file_that_bends_the_schema_but_has_what_is_needed_imports(tmp_path):
    # The validator's invalid example: ids as strings, extra "answers"; nothing the portal uses is
    # missing, and real exports bend the schema the same way (DebConf's XML does too).
    output = run_import(tmp_path, (FRAB_EXAMPLES / "invalid-example.json").read_bytes())

    assert "1 created" in output


def test_a_bad_xml_session_is_named_by_its_line(tmp_path):
    description = programme(sessions=3)
    description["events"][2]["guid"] = "nope"

    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, as_xml(description), name="schedule.xml")

    assert "line 13: “nope” is not a GUID." in str(refused.value)


def test_xml_entities_are_not_expanded(tmp_path):
    content = (
        as_xml(programme(sessions=1))
        .replace(b"<schedule>", b'<!DOCTYPE schedule [<!ENTITY boom "BOOM BOOM BOOM">]>\n<schedule>', 1)
        .replace(b"<title>Vortrag 1</title>", b"<title>Vortrag &boom;</title>")
    )

    with contextlib.suppress(CommandError):
        run_import(tmp_path, content, name="schedule.xml")

    assert not Session.objects.filter(title_zh_hans__contains="BOOM").exists()


def test_a_file_that_is_missing_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_schedule", str(tmp_path / "nothing.json"))


def test_a_reimport_leaves_hand_made_and_cancelled_sessions_alone(tmp_path, conference):
    description = programme(sessions=3)
    run_import(tmp_path, as_json(description), "--edition", str(conference.number))
    hand_made = SessionFactory(conference=conference, title_zh_hans="Von Hand")
    cancelled = Session.objects.get(title_zh_hans="Vortrag 1")
    services.session_set_status(sessions=[cancelled], status=SessionStatus.CANCELLED)

    output = run_import(tmp_path, as_json(description), "--edition", str(conference.number))

    assert "0 created, 0 updated, 3 unchanged, 0 removed" in output
    assert Session.objects.get(pk=hand_made.pk).status == SessionStatus.PUBLISHED
    assert Session.objects.get(pk=cancelled.pk).status == SessionStatus.CANCELLED


def test_speakers_with_the_same_name_are_told_apart_on_the_speaker_list(tmp_path, client):
    description = programme(sessions=2)
    description["events"][1]["persons"] = [{"guid": str(uuid.uuid4()), "public_name": "Person 0"}]
    run_import(tmp_path, as_json(description), "--make-current")
    first, second = Speaker.objects.order_by("pk")
    first.organisation_zh_hans, second.organisation_zh_hans = "Alpha Institut", "Beta GmbH"
    first.save()
    second.save()

    content = client.get("/en/speakers/").content.decode()

    assert '<a href="/en/speakers/person-0/">Person 0</a>' in content
    assert '<a href="/en/speakers/person-0-2/">Person 0</a>' in content
    assert "Alpha Institut" in content
    assert "Beta GmbH" in content


def test_the_same_programme_in_english_fills_in_the_english_fields(tmp_path, client):
    chinese, english = in_two_languages()
    run_import(tmp_path, as_json(chinese), "--make-current")
    counts = (
        Room.objects.count(),
        Track.objects.count(),
        SessionKind.objects.count(),
        Speaker.objects.count(),
    )

    output = run_import(tmp_path, as_json(english), "--language", "en")

    assert "0 created, 4 updated, 0 unchanged, 0 removed; 0 schedule changes recorded" in output
    assert (
        Room.objects.count(),
        Track.objects.count(),
        SessionKind.objects.count(),
        Speaker.objects.count(),
    ) == (counts)
    first = Session.objects.select_related("room", "track", "kind").get(guid=chinese["events"][0]["guid"])
    assert (first.title_zh_hans, first.title_en) == ("报告 1", "Talk 1")
    assert (first.abstract_zh_hans, first.abstract_en) == ("报告 1 的内容。", "What talk 1 is about.")
    assert (first.room.name_zh_hans, first.room.name_en) == ("一号厅", "Hall 1")
    assert (first.track.name_zh_hans, first.track.name_en) == ("科学", "Science")
    assert (first.kind.name_zh_hans, first.kind.name_en) == ("报告", "Talk")
    assert list(first.links.values_list("title_zh_hans", "title_en")) == [("讲稿", "Slides")]
    speaker = first.session_speakers.get().speaker
    assert (speaker.name_zh_hans, speaker.name_en) == ("嘉宾 0", "Person 0")
    conference = Conference.objects.get()
    assert (conference.name_zh_hans, conference.name_en) == ("大会 2030", "Congress 2030")
    assert "Talk 1" in client.get("/en/schedule/").content.decode()
    assert "报告 1" in client.get("/schedule/").content.decode()


def test_the_chinese_file_again_after_the_english_one_changes_nothing(tmp_path):
    chinese, english = in_two_languages()
    run_import(tmp_path, as_json(chinese))
    run_import(tmp_path, as_json(english), "--language", "en")
    before = database(Conference.objects.get())

    output = run_import(tmp_path, as_json(chinese))

    assert "0 created, 0 updated, 4 unchanged, 0 removed" in output
    assert database(Conference.objects.get()) == before
    assert Session.objects.get(guid=chinese["events"][0]["guid"]).title_en == "Talk 1"


def test_an_english_programme_into_a_new_edition_fills_both_languages(tmp_path):
    _chinese, english = in_two_languages()

    run_import(tmp_path, as_json(english), "--language", "en")

    session = Session.objects.select_related("room").get(guid=english["events"][0]["guid"])
    assert (session.title_zh_hans, session.title_en) == ("Talk 1", "Talk 1")
    assert (session.room.name_zh_hans, session.room.name_en) == ("Hall 1", "Hall 1")
    assert Conference.objects.get().name_zh_hans == "Congress 2030"


def test_a_session_moved_to_a_new_room_does_not_rename_its_old_one(tmp_path):
    description = programme(sessions=4)
    run_import(tmp_path, as_json(description))
    moved = copy.deepcopy(description)
    moved["events"][0]["room"] = "Saal 9"
    moved["rooms"].append("Saal 9")

    run_import(tmp_path, as_json(moved))

    assert sorted(Room.objects.values_list("name_zh_hans", flat=True)) == ["Saal 1", "Saal 2", "Saal 9"]
    assert Session.objects.get(guid=moved["events"][0]["guid"]).room.name_zh_hans == "Saal 9"


def test_an_unknown_language_is_refused_by_the_command(tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        run_import(tmp_path, as_json(programme()), "--language", "fr")
    assert Session.objects.count() == 0


def test_the_english_file_again_changes_nothing(tmp_path):
    chinese, english = in_two_languages()
    run_import(tmp_path, as_json(chinese))
    run_import(tmp_path, as_json(english), "--language", "en")

    output = run_import(tmp_path, as_json(english), "--language", "en")

    assert "0 created, 0 updated, 4 unchanged, 0 removed" in output


# Files as real tools write them ----------------------------------------------------------------


@pytest.mark.parametrize(("write", "name"), [(as_json, "schedule.json"), (as_xml, "schedule.xml")])
def test_conference_start_and_end_as_date_times_give_the_days_in_the_conference_zone(tmp_path, write, name):
    description = programme(sessions=3)
    # Both schemas allow a date and time here; late on 31 July in UTC is 1 August in Berlin.
    description["start"] = "2030-07-31T23:30:00+00:00"
    description["end"] = "2030-08-01T18:00:00+02:00"

    run_import(tmp_path, write(description), name=name)

    conference = Conference.objects.get()
    assert (conference.start_date, conference.end_date) == (
        datetime.date(2030, 8, 1),
        datetime.date(2030, 8, 1),
    )
    assert Session.objects.count() == 3


def test_a_bad_conference_start_is_quoted_whole(tmp_path):
    description = programme(sessions=1)
    description["start"] = "2030-08-01T09:30:00+02:00 in the morning"

    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, as_json(description))

    assert "“2030-08-01T09:30:00+02:00 in the morning” is not a date (YYYY-MM-DD)." in str(refused.value)


def test_a_value_longer_than_any_real_one_is_cut_and_says_so(tmp_path):
    description = programme(sessions=1)
    description["events"][0]["guid"] = "x" * 5000

    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, as_json(description))

    assert f"“{'x' * 200}… (5000 characters)” is not a GUID." in str(refused.value)


@pytest.mark.parametrize(("write", "name"), [(as_json, "schedule.json"), (as_xml, "schedule.xml")])
def test_a_byte_order_mark_before_the_document_is_accepted(tmp_path, write, name):
    run_import(tmp_path, codecs.BOM_UTF8 + write(programme(sessions=2)), name=name)

    assert Session.objects.count() == 2


def test_json_nested_too_deeply_is_refused_with_a_message(tmp_path):
    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, b"[" * 200_000)

    assert "nested too deeply" in str(refused.value)
    assert Conference.objects.count() == 0


@pytest.mark.parametrize(
    ("duration", "message"),
    [
        ("-00:30", "“-00:30” is not a duration (HH:MM)."),
        ("+00:30", "“+00:30” is not a duration (HH:MM)."),
        (
            "900:00",
            "Vortrag 2: it ends on 2030-09-07 22:00, after the day following the conference's last day",
        ),
        (
            "9999:00",
            "Vortrag 2: it ends on 2031-09-22 01:00, after the day following the conference's last day",
        ),
    ],
)
def test_an_impossible_duration_is_refused_and_names_the_session(tmp_path, duration, message):
    description = programme(sessions=3)
    description["events"][1]["duration"] = duration

    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, as_json(description))

    assert message in str(refused.value)
    assert Session.objects.count() == 0


def test_a_night_session_may_end_the_morning_after_the_last_day(tmp_path):
    description = programme(sessions=3)
    description["events"][2]["date"] = "2030-08-01T23:30:00+02:00"
    description["events"][2]["duration"] = "24:00"

    run_import(tmp_path, as_json(description))

    assert Session.objects.count() == 3


@pytest.mark.parametrize(("write", "name"), [(as_json, "schedule.json"), (as_xml, "schedule.xml")])
def test_links_are_repaired_or_left_out_with_a_warning_and_never_refuse_the_file(tmp_path, write, name):
    content = write(links_as_people_write_them(programme(sessions=3)))
    if name == "schedule.xml":
        # frab XML gives the base for relative addresses in the conference.
        content = content.replace(
            b"<acronym>", b"<base_url>https://programme.example.org/</base_url><acronym>", 1
        )

    output = run_import(tmp_path, content, name=name)

    first, second = Session.objects.order_by("start", "title_zh_hans")[:2]
    assert first.url == "https://programme.example.net/talk/1"
    assert [(link.url, link.title) for link in first.links.order_by("order")] == [
        ("https://programme.example.org/system/event_attachments/1/slides.pdf", "Slides"),
        ("https://cdn.example.org/video", "Video"),
        ("https://example.org/paper.pdf", "Paper"),
    ]
    assert second.url == ""
    assert "Repaired or left out (4):" in output
    assert "“programme.example.net/talk/1” was taken as https://programme.example.net/talk/1." in output
    assert "“javascript:alert(1)” is not a web address (http or https); it was left out." in output
    assert "“//cdn.example.org/video” was taken as https://cdn.example.org/video." in output
    assert "“file:///etc/passwd” is not a web address (http or https); it was left out." in output


def test_a_relative_link_without_a_base_url_is_left_out_with_a_warning(tmp_path):
    description = programme(sessions=1)
    description["events"][0]["links"] = [{"url": "/slides.pdf", "title": "Slides"}]
    document = json.loads(as_json(description))
    del document["schedule"]["base_url"]

    output = run_import(tmp_path, json.dumps(document).encode())

    assert Session.objects.get().links.count() == 0
    assert "“/slides.pdf” is a relative address and the file gives no base_url; it was left out." in output


def test_an_acronym_the_schemas_reject_goes_out_in_a_form_they_take(tmp_path, client):
    description = programme(sessions=3)
    description["acronym"] = "city-forum-2026"
    description["events"][0]["slug"] = "ai"
    run_import(tmp_path, as_json(description), "--make-current")

    exported, errors = frab_schema_errors(client)

    assert errors == []
    assert Conference.objects.get().acronym == "city-forum-2026"
    assert exported["schedule"]["conference"]["acronym"] == "city_forum_2026"
    slugs = sorted(
        re.sub(r"-\d+-", "-N-", event["slug"], count=1)
        for day in exported["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    )
    assert slugs == [
        "city_forum_2026-N-ai-session",
        "city_forum_2026-N-kongress-2-vortrag-2",
        "city_forum_2026-N-kongress-3-vortrag-3",
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_our_export_imports_back_and_exports_the_same(tmp_path, client, language):
    description = programme(sessions=6, days=2)
    description["events"][1]["type"] = "论坛"
    description["events"][2]["type"] = "主旨报告"
    run_import(tmp_path, as_json(description), "--make-current", "--language", language)
    prefix = "/en" if language == "en" else ""
    first = client.get(f"{prefix}/schedule/export/schedule.json").content
    # A fresh edition, as in another portal's database: the first gives up its acronym.
    Conference.objects.update(acronym="")

    run_import(tmp_path, first, "--edition", "99", "--make-current", "--language", language)
    again = client.get(f"{prefix}/schedule/export/schedule.json").content

    assert Conference.objects.get(is_current=True).number == 99
    assert exported_events(json.loads(again)) == exported_events(json.loads(first))
    types = {event["type"] for event in exported_events(json.loads(again)).values()}
    assert types == {"Talk", "论坛", "主旨报告"}


def test_our_xml_export_imports_back_and_exports_the_same_opt_outs_included(tmp_path, client):
    description = programme(sessions=6, days=2)
    description["events"][0]["do_not_stream"] = True
    description["events"][1]["do_not_record"] = True
    run_import(tmp_path, as_json(description), "--make-current")
    first = client.get("/schedule/export/schedule.xml").content
    Conference.objects.update(acronym="")

    run_import(tmp_path, first, "--edition", "99", "--make-current", name="schedule.xml")
    again = client.get("/schedule/export/schedule.xml").content

    assert Conference.objects.get(is_current=True).number == 99
    assert exported_xml_events(again) == exported_xml_events(first)
    copied = Session.objects.filter(conference__number=99)
    assert [session.title for session in copied.filter(do_not_stream=True)] == ["Vortrag 1"]
    assert [session.title for session in copied.filter(do_not_record=True)] == ["Vortrag 2"]
    assert b"<?do_not_stream true?>" in again
    assert frab_schema_errors(client)[1] == []


def test_kinds_named_in_chinese_stay_apart_and_a_second_import_changes_nothing(tmp_path):
    description = programme(sessions=3)
    description["events"][0]["type"] = "论坛"
    description["events"][1]["type"] = "主旨报告"
    run_import(tmp_path, as_json(description))

    output = run_import(tmp_path, as_json(description))

    kinds = {session.kind.name_zh_hans for session in Session.objects.select_related("kind")}
    assert kinds == {"论坛", "主旨报告", "Talk"}
    assert "0 created, 0 updated, 3 unchanged" in output


def test_a_file_naming_no_zone_takes_the_offset_of_its_times_and_says_so(tmp_path, client):
    output = run_import(tmp_path, without_zone_name(programme(sessions=3)), "--make-current")

    conference = Conference.objects.get()
    assert conference.time_zone == "Etc/GMT-2"
    assert "names no time zone; its times carry UTC+02:00, so a new edition takes Etc/GMT-2" in output
    first = Session.objects.order_by("start").first()
    assert first.start == datetime.datetime(2030, 8, 1, 10, tzinfo=BERLIN)
    exported = client.get("/en/schedule/export/schedule.json").json()
    assert exported["schedule"]["conference"]["days"][0]["rooms"]["Saal 1"][0]["start"] == "10:00"


def test_a_zone_set_by_an_organiser_stays_when_the_offset_file_comes_again(tmp_path):
    run_import(tmp_path, without_zone_name(programme(sessions=3)))
    Conference.objects.update(time_zone="Europe/Berlin")

    run_import(tmp_path, without_zone_name(programme(sessions=3)))

    assert Conference.objects.get().time_zone == "Europe/Berlin"


def test_a_file_with_neither_a_zone_name_nor_offsets_asks_for_one(tmp_path):
    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, without_zone_name(programme(sessions=3), naive=True))

    assert "import it with a time zone (--time-zone ZONE" in str(refused.value)
    assert Conference.objects.count() == 0


def test_the_time_zone_asked_for_places_times_that_carry_no_offset(tmp_path):
    run_import(tmp_path, without_zone_name(programme(sessions=3), naive=True), "--time-zone", "Asia/Shanghai")

    assert Conference.objects.get().time_zone == "Asia/Shanghai"
    first = Session.objects.order_by("start").first()
    assert first.start == datetime.datetime(2030, 8, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def test_an_unknown_time_zone_asked_for_is_refused(tmp_path):
    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, as_json(programme(sessions=1)), "--time-zone", "Mars/Olympus")

    assert "the time zone asked for: “Mars/Olympus” is not a time zone name." in str(refused.value)


def sessions_per_day():
    conference = Conference.objects.get()
    return Counter(str(conference.day_of(session.start)) for session in Session.objects.all())


def test_each_days_range_files_sessions_under_the_days_the_file_lists_them(tmp_path):
    # The first day starts at its first talk (10:30) and runs into the night; the second starts
    # at 09:00: a day change taken from the first day alone filed the 09:00 talk under the first.
    content = days_file(
        [
            (
                "2030-08-01",
                "2030-08-01T10:30:00",
                "2030-08-02T03:00:00",
                ["2030-08-01T10:30", "2030-08-02T02:00"],
            ),
            (
                "2030-08-02",
                "2030-08-02T09:00:00",
                "2030-08-02T23:00:00",
                ["2030-08-02T09:00", "2030-08-02T14:00"],
            ),
        ]
    )

    output = run_import(tmp_path, content)

    assert Conference.objects.get().day_change == datetime.time(9)
    assert sessions_per_day() == {"2030-08-01": 2, "2030-08-02": 2}
    assert "fall on another day" not in output


def test_when_a_day_starts_at_midnight_after_a_night_the_night_wins_and_a_warning_says_so(tmp_path):
    content = days_file(
        [
            (
                "2030-08-01",
                "2030-08-01T00:00:00",
                "2030-08-02T04:00:00",
                ["2030-08-01T20:00", "2030-08-02T02:00"],
            ),
            (
                "2030-08-02",
                "2030-08-02T00:00:00",
                "2030-08-02T23:59:00",
                ["2030-08-02T01:00", "2030-08-02T10:00"],
            ),
        ]
    )

    output = run_import(tmp_path, content)

    assert Conference.objects.get().day_change == datetime.time(4)
    assert sessions_per_day() == {"2030-08-01": 3, "2030-08-02": 1}
    assert (
        "Talk 2030-08-02T01:00: with the day change at 04:00, 1 sessions fall on another day than the file "
        "lists them under; this one, at 2030-08-02 01:00, is listed under 2030-08-02."
    ) in output


def test_days_without_a_range_take_the_files_day_change(tmp_path):
    content = days_file(
        [
            ("2030-08-01", None, None, ["2030-08-01T10:00", "2030-08-02T05:00"]),
            ("2030-08-02", None, None, ["2030-08-02T10:00"]),
        ],
        day_change="06:00:00",
    )

    run_import(tmp_path, content)

    assert Conference.objects.get().day_change == datetime.time(6)
    assert sessions_per_day() == {"2030-08-01": 2, "2030-08-02": 1}


def source_days(path, zone):
    """How many sessions the file lists under each day, the day named by the date its range
    starts on in the conference's zone (by its date where it gives no range)."""

    def day_of(date, start):
        return str(datetime.datetime.fromisoformat(start).astimezone(zone).date()) if start else date

    if path.suffix == ".xml":
        root = xmlschema.XMLResource(str(path)).root
        return Counter(
            {
                day_of(day.get("date"), day.get("start")): len(day.findall("room/event"))
                for day in root.findall("day")
            }
        )
    days = json.loads(path.read_bytes())["schedule"]["conference"]["days"]
    return Counter(
        {
            day_of(day["date"], day.get("day_start")): sum(len(events) for events in day["rooms"].values())
            for day in days
        }
    )


@pytest.mark.parametrize("name", ["pretalx-democon.json", "debconf23.xml", "invalid-example.json"])
def test_real_files_give_the_sources_sessions_per_day(tmp_path, name):
    path = FRAB_EXAMPLES / name

    output = run_import(tmp_path, path.read_bytes(), name=name)

    assert sessions_per_day() == +source_days(path, Conference.objects.get().zone)
    assert "fall on another day" not in output


def test_indented_markdown_from_a_hub_shows_as_prose_with_its_links(tmp_path, client):
    description = programme(sessions=1)
    description["events"][0]["abstract"] = HUB_ABSTRACT
    run_import(tmp_path, as_json(description), "--make-current")
    session = Session.objects.get()

    page = client.get(session.get_absolute_url()).content.decode()

    assert session.abstract.startswith("How a city counts its buses\nwith open data:")
    assert '<a href="https://example.org/slides" rel="noopener noreferrer nofollow">the slides</a>' in page
    assert "<p>A second paragraph, and a fenced example:</p>" in page
    assert page.count("<pre>") == 1
    assert "<pre><code>curl https://example.org/api\n</code></pre>" in page


def test_an_html_abstract_shows_as_sanitised_html_not_as_tags(tmp_path, client):
    description = programme(sessions=1)
    description["events"][0]["abstract"] = (
        "<p>Open <strong>data</strong> for all.</p><script>alert(1)</script>"
    )
    run_import(tmp_path, as_xml(description), "--make-current", name="schedule.xml")

    page = client.get(Session.objects.get().get_absolute_url()).content.decode()

    assert "<p>Open <strong>data</strong> for all.</p>" in page
    assert "&lt;p&gt;" not in page
    assert "alert(1)" not in page


def test_a_session_dropped_from_the_file_is_cancelled_for_whoever_starred_it_and_comes_back_with_it(
    tmp_path, client
):
    description = programme(sessions=3)
    run_import(tmp_path, as_json(description), "--make-current")
    dropped = Session.objects.get(title_zh_hans="Vortrag 3")
    client.post("/en/agenda/star/", {"session": dropped.pk, "action": "star"})
    shorter = copy.deepcopy(description)
    shorter["events"].pop(2)

    run_import(tmp_path, as_json(shorter))

    agenda = client.get("/en/agenda/").content.decode()
    assert Session.objects.get(pk=dropped.pk).status == SessionStatus.CANCELLED
    assert "Vortrag 3" in agenda
    assert "Cancelled" in agenda

    output = run_import(tmp_path, as_json(description))

    assert "0 created, 1 updated, 2 unchanged, 0 removed; 1 schedule changes recorded" in output
    assert Session.objects.get(pk=dropped.pk).status == SessionStatus.PUBLISHED


def test_a_session_an_organiser_cancelled_stays_cancelled_when_the_file_still_holds_it(tmp_path):
    run_import(tmp_path, as_json(programme(sessions=3)))
    cancelled = Session.objects.get(title_zh_hans="Vortrag 1")
    services.session_set_status(sessions=[cancelled], status=SessionStatus.CANCELLED)

    run_import(tmp_path, as_json(programme(sessions=3)))

    assert Session.objects.get(pk=cancelled.pk).status == SessionStatus.CANCELLED


def test_a_pentabarf_file_needs_a_time_zone(tmp_path):
    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, PENTABARF, name="schedule.xml")

    assert "import it with a time zone (--time-zone ZONE" in str(refused.value)


def test_a_pentabarf_file_imports_with_stable_guids_and_a_second_import_changes_nothing(tmp_path, client):
    first = run_import(
        tmp_path, PENTABARF, "--time-zone", "Europe/Brussels", "--make-current", name="schedule.xml"
    )
    again = run_import(tmp_path, PENTABARF, "--time-zone", "Europe/Brussels", name="schedule.xml")

    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    assert "3 created" in first
    assert "0 created, 0 updated, 3 unchanged, 0 removed" in again
    assert Conference.objects.get().acronym == "open-city-days-2030"
    starts = {session.title_zh_hans: session.start for session in Session.objects.all()}
    assert starts == {
        "Welcome": datetime.datetime(2030, 2, 2, 9, 30, tzinfo=brussels),
        "Night owls": datetime.datetime(2030, 2, 3, 1, 0, tzinfo=brussels),
        "Open maps": datetime.datetime(2030, 2, 3, 10, 0, tzinfo=brussels),
    }
    assert sessions_per_day() == {"2030-02-02": 2, "2030-02-03": 1}
    assert Speaker.objects.count() == 2
    page = client.get(Session.objects.get(title_zh_hans="Welcome").get_absolute_url()).content.decode()
    assert "<p>Welcome and <em>opening</em>.</p>" in page
    assert frab_schema_errors(client)[1] == []


def test_a_dry_run_says_what_would_change_and_saves_nothing(tmp_path):
    description = programme(sessions=4)
    run_import(tmp_path, as_json(description))
    before = list(Session.objects.order_by("pk").values())
    changed = copy.deepcopy(description)
    changed["events"][0]["date"] = "2030-08-01T12:00:00+02:00"
    changed["events"][1]["title"] = "Vortrag 2 (neu)"
    changed["events"].pop(3)
    changed["events"].append(
        {**changed["events"][2], "guid": str(uuid.uuid4()), "title": "Neu", "slug": "neu"}
    )

    output = run_import(tmp_path, as_json(changed), "--dry-run")

    assert "1 created, 2 updated, 1 unchanged, 1 removed; 2 schedule changes recorded." in output
    assert "Created: Neu" in output
    assert "Updated: Vortrag 1; Vortrag 2 (neu)" in output
    assert "Moved: Vortrag 1" in output
    assert "Removed: Vortrag 4" in output
    assert "Nothing was saved (--dry-run)." in output
    assert list(Session.objects.order_by("pk").values()) == before
    assert SessionChange.objects.count() == 0


def test_a_session_made_by_hand_is_taken_for_the_files_not_doubled(tmp_path, conference):
    run_import(tmp_path, as_json(programme(sessions=1)), "--edition", str(conference.number))
    Session.objects.all().delete()
    description = programme(sessions=2)
    first = description["events"][0]
    hand_made = SessionFactory(
        conference=conference,
        title_zh_hans=first["title"],
        start=datetime.datetime.fromisoformat(first["date"]),
        end=datetime.datetime.fromisoformat(first["date"]) + datetime.timedelta(minutes=25),
        room=Room.objects.get(conference=conference, name_zh_hans=first["room"]),
        guid=None,
    )

    output = run_import(tmp_path, as_json(description), "--edition", str(conference.number))

    assert "1 created, 1 updated, 0 unchanged" in output
    assert f"Matched: {first['title']}" in output
    assert Session.objects.count() == 2
    assert str(Session.objects.get(pk=hand_made.pk).guid) == first["guid"]


def test_a_second_edition_may_not_take_an_acronym_another_has(tmp_path):
    run_import(tmp_path, as_json(programme(sessions=2)))

    with pytest.raises(CommandError) as refused:
        run_import(tmp_path, as_json(programme(sessions=2)), "--edition", "99")

    assert "Another edition already has this acronym." in str(refused.value)
    assert Conference.objects.count() == 1
