import csv
import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    CategoryFactory,
    ConferenceFactory,
    ExhibitorFactory,
    LeadFactory,
    MeetingFactory,
    RegistrationFactory,
)
from visitors.enums import MeetingStatus
from visitors.models import Lead, Registration

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/visitors/registration/"
CHECK_IN = "/admin/visitors/registration/check-in/"
LEADS = "/admin/visitors/lead/"


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


@pytest.fixture
def superuser_client(client, django_user_model):
    """A client signed in as an organiser who is also a superuser (the one who may delete leads)."""
    user = django_user_model.objects.create_user(
        "chief", password="pw-for-tests", is_staff=True, is_superuser=True
    )
    user.groups.add(Group.objects.get(name="Organiser"))
    client.force_login(user)
    return client


def cells(response, column):
    """The text of one column of the change list, row by row."""
    pattern = rf'<(?:td|th) class="field-{column}(?: [^"]*)?">(?:<a [^>]*>)?(.*?)(?:</a>)?</(?:td|th)>'
    return re.findall(pattern, response.content.decode())


def test_lead_changelist_lists_exhibitor_visitor_rating_and_who_scanned(superuser_client, conference):
    scanner = get_user_model().objects.create_user("li@acme.example")
    LeadFactory(
        exhibitor=ExhibitorFactory(conference=conference, name_zh_hans="艾克米传感"),
        registration__name="王芳",
        registration__share_contact=True,
        rating=4,
        scanned_by=scanner,
    )

    response = superuser_client.get(LEADS)

    assert response.status_code == 200
    assert cells(response, "exhibitor") == ["艾克米传感"]
    assert cells(response, "visitor") == ["王芳"]
    assert cells(response, "rating") == ["4"]
    assert cells(response, "scanned_by") == ["li@acme.example"]


def test_lead_changelist_hides_the_name_of_a_visitor_who_did_not_share_it(superuser_client, conference):
    exhibitor = ExhibitorFactory(conference=conference)
    LeadFactory(exhibitor=exhibitor, registration__name="王芳", registration__share_contact=True)
    LeadFactory(exhibitor=exhibitor, registration__name="李明", registration__share_contact=False)

    response = superuser_client.get(LEADS)

    # Newest first.
    assert cells(response, "visitor") == ["未分享", "王芳"]
    assert "李明" not in response.content.decode()


def test_lead_change_form_is_read_only_and_hides_a_visitor_who_did_not_share(superuser_client, conference):
    lead = LeadFactory(
        exhibitor__conference=conference,
        registration__name="李明",
        registration__share_contact=False,
        note="Wants a quote",
    )
    url = f"{LEADS}{lead.pk}/change/"

    response = superuser_client.get(url)
    refused = superuser_client.post(url, {"note": "Changed", "rating": "1"})

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert "<textarea" not in content
    assert 'name="_save"' not in content
    assert "李明" not in content
    assert refused.status_code == 403
    lead.refresh_from_db()
    assert (lead.note, lead.rating) == ("Wants a quote", None)


def test_lead_changelist_has_no_add_button_and_the_add_page_is_refused(superuser_client, conference):
    LeadFactory(exhibitor__conference=conference)

    response = superuser_client.get(LEADS)

    assert response.context["has_add_permission"] is False
    assert f'href="{LEADS}add/"' not in response.content.decode()
    assert superuser_client.get(f"{LEADS}add/").status_code == 403


def test_lead_delete_is_refused_to_staff_with_the_delete_permission(client, django_user_model, conference):
    lead = LeadFactory(exhibitor__conference=conference)
    staff = django_user_model.objects.create_user("organiser", password="pw-for-tests", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_lead", "delete_lead"]))
    client.force_login(staff)

    listed = client.get(LEADS)
    refused = client.post(f"{LEADS}{lead.pk}/delete/", {"post": "yes"})

    assert listed.status_code == 200
    assert "delete_selected" not in listed.context["cl"].model_admin.get_actions(listed.wsgi_request)
    assert refused.status_code == 403
    assert Lead.objects.filter(pk=lead.pk).exists()


def test_lead_delete_by_a_superuser_removes_only_the_lead(superuser_client, conference):
    lead = LeadFactory(exhibitor__conference=conference)

    response = superuser_client.post(f"{LEADS}{lead.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert Lead.objects.count() == 0
    assert Registration.objects.filter(pk=lead.registration_id).exists()


def test_lead_changelist_filters_by_edition_and_rating_and_searches_exhibitor_names(
    superuser_client, conference
):
    acme = ExhibitorFactory(conference=conference, name_zh_hans="艾克米传感", name_en="Acme Sensing")
    good = LeadFactory(exhibitor=acme, rating=5)
    unrated = LeadFactory(exhibitor=ExhibitorFactory(conference=conference, name_en="Beta Lighting"))
    other_edition = LeadFactory(exhibitor__conference=ConferenceFactory(), rating=5)

    def listed(**query):
        return set(superuser_client.get(LEADS, query).context["cl"].result_list)

    assert listed(exhibitor__conference__id__exact=conference.pk) == {good, unrated}
    assert listed(rating__exact=5) == {good, other_edition}
    assert listed(rating__isnull="True") == {unrated}
    assert listed(q="acme") == {good}
    assert listed(q="艾克米") == {good}


def _admin_page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_lead_changelist_query_count_does_not_grow_with_leads(superuser_client, conference):
    scanner = get_user_model().objects.create_user("li@acme.example")

    def add(count):
        for _ in range(count):
            LeadFactory(exhibitor__conference=conference, scanned_by=scanner, rating=3)

    add(2)
    _admin_page_queries(superuser_client, LEADS)  # warms what the first page of a session loads once
    small = _admin_page_queries(superuser_client, LEADS)
    add(40)
    large = _admin_page_queries(superuser_client, LEADS)

    assert small == large == 6


MEETINGS = "/admin/visitors/meeting/"


def test_meeting_changelist_shows_the_exhibitor_visitor_time_and_status(organiser_client, conference):
    MeetingFactory(
        exhibitor=ExhibitorFactory(conference=conference, name_zh_hans="艾克米传感"),
        registration__name="王芳",
        registration__organisation="示例研究院",
        status=MeetingStatus.ACCEPTED,
    )

    response = organiser_client.get(MEETINGS)

    assert response.status_code == 200
    assert cells(response, "exhibitor") == ["艾克米传感"]
    assert cells(response, "visitor") == ["王芳 (示例研究院)"]
    assert cells(response, "status") == ["已接受"]


def test_meeting_changelist_filters_by_status_and_searches_visitor_names(organiser_client, conference):
    accepted = MeetingFactory(exhibitor__conference=conference, status=MeetingStatus.ACCEPTED)
    requested = MeetingFactory(exhibitor__conference=conference, registration__name="李明")

    def listed(**query):
        return set(organiser_client.get(MEETINGS, query).context["cl"].result_list)

    assert listed(status__exact="accepted") == {accepted}
    assert listed(q="李明") == {requested}


def test_meeting_is_read_only_for_organisers_and_cannot_be_added_or_deleted(organiser_client, conference):
    meeting = MeetingFactory(exhibitor__conference=conference, message="Price list, please")
    url = f"{MEETINGS}{meeting.pk}/change/"

    page = organiser_client.get(url)
    changed = organiser_client.post(url, {"status": "accepted", "reply": "Yes"})
    deleted = organiser_client.post(f"{MEETINGS}{meeting.pk}/delete/", {"post": "yes"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert "Price list, please" in page.content.decode()
    assert changed.status_code == 403
    assert deleted.status_code == 403
    assert organiser_client.get(f"{MEETINGS}add/").status_code == 403
    meeting.refresh_from_db()
    assert (meeting.status, meeting.reply) == (MeetingStatus.REQUESTED, "")


def test_meeting_changelist_query_count_does_not_grow_with_meetings(organiser_client, conference):
    def add(count):
        for _ in range(count):
            MeetingFactory(exhibitor__conference=conference)

    add(2)
    _admin_page_queries(organiser_client, MEETINGS)  # warms what the first page of a session loads once
    small = _admin_page_queries(organiser_client, MEETINGS)
    add(30)
    large = _admin_page_queries(organiser_client, MEETINGS)

    assert small == large == 10
