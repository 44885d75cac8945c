import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Session, SessionSpeaker
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    at,
)

pytestmark = pytest.mark.django_db


def test_session_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(start=at("2030-06-20 10:00"), end=at("2030-06-20 09:00"))


def test_session_ending_when_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(start=at("2030-06-20 10:00"), end=at("2030-06-20 10:00"))


def test_session_ending_before_it_starts_is_a_clear_validation_error():
    session = SessionFactory.build(
        conference=ConferenceFactory(), room=None, start=at("2030-06-20 10:00"), end=at("2030-06-20 09:00")
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.messages == ["A session must end after it starts."]


def test_session_slug_is_unique_within_an_edition():
    session = SessionFactory(slug="opening")

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(conference=session.conference, slug="opening")


def test_session_slug_can_repeat_in_another_edition():
    SessionFactory(slug="opening")

    SessionFactory(slug="opening")

    assert Session.objects.filter(slug="opening").count() == 2


def test_speaker_slug_is_unique_within_an_edition():
    speaker = SpeakerFactory(slug="wang")

    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(conference=speaker.conference, slug="wang")


def test_track_slug_is_unique_within_an_edition():
    track = TrackFactory(slug="standards")

    with pytest.raises(IntegrityError), transaction.atomic():
        TrackFactory(conference=track.conference, slug="standards")


def test_speaker_is_listed_once_per_session():
    link = SessionSpeakerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionSpeaker.objects.create(session=link.session, speaker=link.speaker, role="chair")


def test_track_colour_must_be_a_hex_colour():
    track = TrackFactory.build(conference=ConferenceFactory(), colour="red")

    with pytest.raises(ValidationError) as error:
        track.full_clean()

    assert list(error.value.message_dict) == ["colour"]


def test_session_room_from_another_edition_is_a_validation_error():
    session = SessionFactory.build(conference=ConferenceFactory(), room=RoomFactory())

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict["room"] == ["请选择与议程同一届会议的会议室。"]


def test_session_track_from_another_edition_is_a_validation_error():
    conference = ConferenceFactory()
    session = SessionFactory.build(
        conference=conference, room=RoomFactory(conference=conference), track=TrackFactory()
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert list(error.value.message_dict) == ["track"]


def test_public_sessions_are_published_and_cancelled_ones():
    published = SessionFactory(status="published")
    cancelled = SessionFactory(status="cancelled")
    SessionFactory(status="draft")

    assert set(Session.objects.public()) == {published, cancelled}


def test_on_day_uses_the_conference_time_zone():
    # 23:30 on 19 June in Beijing is 15:30 UTC; 00:30 on 21 June is 16:30 UTC on the 20th.
    conference = ConferenceFactory()
    before = SessionFactory(conference=conference, start=at("2030-06-19 23:30"))
    first = SessionFactory(conference=conference, start=at("2030-06-20 00:00"))
    last = SessionFactory(conference=conference, start=at("2030-06-20 23:59"))
    SessionFactory(conference=conference, start=at("2030-06-21 00:00"))

    day = Session.objects.on_day(datetime.date(2030, 6, 20), conference)

    assert set(day) == {first, last}
    assert before not in day


def test_running_at_excludes_a_session_ending_at_that_moment():
    running = SessionFactory(start=at("2030-06-20 09:00"), end=at("2030-06-20 10:00"))
    SessionFactory(start=at("2030-06-20 08:00"), end=at("2030-06-20 09:30"))

    assert list(Session.objects.running_at(at("2030-06-20 09:30"))) == [running]


def test_session_and_speaker_urls():
    session = SessionFactory(slug="opening")
    speaker = SpeakerFactory(slug="dai-hong")

    with translation.override("en"):
        assert (session.get_absolute_url(), speaker.get_absolute_url()) == (
            "/en/sessions/opening/",
            "/en/speakers/dai-hong/",
        )
