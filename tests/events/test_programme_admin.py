import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from events.admin.sessions import conflict_messages
from events.models import Session, Speaker
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    at,
)
from tests.utils import image_bytes, session_form, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return ConferenceFactory(is_current=True)


def messages_of(response):
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def test_organiser_adding_a_session_to_an_occupied_room_sees_the_conflict_warning(organiser_client, edition):
    room = RoomFactory(conference=edition, name_zh_hans="主会场")
    SessionFactory(
        conference=edition,
        room=room,
        title_zh_hans="开幕式",
        start=at("2030-06-20 09:00"),
        end=at("2030-06-20 10:00"),
    )

    response = organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(edition, room, "2030-06-20 09:30", "2030-06-20 10:30"),
        follow=True,
    )

    assert Session.objects.filter(slug="new-session").exists()
    assert (
        "warning",
        "会议室“主会场”同一时间还安排了“开幕式”（2030年6月20日 09:00–10:00）。",
    ) in messages_of(response)


def test_back_to_back_session_saves_without_a_warning(organiser_client, edition):
    room = RoomFactory(conference=edition)
    SessionFactory(conference=edition, room=room, start=at("2030-06-20 09:00"), end=at("2030-06-20 10:00"))

    response = organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(edition, room, "2030-06-20 10:00", "2030-06-20 11:00"),
        follow=True,
    )

    assert [level for level, _text in messages_of(response)] == ["success"]


def test_session_outside_the_edition_dates_is_flagged_on_its_form(organiser_client, edition):
    session = SessionFactory(conference=edition, start=at("2030-07-01 09:00"), end=at("2030-07-01 10:00"))

    response = organiser_client.get(reverse("admin:events_session_change", args=[session.pk]))

    assert messages_of(response) == [("warning", "该议程不在本届会议日期范围内。")]


def test_speaker_in_two_places_is_flagged_on_the_form(organiser_client, edition):
    speaker = SpeakerFactory(conference=edition, name_zh_hans="戴红")
    first = SessionFactory(conference=edition, start=at("2030-06-20 09:00"), end=at("2030-06-20 10:00"))
    second = SessionFactory(
        conference=edition, title_zh_hans="论坛", start=at("2030-06-20 09:30"), end=at("2030-06-20 10:30")
    )
    SessionSpeakerFactory(session=first, speaker=speaker)
    SessionSpeakerFactory(session=second, speaker=speaker)

    response = organiser_client.get(reverse("admin:events_session_change", args=[first.pk]))

    assert messages_of(response) == [
        ("warning", "戴红 同一时间还在“论坛”（2030年6月20日 09:30–10:30）中发言。")
    ]


def test_session_end_before_start_is_a_form_error_and_nothing_is_saved(organiser_client, edition):
    room = RoomFactory(conference=edition)

    response = organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(edition, room, "2030-06-20 10:00", "2030-06-20 09:00"),
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.non_field_errors()) == ["议程的结束时间必须晚于开始时间。"]
    assert not Session.objects.exists()


def test_changelist_flags_conflicts_and_filters_them(organiser_client, edition):
    room = RoomFactory(conference=edition)
    clash = [SessionFactory(conference=edition, room=room, title_en=f"Clash {n}") for n in range(2)]
    SessionFactory(conference=edition, room=RoomFactory(conference=edition), title_en="Alone")
    url = reverse("admin:events_session_changelist")

    everything = organiser_client.get(url)
    conflicting = organiser_client.get(url, {"conflicts": "yes"})
    clean = organiser_client.get(url, {"conflicts": "no"})

    assert {s.title_en: s.has_conflict for s in everything.context["cl"].result_list} == {
        "Clash 0": True,
        "Clash 1": True,
        "Alone": False,
    }
    assert {s.pk for s in conflicting.context["cl"].result_list} == {s.pk for s in clash}
    assert [s.title_en for s in clean.context["cl"].result_list] == ["Alone"]


def test_changelist_says_what_a_session_clashes_with_in_its_second_column(organiser_client, edition):
    room = RoomFactory(conference=edition)
    SessionFactory(conference=edition, room=room, title_zh_hans="甲", title_en="First")
    SessionFactory(conference=edition, room=room, title_zh_hans="乙", title_en="Second")

    response = organiser_client.get(reverse("admin:events_session_changelist"))

    content = response.content.decode()
    assert '<span class="conflict-note">⚠ 会议室: 乙</span>' in content
    assert '<span class="conflict-note">⚠ 会议室: 甲</span>' in content
    headers = [header["text"] for header in response.context["result_headers"]]
    assert headers[1:3] == ["标题", "冲突"]  # after the row's checkbox


@pytest.mark.parametrize("sessions", [10, 80])
def test_changelist_conflict_check_does_not_grow_with_sessions(
    organiser_client, edition, sessions, django_assert_max_num_queries
):
    rooms = [RoomFactory(conference=edition) for _ in range(4)]
    for index in range(sessions):
        SessionFactory(conference=edition, room=rooms[index % 4])

    with django_assert_max_num_queries(34):
        response = organiser_client.get(reverse("admin:events_session_changelist"), {"conflicts": "yes"})

    assert response.status_code == 200


def test_day_filter_and_a_malformed_day(organiser_client, edition):
    SessionFactory(conference=edition, title_en="Day one", start=at("2030-06-20 09:00"))
    SessionFactory(conference=edition, title_en="Day two", start=at("2030-06-21 09:00"))
    url = reverse("admin:events_session_changelist")

    day_two = organiser_client.get(url, {"day": "2030-06-21"})
    malformed = organiser_client.get(url, {"day": "not-a-day"})

    assert [s.title_en for s in day_two.context["cl"].result_list] == ["Day two"]
    assert malformed.status_code == 200
    assert list(malformed.context["cl"].result_list) == []


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("publish", "draft", "published"),
        ("unpublish", "published", "draft"),
        ("cancel", "published", "cancelled"),
    ],
)
def test_status_actions(organiser_client, edition, action, before, after):
    sessions = [SessionFactory(conference=edition, status=before) for _ in range(2)]

    response = organiser_client.post(
        reverse("admin:events_session_changelist"),
        {"action": action, "_selected_action": [s.pk for s in sessions]},
        follow=True,
    )

    assert set(Session.objects.values_list("status", flat=True)) == {after}
    assert messages_of(response)[0][0] == "success"


def speaker_form(edition, **extra):
    data = {
        "conference": edition.pk,
        "name_zh_hans": "戴红",
        "name_en": "Dai Hong",
        "slug": "dai-hong",
        "honorific_zh_hans": "",
        "honorific_en": "",
        "position_zh_hans": "",
        "position_en": "",
        "organisation_zh_hans": "",
        "organisation_en": "",
        "biography_zh_hans": "",
        "biography_en": "",
        "website": "example.org",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def test_speaker_photo_is_re_encoded_without_metadata_in_two_sizes(
    organiser_client, edition, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    photo = upload(
        name="../../etc/passwd.jpg", content=image_bytes(size=(3000, 2000), exif_comment="GPS here")
    )

    response = organiser_client.post(reverse("admin:events_speaker_add"), speaker_form(edition, photo=photo))

    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert speaker.website == "https://example.org"
    with speaker.photo.open("rb"), speaker.photo_thumbnail.open("rb"):
        photo_file = Image.open(io.BytesIO(speaker.photo.read()))
        thumbnail = Image.open(io.BytesIO(speaker.photo_thumbnail.read()))
    assert (photo_file.size, thumbnail.size) == ((800, 533), (160, 107))
    assert dict(photo_file.getexif()) == {}
    assert speaker.photo.name.startswith("speakers/photo-")
    assert "passwd" not in speaker.photo.name
    assert organiser_client.get(reverse("admin:events_speaker_changelist")).status_code == 200


@pytest.mark.parametrize(
    "content",
    [
        b"not an image at all",
        image_bytes(format="GIF", mode="P"),
        image_bytes(format="PNG", size=(8000, 6000), mode="L"),
    ],
    ids=["text", "gif", "too-many-pixels"],
)
def test_speaker_bad_photo_is_a_form_error_and_nothing_is_saved(
    organiser_client, edition, content, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path

    response = organiser_client.post(
        reverse("admin:events_speaker_add"),
        speaker_form(edition, photo=upload(name="photo.jpg", content=content)),
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["photo"]
    assert not Speaker.objects.exists()
    assert list(tmp_path.rglob("*.*")) == []


def test_save_and_continue_warns_once(organiser_client, edition):
    room = RoomFactory(conference=edition)
    SessionFactory(conference=edition, room=room, start=at("2030-06-20 09:00"), end=at("2030-06-20 10:00"))

    response = organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(edition, room, "2030-06-20 09:30", "2030-06-20 10:30", _continue="1"),
        follow=True,
    )

    assert [level for level, _text in messages_of(response)] == ["success", "warning"]


def test_new_session_form_starts_with_the_current_edition(organiser_client, edition):
    ConferenceFactory()

    response = organiser_client.get(reverse("admin:events_session_add"))

    assert response.context["adminform"].form.initial["conference"] == edition.pk


@pytest.fixture
def berlin():
    edition = ConferenceFactory(is_current=True, time_zone="Europe/Berlin")
    room = RoomFactory(conference=edition)
    session = SessionFactory(
        conference=edition,
        room=room,
        title_en="Berlin talk",
        start=at("2030-06-20 12:30", "Europe/Berlin"),
        end=at("2030-06-20 13:30", "Europe/Berlin"),
    )
    return edition, room, session


def test_the_session_form_shows_times_in_the_editions_time_zone(organiser_client, berlin):
    _edition, _room, session = berlin

    content = organiser_client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()

    assert 'name="start_1" value="12:30"' in content


def test_the_session_form_takes_times_in_the_editions_time_zone(organiser_client, berlin):
    edition, room, _session = berlin

    organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(edition, room, "2030-06-21 09:00", "2030-06-21 10:00"),
    )

    assert Session.objects.get(slug="new-session").start == at("2030-06-21 09:00", "Europe/Berlin")


def test_the_session_list_shows_times_and_days_of_the_edition(organiser_client, berlin):
    edition, room, _session = berlin
    edition.day_change = datetime.time(6)
    edition.save()
    SessionFactory(
        conference=edition, room=room, title_en="Night", start=at("2030-06-21 00:30", "Europe/Berlin")
    )

    response = organiser_client.get(reverse("admin:events_session_changelist"))
    night_day = organiser_client.get(reverse("admin:events_session_changelist"), {"day": "2030-06-20"})

    day_filter = next(spec for spec in response.context["cl"].filter_specs if spec.parameter_name == "day")
    assert [value for value, _label in day_filter.lookup_choices] == ["2030-06-20"]
    assert "12:30" in response.content.decode()
    assert sorted(session.title_en for session in night_day.context["cl"].result_list) == [
        "Berlin talk",
        "Night",
    ]


def test_the_conflict_warning_gives_times_in_the_editions_own_zone():
    edition = ConferenceFactory(time_zone="Europe/Berlin", start_date=datetime.date(2030, 8, 1))
    room = RoomFactory(conference=edition, name_en="Saal 1")
    berlin = "Europe/Berlin"
    SessionFactory(
        conference=edition,
        room=room,
        title_en="Opening",
        start=at("2030-08-01 09:00", berlin),
        end=at("2030-08-01 10:00", berlin),
    )
    clash = SessionFactory(
        conference=edition,
        room=room,
        start=at("2030-08-01 09:30", berlin),
        end=at("2030-08-01 10:30", berlin),
    )

    with translation.override("en"):
        lines = conflict_messages(clash)

    assert lines == ["Room “Saal 1” also holds “Opening” (Aug. 1, 2030, 9 a.m.–10 a.m.) at the same time."]


def test_a_session_ending_after_the_day_following_the_last_day_is_a_form_error(organiser_client, edition):
    room = RoomFactory(conference=edition)

    response = organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(edition, room, "2030-06-20 10:00", "2030-06-22 00:30"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end"] == [
        "该议程结束于本届会议最后一天（2030-06-20）的次日之后。"
    ]
    assert not Session.objects.filter(slug="new-session").exists()


def test_a_night_session_may_end_on_the_morning_after_the_last_day(organiser_client, edition):
    room = RoomFactory(conference=edition)

    organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(edition, room, "2030-06-20 22:00", "2030-06-21 02:00"),
    )

    assert Session.objects.filter(slug="new-session").exists()
