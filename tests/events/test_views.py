import datetime

import pytest
from django.urls import reverse

from events.models import SessionKind
from tests.factories import (
    RoomFactory,
    SessionChangeFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(conference):
    """Two rooms, two tracks, a speaker; published, cancelled and draft sessions on 20 June 2030."""
    hall = RoomFactory(conference=conference, name_zh_hans="主会场", name_en="Main Hall")
    forum = RoomFactory(conference=conference, name_zh_hans="分会场", name_en="Forum Room")
    standards = TrackFactory(conference=conference, slug="standards", name_en="Standards")
    security = TrackFactory(conference=conference, slug="security", name_en="Security")
    opening = SessionFactory(
        conference=conference,
        slug="opening",
        title_zh_hans="开幕式",
        title_en="Opening ceremony",
        abstract_en="Addresses by officials",
        room=hall,
        track=standards,
        start=at("2030-06-20 09:00"),
        end=at("2030-06-20 10:00"),
    )
    forum_session = SessionFactory(
        conference=conference,
        slug="security-forum",
        title_zh_hans="网络安全论坛",
        title_en="Network security forum",
        room=forum,
        track=security,
        start=at("2030-06-20 14:00"),
        end=at("2030-06-20 15:30"),
    )
    cancelled = SessionFactory(
        conference=conference,
        slug="cancelled-talk",
        title_en="Cancelled talk",
        room=forum,
        status="cancelled",
        start=at("2030-06-20 16:00"),
        end=at("2030-06-20 17:00"),
    )
    draft = SessionFactory(
        conference=conference, slug="secret-draft", title_en="Secret draft", status="draft"
    )
    SessionKind.objects.create(
        conference=conference, slug="ceremony", name_zh_hans="仪式", name_en="Ceremony"
    )
    speaker = SpeakerFactory(conference=conference, slug="dai-hong", name_zh_hans="戴红", name_en="Dai Hong")
    SessionSpeakerFactory(session=opening, speaker=speaker)
    return {
        "opening": opening,
        "forum": forum_session,
        "cancelled": cancelled,
        "draft": draft,
        "speaker": speaker,
        "hall": hall,
    }


def titles(response):
    return [session.title_en for session in response.context["object_list"]]


def test_schedule_lists_published_and_cancelled_sessions_in_time_order(client, programme):
    response = client.get("/en/schedule/")

    assert response.status_code == 200
    assert titles(response) == ["Opening ceremony", "Network security forum", "Cancelled talk"]


def test_schedule_groups_sessions_by_day_and_start_time(client, programme):
    response = client.get("/en/schedule/")

    days = response.context["days"]
    assert [day for day, _times in days] == [datetime.date(2030, 6, 20)]
    assert [start.strftime("%H:%M") for start, _sessions in days[0][1]] == ["09:00", "14:00", "16:00"]


def test_schedule_never_shows_drafts(client, programme):
    content = client.get("/en/schedule/").content.decode()

    assert "Secret draft" not in content


def test_schedule_strikes_through_and_labels_cancelled_sessions(client, programme):
    content = client.get("/en/schedule/").content.decode()

    assert '<span class="badge badge-cancelled">Cancelled</span>' in content
    assert "<del>Cancelled talk</del>" in content


def test_schedule_in_chinese_shows_chinese_titles_and_times(client, programme):
    content = client.get("/schedule/").content.decode()

    assert "开幕式" in content
    assert "2030年6月20日" in content
    assert '<time datetime="2030-06-20T09:00:00+08:00">09:00</time>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("day=2030-06-20", ["Opening ceremony", "Network security forum", "Cancelled talk"]),
        ("track=security", ["Network security forum"]),
        ("kind=forum", ["Opening ceremony", "Network security forum", "Cancelled talk"]),
        ("kind=ceremony", []),
        ("speaker=dai-hong", ["Opening ceremony"]),
        ("speaker=dai", ["Opening ceremony"]),
        ("speaker=戴", ["Opening ceremony"]),
        ("speaker=nobody", []),
        ("q=security", ["Network security forum"]),
        ("q=网络安全", ["Network security forum"]),
        ("q=officials", ["Opening ceremony"]),
        ("q=OPENING+ceremony", ["Opening ceremony"]),
        ("q=opening+security", []),
    ],
)
def test_schedule_filters(client, programme, query, expected):
    response = client.get(f"/en/schedule/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_schedule_room_filter(client, programme):
    response = client.get(f"/en/schedule/?room={programme['hall'].pk}")

    assert titles(response) == ["Opening ceremony"]


def test_schedule_filter_form_keeps_its_state(client, programme):
    content = client.get("/en/schedule/?track=security&q=forum").content.decode()

    assert '<option value="security" selected>' in content
    assert 'value="forum"' in content
    assert "Clear all filters" in content


def test_schedule_empty_result_says_so_and_offers_to_clear(client, programme):
    response = client.get("/en/schedule/?q=nothing-like-this")

    content = response.content.decode()
    assert "No session matches these filters." in content
    assert f'<a class="button" href="{reverse("events:schedule")}">Clear all filters</a>' in content


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("day=not-a-date", "day"),
        ("day=2031-01-01", "day"),
        ("track=999999", "track"),
        ("room=abc", "room"),
        ("room=999999", "room"),
        ("kind=no-such-kind", "kind"),
        ("speaker=" + "x" * 300, "speaker"),
        ("q=" + "x" * 300, "q"),
    ],
)
def test_schedule_bad_filter_is_reported_and_ignored(client, programme, query, field):
    response = client.get(f"/en/schedule/?{query}")

    assert response.status_code == 200
    assert list(response.context["filter"].form.errors) == [field]
    assert "Some filters could not be used and were ignored:" in response.content.decode()
    assert titles(response) == ["Opening ceremony", "Network security forum", "Cancelled talk"]


def test_schedule_bad_filter_is_the_description_its_field_names(client, programme):
    response = client.get("/en/schedule/?day=not-a-date")

    content = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="id_day_error" id="id_day"' in content
    assert '<li id="id_day_error">Day: Select a valid choice.' in content


def test_schedule_speaker_of_another_edition_finds_nothing(client, programme):
    SessionSpeakerFactory(speaker=SpeakerFactory(slug="elsewhere"))

    response = client.get("/en/schedule/?speaker=elsewhere")

    assert titles(response) == []


def test_schedule_markup_in_the_search_is_escaped(client, programme):
    content = client.get("/en/schedule/?q=%3Cscript%3Ealert(1)%3C/script%3E").content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999", "1.5"])
def test_schedule_out_of_range_pages_show_the_nearest_page(client, programme, page):
    response = client.get(f"/en/schedule/?page={page}")

    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_schedule_paginates_long_programmes(client, conference):
    room = RoomFactory(conference=conference)
    for minute in range(55):
        SessionFactory(conference=conference, room=room, start=at(f"2030-06-20 09:{minute:02}"))

    first = client.get("/en/schedule/")
    second = client.get("/en/schedule/?page=2")

    assert (len(titles(first)), len(titles(second))) == (50, 5)
    assert 'href="?page=2" rel="next"' in first.content.decode()


@pytest.mark.parametrize("sessions", [1, 50])
def test_schedule_query_count_does_not_grow(client, conference, sessions, django_assert_num_queries):
    room = RoomFactory(conference=conference)
    track = TrackFactory(conference=conference)
    for minute in range(sessions):
        SessionSpeakerFactory(
            session=SessionFactory(
                conference=conference, room=room, track=track, start=at(f"2030-06-20 09:{minute:02}")
            )
        )
    client.get("/en/")  # warm the cached edition

    # count, sessions, speakers; filter choices: tracks, rooms, kinds, languages.
    with django_assert_num_queries(7):
        response = client.get("/en/schedule/?q=Session")

    assert len(titles(response)) == sessions


def test_schedule_without_a_current_edition_is_404(client, db):
    assert client.get("/en/schedule/").status_code == 404


def test_grid_places_rooms_across_and_times_down(client, programme):
    response = client.get("/en/schedule/grid/?day=2030-06-20")

    grid = response.context["grid"]
    assert response.status_code == 200
    assert [room.name_en for room in grid.rooms] == ["Main Hall", "Forum Room"]
    assert [(cell.session.slug, cell.column, cell.row_start, cell.row_end) for cell in grid.cells] == [
        ("opening", 2, 2, 14),
        ("security-forum", 3, 62, 80),
        ("cancelled-talk", 3, 86, 98),
    ]


@pytest.mark.parametrize("day", ["", "yesterday", "2031-02-30", "2030-06-21"])
def test_grid_unknown_day_shows_the_first_day(client, programme, day):
    response = client.get(f"/en/schedule/grid/?day={day}")

    assert response.status_code == 200
    assert response.context["day"] == datetime.date(2030, 6, 20)


@pytest.mark.parametrize("sessions", [1, 40])
def test_grid_query_count_does_not_grow(client, conference, sessions, django_assert_num_queries):
    rooms = [RoomFactory(conference=conference) for _ in range(4)]
    for index in range(sessions):
        SessionSpeakerFactory(
            session=SessionFactory(
                conference=conference, room=rooms[index % 4], start=at(f"2030-06-20 09:{index:02}")
            )
        )
    client.get("/en/")

    # rooms used that day, rooms, sessions, speakers.
    with django_assert_num_queries(4):
        response = client.get("/en/schedule/grid/")

    assert len(response.context["grid"].cells) == sessions


@pytest.fixture
def many_rooms(conference):
    """Eight rooms with a session each at 09:00, and a break without a room at 10:00."""
    rooms = [RoomFactory(conference=conference, name_en=f"Room {n}", order=n) for n in range(1, 9)]
    for room in rooms:
        SessionFactory(
            conference=conference, room=room, title_en=f"Talk in {room.name_en}", start=at("2030-06-20 09:00")
        )
    SessionFactory(conference=conference, room=None, title_en="Coffee break", start=at("2030-06-20 10:00"))
    return rooms


def test_grid_shows_six_rooms_at_a_time_and_links_the_others(client, many_rooms):
    first = client.get("/en/schedule/grid/")
    second = client.get("/en/schedule/grid/?day=2030-06-20&rooms=2")

    assert [room.name_en for room in first.context["grid"].rooms] == [f"Room {n}" for n in range(1, 7)]
    assert [room.name_en for room in second.context["grid"].rooms] == ["Room 7", "Room 8"]
    assert [cell.session.title_en for cell in second.context["grid"].cells] == [
        "Talk in Room 7", "Talk in Room 8", "Coffee break",
    ]  # fmt: skip
    content = first.content.decode()
    assert '<a href="?day=2030-06-20&amp;rooms=1" aria-current="page">Room 1 to Room 6</a>' in content
    assert '<a href="?day=2030-06-20&amp;rooms=2">Room 7 to Room 8</a>' in content


@pytest.mark.parametrize("part", ["0", "3", "abc", "-1", "99999999999999999999", "²"])
def test_grid_unknown_room_part_shows_the_first(client, many_rooms, part):
    response = client.get("/en/schedule/grid/", {"rooms": part})

    assert response.status_code == 200
    assert response.context["part"] == 1


def test_grid_cards_are_escaped_and_say_cancelled_and_changed(client, conference):
    room = RoomFactory(conference=conference)
    SessionFactory(conference=conference, room=room, title_en="<i>Odd</i> & co", start=at("2030-06-20 09:00"))
    SessionFactory(
        conference=conference, room=room, title_en="Gone", status="cancelled", start=at("2030-06-20 11:00")
    )

    content = client.get("/en/schedule/grid/").content.decode()

    assert "&lt;i&gt;Odd&lt;/i&gt; &amp; co</a></h3>" in content
    assert "<i>Odd</i>" not in content
    assert '<span class="badge badge-cancelled">Cancelled</span> ' in content
    assert "<del>Gone</del>" in content


def test_session_page_shows_time_room_kind_track_speakers_and_abstract(client, programme):
    response = client.get("/en/sessions/opening/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="session-title">Opening ceremony</h1>' in content
    assert '<time datetime="2030-06-20T09:00:00+08:00">June 20, 2030 09:00</time>' in content
    assert "Main Hall" in content
    assert "Standards" in content
    assert '<a href="/en/speakers/dai-hong/">Dai Hong</a> <span class="tag">Speaker</span>' in content
    assert "Addresses by officials" in content


def test_session_page_of_a_cancelled_session_says_so(client, programme):
    content = client.get("/en/sessions/cancelled-talk/").content.decode()

    assert "This session has been cancelled." in content
    assert '<h1 id="session-title"><del>Cancelled talk</del></h1>' in content


@pytest.mark.parametrize("slug", ["secret-draft", "no-such-session", "%E4%B8%AD"])
def test_session_page_of_a_draft_or_unknown_slug_is_404(client, programme, slug):
    response = client.get(f"/en/sessions/{slug}/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_session_page_of_another_edition_is_404(client, programme):
    SessionFactory(slug="elsewhere")

    assert client.get("/en/sessions/elsewhere/").status_code == 404


@pytest.mark.parametrize("speakers", [1, 30])
def test_session_page_query_count_does_not_grow(client, conference, speakers, django_assert_num_queries):
    session = SessionFactory(conference=conference, slug="big-panel")
    for _ in range(speakers):
        SessionSpeakerFactory(session=session)
        SessionChangeFactory(session=session)
    client.get("/en/")

    # The session, its speakers, its links, its languages, its change log.
    with django_assert_num_queries(5):
        client.get("/en/sessions/big-panel/")


def test_speaker_list_shows_speakers_of_public_sessions_only(client, programme):
    hidden = SpeakerFactory(conference=programme["opening"].conference, name_en="Only In Drafts")
    SessionSpeakerFactory(session=programme["draft"], speaker=hidden)

    response = client.get("/en/speakers/")

    assert [speaker.name_en for speaker in response.context["speakers"]] == ["Dai Hong"]


def test_speaker_list_search(client, programme):
    assert [s.name_en for s in client.get("/en/speakers/?q=戴").context["speakers"]] == ["Dai Hong"]
    assert list(client.get("/en/speakers/?q=nobody").context["speakers"]) == []


@pytest.mark.parametrize("speakers", [1, 60])
def test_speaker_list_query_count_does_not_grow(client, conference, speakers, django_assert_num_queries):
    session = SessionFactory(conference=conference)
    for _ in range(speakers):
        SessionSpeakerFactory(session=session)
    client.get("/en/")

    with django_assert_num_queries(2):
        response = client.get("/en/speakers/")

    assert len(response.context["speakers"]) == min(speakers, 48)


def test_speaker_page_shows_the_speaker_and_their_public_sessions(client, programme):
    SessionSpeakerFactory(session=programme["draft"], speaker=programme["speaker"])

    response = client.get("/speakers/dai-hong/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>戴红</h1>" in content
    assert [session.slug for session in response.context["speaker"].public_sessions] == ["opening"]


def test_speaker_page_of_a_speaker_without_public_sessions_is_404(client, programme):
    SpeakerFactory(conference=programme["opening"].conference, slug="not-yet")

    assert client.get("/en/speakers/not-yet/").status_code == 404


@pytest.mark.parametrize("sessions", [1, 20])
def test_speaker_page_query_count_does_not_grow(client, conference, sessions, django_assert_num_queries):
    speaker = SpeakerFactory(conference=conference, slug="busy")
    for minute in range(sessions):
        SessionSpeakerFactory(
            session=SessionFactory(conference=conference, start=at(f"2030-06-20 09:{minute:02}")),
            speaker=speaker,
        )
    client.get("/en/")

    # speaker, links; sessions, their speakers.
    with django_assert_num_queries(4):
        response = client.get("/en/speakers/busy/")

    assert len(response.context["speaker"].public_sessions) == sessions


def test_session_texts_are_markdown_rendered_and_sanitised(client, conference):
    SessionFactory(
        conference=conference,
        slug="marked",
        abstract_en="First line\nsecond line with *emphasis* and [a link](https://example.org/)",
        description_en="- one\n- two\n\n<script>alert(1)</script><img src=x onerror=alert(1)>",
    )

    content = client.get("/en/sessions/marked/").content.decode()

    assert "<p>First line<br>\nsecond line with <em>emphasis</em> and " in content
    assert '<a href="https://example.org/" rel="noopener noreferrer nofollow">a link</a>' in content
    assert "<li>one</li>" in content
    assert "<script>alert" not in content
    assert "onerror" not in content


def test_session_text_headings_come_under_their_section_heading(client, conference):
    SessionFactory(conference=conference, slug="headed", description_en="# Agenda\n\nTalks.\n\n## Morning")

    content = client.get("/en/sessions/headed/").content.decode()

    assert '<h2 id="description">Details</h2>' in content
    assert "<h3>Agenda</h3>\n<p>Talks.</p>\n<h4>Morning</h4>" in content
