import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import CategoryFactory, ConferenceFactory, RegistrationFactory
from visitors.models import Registration

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/visitors/registration/"
CHECK_IN = "/admin/visitors/registration/check-in/"


def test_organiser_group_has_every_visitors_permission():
    codenames = set(Group.objects.get(name="Organiser").permissions.values_list("codename", flat=True))

    assert {
        "add_registration",
        "change_registration",
        "delete_registration",
        "view_registration",
        "check_in_registration",
    } <= codenames


def test_changelist_lists_registrations_with_their_state(organiser_client, conference):
    RegistrationFactory(conference=conference, name="李明", organisation="城市研究院", email="li@example.com")

    response = organiser_client.get(CHANGELIST)

    content = response.content.decode()
    assert response.status_code == 200
    assert "李明" in content
    assert "城市研究院" in content
    assert "li@example.com" in content


@pytest.mark.parametrize(
    "term", ["李明", "城市研究", "LI@EXAMPLE", "13912345678", "ABCD-EFGH-JKLM-NPQR", "abcdefghjklmnpqr"]
)
def test_changelist_search_by_name_organisation_email_mobile_and_badge_code(
    organiser_client, conference, term
):
    wanted = RegistrationFactory(
        conference=conference,
        name="李明",
        organisation="城市研究院",
        email="li@example.com",
        mobile="13912345678",
        badge_code="ABCDEFGHJKLMNPQR",
    )
    RegistrationFactory(conference=conference, name="王芳", organisation="另一家", email="wang@example.com")

    response = organiser_client.get(CHANGELIST, {"q": term})

    assert list(response.context["cl"].result_list) == [wanted]


def test_changelist_filters_by_edition_confirmation_check_in_and_interest(organiser_client, conference):
    interest = CategoryFactory()
    confirmed = RegistrationFactory(conference=conference, confirmed_at=timezone.now())
    confirmed.interests.add(interest)
    checked_in = RegistrationFactory(conference=conference, checked_in_at=timezone.now())
    other_edition = RegistrationFactory(conference=ConferenceFactory())

    def listed(**query):
        return set(organiser_client.get(CHANGELIST, query).context["cl"].result_list)

    assert listed(confirmed="yes") == {confirmed}
    assert listed(confirmed="no") == {checked_in, other_edition}
    assert listed(checked_in="yes") == {checked_in}
    assert listed(interests__id__exact=interest.pk) == {confirmed}
    assert listed(conference__id__exact=other_edition.conference.pk) == {other_edition}


def test_export_csv_neutralises_formulas(organiser_client, conference):
    registration = RegistrationFactory(
        conference=conference, name='=HYPERLINK("http://evil.example")', organisation="+城市研究院"
    )

    response = organiser_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [registration.pk]}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][1] == "'+城市研究院"
    assert rows[1][3] == registration.email
    assert rows[1][7] == registration.grouped_badge_code


def test_check_in_action_checks_in_and_refuses_a_second_time(organiser_client, conference):
    first, second = RegistrationFactory.create_batch(2, conference=conference)
    earlier = timezone.now() - datetime.timedelta(hours=1)
    Registration.objects.filter(pk=second.pk).update(checked_in_at=earlier)

    response = organiser_client.post(
        CHANGELIST, {"action": "check_in", "_selected_action": [first.pk, second.pk]}, follow=True
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.checked_in_at is not None
    assert first.checked_in_by.username == "organiser"
    assert second.checked_in_at == earlier
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 2


def test_changelist_counts_per_day_and_interest(organiser_client, conference):
    interest = CategoryFactory(name_zh_hans="物联网感知")
    day = datetime.datetime(2030, 6, 19, 2, 0, tzinfo=datetime.UTC)
    for registration in RegistrationFactory.create_batch(3, conference=conference):
        registration.interests.add(interest)
    Registration.objects.update(created=day)
    Registration.objects.filter(pk=Registration.objects.first().pk).update(
        checked_in_at=day + datetime.timedelta(days=1)
    )

    counts = organiser_client.get(CHANGELIST).context["counts"]

    assert counts["days"] == [
        {"day": datetime.date(2030, 6, 19), "registered": 3, "checked_in": 0},
        {"day": datetime.date(2030, 6, 20), "registered": 0, "checked_in": 1},
    ]
    assert [(category.name, category.count) for category in counts["interests"]] == [("物联网感知", 3)]


def _changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_changelist_query_count_does_not_grow_with_registrations(organiser_client, conference):
    interests = CategoryFactory.create_batch(3)

    def add(count):
        for registration in RegistrationFactory.create_batch(count, conference=conference):
            registration.interests.set(interests)
            registration.checked_in_at = timezone.now()
            registration.save()

    add(2)
    _changelist_queries(organiser_client)  # warms what the first page of a session loads once
    small = _changelist_queries(organiser_client)
    add(40)
    large = _changelist_queries(organiser_client)

    assert small == large == 12


def test_admin_cannot_add_registrations_outside_the_form(organiser_client):
    assert organiser_client.get("/admin/visitors/registration/add/").status_code == 403


def test_check_in_page_checks_a_visitor_in_by_typed_code(organiser_client, conference):
    registration = RegistrationFactory(
        conference=conference, name="李明", organisation="城市研究院", badge_code="ABCDEFGHJKLMNPQR"
    )

    response = organiser_client.post(CHECK_IN, {"code": "abcd-efgh-jklm-npqr"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "李明" in content
    assert "城市研究院" in content
    assert "autofocus" in content
    assert 'value="abcd' not in content
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by.username == "organiser"


def test_check_in_page_refuses_a_second_check_in_and_changes_nothing(client, organiser_client, conference):
    registration = RegistrationFactory(conference=conference, badge_code="ABCDEFGHJKLMNPQR")
    organiser_client.post(CHECK_IN, {"code": "ABCDEFGHJKLMNPQR"})
    registration.refresh_from_db()
    first = registration.checked_in_at

    with timezone.override("Asia/Shanghai"):
        response = organiser_client.post(CHECK_IN, {"code": "ABCD EFGH JKLM NPQR"})

    content = response.content.decode()
    registration.refresh_from_db()
    assert response.status_code == 409
    local = timezone.localtime(first, conference.zone).strftime("%H:%M")
    assert f"{local} 签到，经办人：organiser" in content
    assert registration.checked_in_at == first


def test_check_in_page_says_an_unknown_code_is_unknown(organiser_client, conference):
    RegistrationFactory(conference=conference, badge_code="ABCDEFGHJKLMNPQR")

    response = organiser_client.post(CHECK_IN, {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"})

    assert response.status_code == 404
    # The back office speaks Chinese.
    assert "本届没有胸卡编码为 ZZZZ-ZZZZ-ZZZZ-ZZZZ 的注册" in response.content.decode()
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_check_in_page_ignores_badges_of_another_edition(organiser_client, conference):
    RegistrationFactory(conference=ConferenceFactory(), badge_code="ABCDEFGHJKLMNPQR")

    response = organiser_client.post(CHECK_IN, {"code": "ABCDEFGHJKLMNPQR"})

    assert response.status_code == 404
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_check_in_page_sends_visitors_to_sign_in(client, conference):
    response = client.get(CHECK_IN)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_check_in_page_refuses_staff_without_the_permission(client, conference):
    registration = RegistrationFactory(conference=conference)
    staff = get_user_model().objects.create_user("staff", password="pw-for-tests", is_staff=True)
    client.force_login(staff)

    response = client.post(CHECK_IN, {"code": registration.badge_code})

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_page_refuses_a_non_staff_user(client, conference):
    registration = RegistrationFactory(conference=conference)
    user = get_user_model().objects.create_user("someone", password="pw-for-tests")
    client.force_login(user)

    response = client.post(CHECK_IN, {"code": registration.badge_code})

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_page_refuses_a_forged_post_without_csrf(django_user_model, conference):
    registration = RegistrationFactory(conference=conference)
    user = django_user_model.objects.create_user("organiser", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="Organiser"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(CHECK_IN, {"code": registration.badge_code})

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None
