import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import services
from events.enums import SessionStatus
from events.models import Session, SessionChange
from tests.factories import ConferenceFactory, RoomFactory, SessionChangeFactory, SessionFactory, at

pytestmark = pytest.mark.django_db


def moved(session, start, end=None):
    session.start = at(start)
    session.end = at(end) if end else session.start + datetime.timedelta(hours=1)
    return services.session_save(session=session)


def test_moving_a_published_session_is_recorded(conference):
    session = SessionFactory(conference=conference)

    change = moved(session, "2030-06-20 10:00")

    assert (change.previous_start, change.start) == (at("2030-06-20 09:00"), at("2030-06-20 10:00"))
    assert change.moved and not change.room_changed and not change.status_changed
    session.refresh_from_db()
    assert session.changed_at == change.created


def test_a_new_room_is_recorded(conference):
    session = SessionFactory(conference=conference)
    before = session.room
    session.room = RoomFactory(conference=conference)

    change = services.session_save(session=session)

    assert (change.previous_room, change.room) == (before, session.room)
    assert change.room_changed and not change.moved


@pytest.mark.parametrize("status", [SessionStatus.DRAFT])
def test_edits_of_drafts_are_not_news(conference, status):
    session = SessionFactory(conference=conference, status=status)

    assert moved(session, "2030-06-20 11:00") is None
    assert SessionChange.objects.count() == 0


def test_new_text_is_not_news(conference):
    session = SessionFactory(conference=conference)
    session.title_en = "A better title"

    assert services.session_save(session=session) is None
    session.refresh_from_db()
    assert session.changed_at is None


def test_a_new_session_is_not_a_change(conference):
    session = SessionFactory.build(conference=conference, room=RoomFactory(conference=conference))
    session.kind.save()

    assert services.session_save(session=session) is None
    assert Session.objects.count() == 1


def test_an_invalid_edit_is_refused_and_nothing_recorded(conference):
    session = SessionFactory(conference=conference)
    session.end = session.start - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as refused:
        services.session_save(session=session)

    assert refused.value.messages == ["议程的结束时间必须晚于开始时间。"]
    assert SessionChange.objects.count() == 0
    session.refresh_from_db()
    assert session.end > session.start


def test_cancelling_and_reinstating_are_recorded(conference):
    session = SessionFactory(conference=conference)

    services.session_set_status(sessions=[session], status=SessionStatus.CANCELLED)
    services.session_set_status(sessions=[session], status=SessionStatus.PUBLISHED)

    changes = list(SessionChange.objects.order_by("pk"))
    assert [(c.previous_status, c.status) for c in changes] == [
        ("published", "cancelled"),
        ("cancelled", "published"),
    ]
    assert changes[0].is_cancellation and not changes[1].is_cancellation


def test_publishing_a_draft_is_not_a_change(conference):
    session = SessionFactory(conference=conference, status=SessionStatus.DRAFT)

    assert services.session_set_status(sessions=[session], status=SessionStatus.PUBLISHED) == 1
    assert SessionChange.objects.count() == 0


def test_organiser_moving_a_session_in_the_admin_records_it(organiser_client, conference):
    session = SessionFactory(conference=conference, slug="moved")
    form = {
        "conference": conference.pk,
        "title_zh_hans": session.title_zh_hans,
        "title_en": session.title_en,
        "slug": "moved",
        "kind": session.kind.pk,
        "track": "",
        "status": "published",
        "start_0": "2030-06-20",
        "start_1": "15:00:00",
        "end_0": "2030-06-20",
        "end_1": "16:00:00",
        "room": session.room.pk,
        "languages": "zh",
        "session_speakers-TOTAL_FORMS": "0",
        "session_speakers-INITIAL_FORMS": "0",
    }

    response = organiser_client.post(reverse("admin:events_session_change", args=[session.pk]), form)

    assert response.status_code == 302
    change = SessionChange.objects.get()
    assert change.start == at("2030-06-20 15:00")


def test_organiser_can_read_the_change_log_but_not_write_it(organiser_client, conference):
    change = SessionChangeFactory(session=SessionFactory(conference=conference))

    assert organiser_client.get(reverse("admin:events_sessionchange_changelist")).status_code == 200
    assert organiser_client.get(reverse("admin:events_sessionchange_add")).status_code == 403
    assert (
        organiser_client.post(reverse("admin:events_sessionchange_change", args=[change.pk]), {}).status_code
        == 403
    )


def test_changes_page_lists_what_changed(client, conference):
    session = SessionFactory(conference=conference, slug="keynote", title_en="Keynote")
    before_room = session.room
    session.room = RoomFactory(conference=conference, name_en="Hall B")
    moved(session, "2030-06-20 10:00")
    services.session_set_status(sessions=[session], status=SessionStatus.CANCELLED)

    response = client.get("/en/schedule/changes/")

    content = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["changes"]) == 2
    assert "Moved from June 20, 2030 09:00–10:00 to June 20, 2030 10:00–11:00." in content
    assert f"Room changed from {before_room.name_en} to Hall B." in content
    assert "Cancelled." in content


def test_changes_of_sessions_taken_back_to_draft_are_hidden(client, conference):
    SessionChangeFactory(session=SessionFactory(conference=conference, status=SessionStatus.DRAFT))
    SessionChangeFactory(session=SessionFactory(conference=ConferenceFactory()))

    assert list(client.get("/en/schedule/changes/").context["changes"]) == []
    assert (
        "Nothing has changed since the programme was published."
        in client.get("/en/schedule/changes/").content.decode()
    )


def test_changed_sessions_are_marked_in_the_programme_and_explained_on_their_page(client, conference):
    session = SessionFactory(conference=conference, slug="keynote")
    SessionFactory(conference=conference, slug="steady", start=at("2030-06-20 13:00"))
    moved(session, "2030-06-20 10:00")

    schedule = client.get("/en/schedule/").content.decode()
    page = client.get("/en/sessions/keynote/").content.decode()

    assert schedule.count('class="badge badge-changed"') == 1
    assert "Moved from June 20, 2030 09:00–10:00 to June 20, 2030 10:00–11:00." in page


def test_changes_feed_is_rss_with_one_item_per_change(client, conference):
    session = SessionFactory(conference=conference, slug="keynote", title_en="Keynote")
    moved(session, "2030-06-20 10:00")
    services.session_set_status(sessions=[session], status=SessionStatus.CANCELLED)

    response = client.get("/en/schedule/changes/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Cancelled: Keynote", "Changed: Keynote"]
    assert items[0].findtext("link") == "http://testserver/en/sessions/keynote/"
    assert "Moved from" in items[1].findtext("description")


def test_changes_pages_are_404_without_a_current_edition(client, db):
    assert client.get("/en/schedule/changes/").status_code == 404
    assert client.get("/en/schedule/changes/feed/").status_code == 404


@pytest.mark.parametrize("size", [1, 60])
def test_changes_query_count_does_not_grow(client, conference, size, django_assert_num_queries):
    for index in range(size):
        SessionChangeFactory(session=SessionFactory(conference=conference, slug=f"s{index}"))
    client.get("/en/")

    # Count, page of changes with their sessions and rooms.
    with django_assert_num_queries(2):
        response = client.get("/en/schedule/changes/")
    assert len(response.context["changes"]) == min(size, 50)

    with django_assert_num_queries(1):
        client.get("/en/schedule/changes/feed/")
