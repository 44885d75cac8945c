"""Session kinds belong to an edition: an imported congress brings its own types, and one
edition's list does not change another's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import services
from events.enums import DEFAULT_SESSION_KINDS
from events.models import Conference, SessionKind
from tests.factories import ConferenceFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_each_edition_has_its_own_kinds_and_the_schedule_offers_only_the_current_ones(client, conference):
    SessionFactory(conference=conference)
    other = ConferenceFactory()
    SessionKind.objects.create(conference=other, slug="hackathon", name_zh_hans="黑客松", name_en="Hackathon")

    form = client.get("/en/schedule/").context["filter"].form

    assert [kind.slug for kind in form.fields["kind"].queryset] == ["forum"]


def test_a_session_cannot_take_a_kind_of_another_edition(conference):
    other_kind = SessionKind.objects.create(conference=ConferenceFactory(), slug="talk", name_zh_hans="报告")
    session = SessionFactory(conference=conference)
    session.kind = other_kind

    with pytest.raises(ValidationError) as refused:
        session.full_clean()

    assert refused.value.message_dict["kind"] == ["请选择与议程同一届会议的议程类型。"]


def test_a_slug_is_unique_within_an_edition_only(conference):
    SessionKind.objects.create(conference=conference, slug="talk", name_zh_hans="报告")
    SessionKind.objects.create(conference=ConferenceFactory(), slug="talk", name_zh_hans="报告")

    with pytest.raises(ValidationError):
        SessionKind(conference=conference, slug="talk", name_zh_hans="报告").full_clean()


def test_an_edition_added_in_the_back_office_starts_with_the_usual_kinds(organiser_client):
    organiser_client.post(
        reverse("admin:events_conference_add"),
        {
            "number": "13",
            "name_zh_hans": "第十三届",
            "name_en": "13th",
            "start_date": "2031-06-20",
            "end_date": "2031-06-20",
            "time_zone": "Asia/Shanghai",
            "venue_name_zh_hans": "会场",
            "acronym": "",
            "day_change": "00:00",
            "timeslot_minutes": "5",
            "expo_opens": "09:00",
            "expo_closes": "17:00",
            "organising_bodies-TOTAL_FORMS": "0",
            "organising_bodies-INITIAL_FORMS": "0",
        },
    )

    edition = Conference.objects.get(number=13)
    assert [kind.slug for kind in edition.session_kinds.all()] == [
        slug for slug, _zh, _en in DEFAULT_SESSION_KINDS
    ]


def test_the_session_form_offers_the_kinds_of_the_sessions_edition(organiser_client, conference):
    session = SessionFactory(conference=conference)
    SessionKind.objects.create(conference=ConferenceFactory(), slug="hackathon", name_zh_hans="黑客松")

    response = organiser_client.get(reverse("admin:events_session_change", args=[session.pk]))

    assert [kind.slug for kind in response.context["adminform"].form.fields["kind"].queryset] == ["forum"]


def test_ensuring_the_usual_kinds_keeps_those_there_are(conference):
    forum = SessionKind.objects.create(conference=conference, slug="forum", name_zh_hans="分论坛")

    kinds = services.session_kinds_ensure_defaults(conference=conference)

    assert kinds["forum"] == forum
    assert conference.session_kinds.count() == len(DEFAULT_SESSION_KINDS)
