import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Conference
from tests.factories import ConferenceFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_organiser_group_exists_with_the_programme_permissions():
    # The change log is read and pruned, never written by hand; agendas are visitors' own.
    group = Group.objects.get(name="Organiser")

    codenames = set(
        group.permissions.filter(content_type__app_label="events").values_list("codename", flat=True)
    )

    assert codenames == {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in (
            "conference",
            "organisation",
            "conferenceorganisation",
            "room",
            "track",
            "sessionkind",
            "session",
            "sessionspeaker",
            "speaker",
            "speakerlink",
        )
    } | {"view_sessionchange", "delete_sessionchange"}


def test_conference_changelist_opens_for_an_organiser(organiser_client, conference):
    response = organiser_client.get(reverse("admin:events_conference_changelist"))

    assert response.status_code == 200
    assert conference.name_zh_hans in response.content.decode()


def test_conference_change_form_has_both_languages_and_the_organiser_inline(organiser_client, conference):
    response = organiser_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="name_zh_hans"' in content
    assert 'name="name_en"' in content
    assert 'name="organising_bodies-0-organisation"' in content


def test_organiser_cannot_manage_user_accounts(organiser_client):
    response = organiser_client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:events_conference_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_make_current_action_switches_the_current_edition(organiser_client):
    old = ConferenceFactory(number=11, is_current=True)
    new = ConferenceFactory(number=12)

    response = organiser_client.post(
        reverse("admin:events_conference_changelist"),
        {"action": "make_current", "_selected_action": [new.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert list(Conference.objects.current()) == [new]
    old.refresh_from_db()
    assert old.is_current is False


def test_make_current_action_with_two_editions_selected_changes_nothing(organiser_client):
    old = ConferenceFactory(number=11, is_current=True)
    new = ConferenceFactory(number=12)

    response = organiser_client.post(
        reverse("admin:events_conference_changelist"),
        {"action": "make_current", "_selected_action": [old.pk, new.pk]},
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["请只选择一个届次设为当前届次。"]
    assert list(Conference.objects.current()) == [old]


def test_adding_a_second_current_edition_in_the_admin_is_a_form_error(organiser_client):
    ConferenceFactory(number=11, is_current=True)
    organisation = OrganisationFactory()

    response = organiser_client.post(
        reverse("admin:events_conference_add"),
        {
            "number": "12",
            "name_zh_hans": "第十二届",
            "name_en": "12th",
            "theme_zh_hans": "",
            "theme_en": "",
            "description_zh_hans": "",
            "description_en": "",
            "is_current": "on",
            "start_date": "2030-06-20",
            "end_date": "2030-06-19",
            "time_zone": "Asia/Shanghai",
            "venue_name_zh_hans": "会场",
            "venue_name_en": "Venue",
            "venue_address_zh_hans": "",
            "venue_address_en": "",
            "organising_bodies-TOTAL_FORMS": "1",
            "organising_bodies-INITIAL_FORMS": "0",
            "organising_bodies-0-organisation": str(organisation.pk),
            "organising_bodies-0-role": "co_host",
            "organising_bodies-0-order": "1",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert list(errors) == [
        "结束日期不能早于开始日期。",
        "已有其他届次为当前届次。请在届次列表中使用“设为当前届次”操作进行切换。",
    ]
    assert Conference.objects.count() == 1
