"""The "follow and meet" pages: signing a browser in with the badge link, following exhibitors
and equipment, asking exhibitors for meetings (and cancelling them), the exhibitor portal's
answers, and what of it shows in the visitor's agenda and its calendar feed."""

import datetime
import uuid
import zoneinfo

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from events.selectors import agenda_session_key
from exhibitors.enums import EquipmentStatus, ReviewStatus
from tests.factories import (
    BoothFactory,
    ConferenceFactory,
    EquipmentFactory,
    ExhibitorFactory,
    MeetingFactory,
    RegistrationFactory,
    ReservationFactory,
    SessionFactory,
)
from tests.utils import member_client
from visitors import selectors, tokens
from visitors.enums import MeetingStatus
from visitors.models import Meeting

pytestmark = pytest.mark.django_db

DAY = "2030-06-20"  # the `conference` fixture's only day


def url(name, *args, language="en"):
    """The page's address in `language` (English under /en/, Chinese at the root)."""
    with translation.override(language):
        return reverse(name, args=args)


def visitor(conference, **fields):
    """A confirmed registration of `conference`."""
    return RegistrationFactory(conference=conference, confirmed_at=timezone.now(), **fields)


def sign_in(registration, client=None):
    """A browser (a new one unless given) that opened the visitor's badge link."""
    client = client or Client()
    response = client.get(url("visitors:badge", tokens.badge_token(registration), language="zh-hans"))
    assert response.status_code == 200
    return client


def meeting_data(**fields):
    return {"day": DAY, "time": "10:00", "minutes": "30", "message": "About your sensors", **fields}


def request_meeting(client, exhibitor, language="en", **fields):
    return client.post(
        url("visitors:meeting_request", exhibitor.slug, language=language), meeting_data(**fields)
    )


def follow(client, kind, target, action="follow", **fields):
    return client.post(url(f"visitors:follow_{kind}", target.pk), {"action": action, **fields})


def follow_page(kind, target, next_url):
    """Where a follow post leads: back to the follow page, which says what changed."""
    return f"{url(f'visitors:follow_{kind}', target.pk)}?{urlencode({'next': next_url})}"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def calendar_events(subscription_url):
    """The VEVENTs of the agenda's calendar feed, by UID, fetched as a calendar app would."""
    response = Client().get(subscription_url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def page_queries(client, address):
    """The queries of a second request for `address` (the first fills the shared cache with the
    edition and makes the once-an-hour writes)."""
    assert client.get(address).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.fixture
def acme(conference):
    return ExhibitorFactory(
        conference=conference, name_en="Acme Sensors", name_zh_hans="艾克米传感", email="sales@acme.example"
    )


@pytest.fixture
def device(acme):
    return EquipmentFactory(exhibitor=acme, name_en="Air Monitor", name_zh_hans="空气监测仪")


@pytest.fixture
def team(acme):
    """A browser signed in to the exhibitor portal as a member of Acme."""
    return member_client(acme, "li@acme.example")


@pytest.fixture
def registration(conference):
    return visitor(conference, name="Wang Fang", email="wang@example.com")


@pytest.fixture
def browser(registration):
    """A browser signed in as `registration` by its badge link."""
    return sign_in(registration)


# Signing in with the badge link, and the agenda's visitor section.


def test_badge_link_signs_the_browser_in_as_the_visitor(client, conference, registration):
    sign_in(registration, client)

    assert client.session[selectors.signed_in_key(conference)] == registration.pk
    registration.refresh_from_db()
    assert registration.agenda is not None
    assert client.session[agenda_session_key(conference)] == registration.agenda_id


def test_agenda_of_a_signed_in_visitor_shows_follows_and_meetings(browser, registration, acme, device):
    other = ExhibitorFactory(conference=acme.conference, name_en="Beta Robotics")
    registration.followed_exhibitors.add(other)
    registration.followed_equipment.add(device)
    meeting = MeetingFactory(exhibitor=acme, registration=registration)
    declined = MeetingFactory(exhibitor=other, registration=registration, status=MeetingStatus.DECLINED)

    response = browser.get("/en/agenda/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "At the expo" in content
    assert 'id="followed-exhibitors"' in content
    assert f'<a href="{url("exhibitors:exhibitor_detail", other.slug)}">Beta Robotics</a>' in content
    assert f'<a href="{url("exhibitors:equipment_detail", device.slug)}">Air Monitor</a>' in content
    assert f'id="meeting-{meeting.pk}"' in content
    assert f'action="{url("visitors:meeting_cancel", meeting.pk)}"' in content
    assert f'id="meeting-{declined.pk}"' in content
    assert f'action="{url("visitors:meeting_cancel", declined.pk)}"' not in content
    assert "Signed in as Wang Fang" in content
    assert "Sign out of this browser" in content
    assert "They are kept with your registration" in content
    assert "kept in this browser" not in content


def test_agenda_without_signing_in_invites_to_register_or_sign_in(client, conference):
    response = client.get("/en/agenda/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "They are kept in this browser without an account." in content
    assert "Open the link to your badge from our e-mail on this device to see them." in content
    assert f'href="{url("visitors:register")}"' in content
    assert "Sign out of this browser" not in content
    assert "Your meetings" not in content


def test_sign_out_forgets_the_visitor_in_this_browser(browser, conference, registration, acme):
    registration.followed_exhibitors.add(acme)

    response = browser.post(url("visitors:sign_out"))

    assert response.status_code == 302
    assert response["Location"] == url("events:agenda")
    assert selectors.signed_in_key(conference) not in browser.session
    assert agenda_session_key(conference) not in browser.session
    agenda = browser.get(url("events:agenda"))
    assert messages_of(agenda) == ["This browser no longer shows your badge, agenda and meetings."]
    assert "Acme Sensors" not in agenda.content.decode()
    assert "Open the link to your badge from our e-mail on this device" in agenda.content.decode()
    assert browser.get(url("visitors:follow_exhibitor", acme.pk)).status_code == 403
    # The follows are the visitor's, not the browser's: signing in again shows them.
    sign_in(registration, browser)
    assert "Acme Sensors" in browser.get(url("events:agenda")).content.decode()


def test_sign_out_is_a_post(browser):
    assert browser.get(url("visitors:sign_out")).status_code == 405


def test_opening_another_visitors_badge_link_switches_the_browser(browser, conference, registration, acme):
    registration.followed_exhibitors.add(acme)
    other = visitor(conference, name="Zhao Lei")

    sign_in(other, browser)

    content = browser.get(url("events:agenda")).content.decode()
    assert browser.session[selectors.signed_in_key(conference)] == other.pk
    assert "Signed in as Zhao Lei" in content
    assert "Acme Sensors" not in content


# Following exhibitors and equipment.


@pytest.mark.parametrize("kind", ["exhibitor", "equipment"])
def test_follow_page_without_signing_in_is_403_and_saves_nothing(client, registration, acme, device, kind):
    target = {"exhibitor": acme, "equipment": device}[kind]

    shown = client.get(url(f"visitors:follow_{kind}", target.pk))
    posted = follow(client, kind, target)

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert "visitors/sign_in_needed.html" in [template.name for template in posted.templates]
    assert "For registered visitors" in posted.content.decode()
    assert f'href="{url("visitors:register")}"' in posted.content.decode()
    assert "private" in posted["Cache-Control"]
    assert registration.followed_exhibitors.count() == registration.followed_equipment.count() == 0


def test_follow_page_shows_whether_the_visitor_follows(browser, registration, acme):
    address = url("visitors:follow_exhibitor", acme.pk)

    before = browser.get(address)
    registration.followed_exhibitors.add(acme)
    after = browser.get(address)

    assert (before.status_code, after.status_code) == (200, 200)
    assert before.context["following"] is False
    assert '<input type="hidden" name="action" value="follow">' in before.content.decode()
    assert "Follow it to find it again in your agenda" in before.content.decode()
    assert after.context["following"] is True
    assert '<input type="hidden" name="action" value="unfollow">' in after.content.decode()
    assert "You follow this. It is listed in your agenda." in after.content.decode()
    assert "private" in after["Cache-Control"]
    assert after["X-Robots-Tag"] == "noindex"


def test_equipment_follow_page_names_the_exhibitor(browser, device):
    response = browser.get(url("visitors:follow_equipment", device.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{url("exhibitors:equipment_detail", device.slug)}">Air Monitor</a>' in content
    assert "By Acme Sensors" in content


def test_follow_page_keeps_a_safe_next_and_drops_an_outside_one(browser, acme):
    address = url("visitors:follow_exhibitor", acme.pk)

    inside = browser.get(address, {"next": "/en/exhibitors/?category=sensors#list"})
    outside = browser.get(address, {"next": "https://evil.example/"})

    assert inside.context["next"] == "/en/exhibitors/?category=sensors"
    assert outside.context["next"] == url("exhibitors:exhibitor_detail", acme.slug)


def test_follow_and_unfollow_an_exhibitor(browser, registration, acme):
    followed = follow(browser, "exhibitor", acme)

    assert followed.status_code == 302
    assert followed["Location"] == follow_page("exhibitor", acme, acme.get_absolute_url())
    assert list(registration.followed_exhibitors.all()) == [acme]

    unfollowed = follow(browser, "exhibitor", acme, action="unfollow")

    assert unfollowed.status_code == 302
    assert unfollowed["Location"] == followed["Location"]
    assert registration.followed_exhibitors.count() == 0


def test_follow_twice_keeps_one_follow(browser, registration, acme):
    follow(browser, "exhibitor", acme)
    follow(browser, "exhibitor", acme)

    assert registration.followed_exhibitors.count() == 1


def test_follow_and_unfollow_equipment(browser, registration, device):
    followed = follow(browser, "equipment", device, next="/en/equipment/")

    assert followed.status_code == 302
    assert followed["Location"] == follow_page("equipment", device, "/en/equipment/")
    assert list(registration.followed_equipment.all()) == [device]

    follow(browser, "equipment", device, action="unfollow")

    assert registration.followed_equipment.count() == 0


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/", "http://evil.example/en/", "javascript:alert(1)"]
)
def test_follow_redirect_to_another_site_falls_back_to_the_target(browser, registration, acme, unsafe):
    response = follow(browser, "exhibitor", acme, next=unsafe)

    assert response.status_code == 302
    assert response["Location"] == follow_page("exhibitor", acme, acme.get_absolute_url())
    assert registration.followed_exhibitors.count() == 1


def test_follow_redirects_to_a_page_of_the_site_without_its_fragment(browser, acme):
    response = follow(browser, "exhibitor", acme, next="/en/exhibitors/?page=2#acme")

    assert response["Location"] == follow_page("exhibitor", acme, "/en/exhibitors/?page=2")


@pytest.mark.parametrize("kind", ["exhibitor", "equipment"])
def test_follow_of_an_unknown_pk_is_404(browser, kind):
    assert browser.get(url(f"visitors:follow_{kind}", 999999)).status_code == 404
    assert browser.post(url(f"visitors:follow_{kind}", 999999), {"action": "follow"}).status_code == 404


@pytest.mark.parametrize(
    "review_status", [ReviewStatus.PENDING, ReviewStatus.REJECTED], ids=["pending", "rejected"]
)
def test_follow_of_an_exhibitor_not_on_show_is_404(browser, registration, conference, review_status):
    hidden = ExhibitorFactory(conference=conference, review_status=review_status)

    shown = browser.get(url("visitors:follow_exhibitor", hidden.pk))
    posted = follow(browser, "exhibitor", hidden)

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert registration.followed_exhibitors.count() == 0


def test_follow_of_another_editions_exhibitor_is_404(browser, registration):
    elsewhere = ExhibitorFactory(conference=ConferenceFactory())

    assert follow(browser, "exhibitor", elsewhere).status_code == 404
    assert registration.followed_exhibitors.count() == 0


@pytest.mark.parametrize("hidden", [EquipmentStatus.DRAFT, EquipmentStatus.SUBMITTED, "exhibitor-pending"])
def test_follow_of_equipment_not_on_show_is_404(browser, registration, acme, conference, hidden):
    if hidden == "exhibitor-pending":
        pending = ExhibitorFactory(conference=conference, review_status=ReviewStatus.PENDING)
        item = EquipmentFactory(exhibitor=pending)
    else:
        item = EquipmentFactory(exhibitor=acme, status=hidden)

    shown = browser.get(url("visitors:follow_equipment", item.pk))
    posted = follow(browser, "equipment", item)

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert registration.followed_equipment.count() == 0


@pytest.mark.parametrize(
    "data",
    [{"action": "star"}, {}, {"action": "follow", "next": "/" + "x" * 2001}],
    ids=["unknown-action", "no-action", "next-too-long"],
)
def test_follow_malformed_post_is_400_and_saves_nothing(browser, registration, acme, data):
    response = browser.post(url("visitors:follow_exhibitor", acme.pk), data)

    assert response.status_code == 400
    assert "visitors/sign_in_needed.html" not in [template.name for template in response.templates]
    assert registration.followed_exhibitors.count() == 0


def test_follow_post_without_csrf_token_is_refused(registration, acme):
    browser = sign_in(registration, Client(enforce_csrf_checks=True))

    forged = follow(browser, "exhibitor", acme)

    assert forged.status_code == 403
    assert registration.followed_exhibitors.count() == 0
    # The page's own form, with its token, is accepted.
    token = browser.get(url("visitors:follow_exhibitor", acme.pk)).context["csrf_token"]
    assert follow(browser, "exhibitor", acme, csrfmiddlewaretoken=str(token)).status_code == 302
    assert registration.followed_exhibitors.count() == 1


# The public pages' buttons.


@pytest.mark.parametrize(
    ("language", "follow_label", "meeting_label"),
    [("zh-hans", "关注", "预约洽谈"), ("en", "Follow", "Request a meeting")],
)
def test_exhibitor_page_links_to_follow_and_to_request_a_meeting(
    client, acme, language, follow_label, meeting_label
):
    response = client.get(url("exhibitors:exhibitor_detail", acme.slug, language=language))

    content = response.content.decode()
    follow_url = url("visitors:follow_exhibitor", acme.pk, language=language)
    meeting_url = url("visitors:meeting_request", acme.slug, language=language)
    assert response.status_code == 200
    assert (
        f'<a class="button button-secondary" href="{follow_url}"><span aria-hidden="true">☆</span> '
        f"{follow_label}</a>"
    ) in content
    assert f'<a class="button" href="{meeting_url}">{meeting_label}</a>' in content


@pytest.mark.parametrize(
    ("language", "follow_label", "meeting_label"),
    [("zh-hans", "关注", "向参展商预约洽谈"), ("en", "Follow", "Request a meeting with the exhibitor")],
)
def test_equipment_page_links_to_follow_and_to_request_a_meeting(
    client, device, language, follow_label, meeting_label
):
    response = client.get(url("exhibitors:equipment_detail", device.slug, language=language))

    content = response.content.decode()
    follow_url = url("visitors:follow_equipment", device.pk, language=language)
    meeting_url = url("visitors:meeting_request", device.exhibitor.slug, language=language)
    assert response.status_code == 200
    assert f'href="{follow_url}"><span aria-hidden="true">☆</span> {follow_label}</a>' in content
    assert f'href="{meeting_url}">{meeting_label}</a>' in content


def test_exhibitor_page_a_follower_opens_first_says_nothing_personal(client, browser, registration, acme):
    registration.followed_exhibitors.add(acme)
    address = url("exhibitors:exhibitor_detail", acme.slug)

    # The page is shared: what the follower's request renders may be served to anyone next.
    follower = browser.get(address).content.decode()
    anyone = client.get(address).content.decode()

    assert anyone == follower
    assert "Stop following" not in anyone
    assert "Wang Fang" not in anyone
    assert f'href="{url("visitors:follow_exhibitor", acme.pk)}"' in anyone


# Asking for a meeting.


def test_meeting_request_page_without_signing_in_is_403(client, registration, acme):
    shown = client.get(url("visitors:meeting_request", acme.slug))
    posted = request_meeting(client, acme)

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert "For registered visitors" in posted.content.decode()
    assert Meeting.objects.count() == 0


def test_meeting_request_page_of_an_unknown_or_hidden_exhibitor_is_404(browser, conference):
    pending = ExhibitorFactory(conference=conference, review_status=ReviewStatus.PENDING)
    elsewhere = ExhibitorFactory(conference=ConferenceFactory())

    assert browser.get(url("visitors:meeting_request", "no-such-company")).status_code == 404
    assert browser.get(url("visitors:meeting_request", pending.slug)).status_code == 404
    assert request_meeting(browser, pending).status_code == 404
    assert request_meeting(browser, elsewhere).status_code == 404
    assert Meeting.objects.count() == 0


def test_meeting_request_page_offers_the_days_and_times_of_the_expo(browser, acme):
    response = browser.get(url("visitors:meeting_request", acme.slug))

    form = response.context["form"]
    assert response.status_code == 200
    assert [value for value, _label in form.fields["day"].choices] == [DAY]
    times = [value for value, _label in form.fields["time"].choices]
    assert (times[0], times[-1], len(times)) == ("09:00", "16:30", 16)
    assert [value for value, _label in form.fields["minutes"].choices] == [30, 60]
    assert 'name="submission"' in response.content.decode()


def test_meeting_request_creates_a_requested_meeting_and_emails_both(
    browser, registration, acme, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = request_meeting(browser, acme, time="14:30", minutes="60")

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("events:agenda") + "#meetings"
    assert (meeting.registration, meeting.exhibitor, meeting.status) == (
        registration,
        acme,
        MeetingStatus.REQUESTED,
    )
    zone = acme.conference.zone
    assert timezone.localtime(meeting.start, zone) == datetime.datetime(2030, 6, 20, 14, 30, tzinfo=zone)
    assert meeting.end - meeting.start == datetime.timedelta(hours=1)
    assert meeting.message == "About your sensors"
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert recipients == [("li@acme.example", "sales@acme.example"), ("wang@example.com",)]
    agenda = browser.get(response["Location"])
    assert messages_of(agenda) == ["Your request is sent to Acme Sensors. We will e-mail you their answer."]
    assert f'id="meeting-{meeting.pk}"' in agenda.content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"time": "08:00"}, "time", "Choose one of the times listed."),
        ({"time": "17:00"}, "time", "Choose one of the times listed."),
        ({"time": "ten"}, "time", "Choose one of the times listed."),
        ({"day": "2030-06-21"}, "day", "Choose one of the expo's days listed."),
        ({"day": "2030-06-19"}, "day", "Choose one of the expo's days listed."),
        ({"day": "yesterday"}, "day", "Choose one of the expo's days listed."),
        ({"day": ""}, "day", "Choose a day and a time."),
        ({"minutes": "45"}, "minutes", "Choose 30 or 60 minutes."),
        ({"minutes": "many"}, "minutes", "Choose 30 or 60 minutes."),
        ({"message": "x" * 1001}, "message", "Keep the message to 1000 characters (it has 1001)."),
    ],
    ids=[
        "before-opening",
        "at-closing",
        "not-a-time",
        "day-after",
        "day-before",
        "not-a-date",
        "no-day",
        "minutes-not-offered",
        "minutes-not-a-number",
        "message-too-long",
    ],
)
def test_meeting_request_bad_input_is_a_form_error(browser, acme, fields, field, error):
    response = request_meeting(browser, acme, **fields)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert error.replace("'", "&#x27;") in response.content.decode()
    assert Meeting.objects.count() == 0
    assert mail.outbox == []


def test_meeting_request_running_past_closing_time_is_a_form_error(browser, acme):
    response = request_meeting(browser, acme, time="16:30", minutes="60")

    message = "Choose a time within the expo's opening hours, 09:00 to 17:00."
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert Meeting.objects.count() == 0


def test_meeting_request_refused_by_the_service_may_be_sent_again_corrected(browser, acme):
    key = uuid.uuid4().hex

    refused = request_meeting(browser, acme, time="16:30", minutes="60", submission=key)
    corrected = request_meeting(browser, acme, time="16:30", minutes="30", submission=key)

    assert refused.status_code == 200
    assert corrected.status_code == 302
    assert Meeting.objects.count() == 1


def test_meeting_request_at_the_time_of_another_meeting_is_a_form_error(
    browser, registration, acme, conference
):
    MeetingFactory(
        exhibitor=ExhibitorFactory(conference=conference, name_en="Beta"), registration=registration
    )

    response = request_meeting(browser, acme, time="10:00")

    assert response.context["form"].non_field_errors() == [
        "You have another meeting at that time, with Beta. Choose another time."
    ]
    assert Meeting.objects.count() == 1


def test_a_second_request_to_the_same_exhibitor_waits_for_the_answer(browser, registration, acme):
    MeetingFactory(exhibitor=acme, registration=registration)

    response = request_meeting(browser, acme, time="14:00")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You have already asked this exhibitor for a meeting. Wait for the answer, "
        "or cancel that request first."
    ]
    assert Meeting.objects.count() == 1


def test_meeting_request_posted_twice_creates_one_meeting(browser, acme, django_capture_on_commit_callbacks):
    key = uuid.uuid4().hex

    with django_capture_on_commit_callbacks(execute=True):
        first = request_meeting(browser, acme, submission=key)
        second = request_meeting(browser, acme, submission=key)

    assert (first.status_code, second.status_code) == (302, 302)
    assert second["Location"] == url("events:agenda") + "#meetings"
    assert Meeting.objects.count() == 1
    assert len(mail.outbox) == 2  # the first post's two e-mails only
    agenda = browser.get(second["Location"])
    assert "Your request was already sent." in messages_of(agenda)


def test_meeting_requests_are_rate_limited_per_visitor(browser, registration, acme, conference, settings):
    settings.VISITOR_MEETING_REQUESTS_PER_HOUR = 2
    for _ in range(2):
        assert request_meeting(browser, acme, minutes="45").status_code == 200  # refused, but counted

    response = request_meeting(browser, acme)

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many attempts. Try again in" in response.content.decode()
    assert Meeting.objects.count() == 0
    # Another visitor has requests of their own.
    assert request_meeting(sign_in(visitor(conference)), acme).status_code == 302


def test_meeting_request_post_without_csrf_token_is_refused(registration, acme):
    browser = sign_in(registration, Client(enforce_csrf_checks=True))

    assert request_meeting(browser, acme).status_code == 403
    assert Meeting.objects.count() == 0


def test_exhibitor_and_equipment_pages_offer_no_meeting_after_the_expo(client):
    past = ConferenceFactory(is_current=True, start_date=datetime.date(2020, 6, 20))
    item = EquipmentFactory(exhibitor=ExhibitorFactory(conference=past))

    for page, follow_name in [
        (url("exhibitors:exhibitor_detail", item.exhibitor.slug), "visitors:follow_exhibitor"),
        (url("exhibitors:equipment_detail", item.slug), "visitors:follow_equipment"),
    ]:
        content = client.get(page).content.decode()
        target = item.exhibitor.pk if follow_name.endswith("exhibitor") else item.pk
        assert f'href="{url(follow_name, target)}"' in content
        assert url("visitors:meeting_request", item.exhibitor.slug) not in content


def test_expo_has_ended_once_its_last_day_is_over_in_its_time_zone():
    # Kiribati is 14 hours ahead of UTC: its yesterday may still be today in UTC.
    zone = "Pacific/Kiritimati"
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(zone))
    yesterday = today - datetime.timedelta(days=1)

    assert not ConferenceFactory(time_zone=zone, start_date=yesterday, end_date=today).has_ended
    assert ConferenceFactory(time_zone=zone, start_date=yesterday, end_date=yesterday).has_ended


def test_meeting_request_page_after_the_expo_says_it_is_over(client):
    past = ConferenceFactory(is_current=True, start_date=datetime.date(2020, 6, 20))
    exhibitor = ExhibitorFactory(conference=past)
    browser = sign_in(visitor(past), client)

    shown = browser.get(url("visitors:meeting_request", exhibitor.slug))
    posted = request_meeting(browser, exhibitor, day="2020-06-20")

    assert "The expo is over: meetings can no longer be requested." in shown.content.decode()
    assert list(posted.context["form"].errors) == ["day"]
    assert Meeting.objects.count() == 0


# Cancelling a meeting.


@pytest.mark.parametrize("status", [MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED])
def test_visitor_cancels_their_own_meeting(
    browser, registration, acme, status, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(exhibitor=acme, registration=registration, status=status)

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url("visitors:meeting_cancel", meeting.pk))

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url("events:agenda") + "#meetings"
    assert meeting.status == MeetingStatus.CANCELLED
    assert len(mail.outbox) == 2
    assert messages_of(browser.get(response["Location"])) == ["Your meeting with Acme Sensors is cancelled."]


def test_cancelling_a_declined_meeting_says_so_and_changes_nothing(browser, registration, acme):
    meeting = MeetingFactory(exhibitor=acme, registration=registration, status=MeetingStatus.DECLINED)

    response = browser.post(url("visitors:meeting_cancel", meeting.pk))

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.status == MeetingStatus.DECLINED
    assert messages_of(browser.get(response["Location"])) == [
        "This request was already declined. Nothing was changed."
    ]


def test_cancelling_a_meeting_that_has_begun_is_refused(browser, registration, acme):
    began = timezone.now() - datetime.timedelta(minutes=5)
    meeting = MeetingFactory(
        exhibitor=acme,
        registration=registration,
        status=MeetingStatus.ACCEPTED,
        start=began,
        end=began + datetime.timedelta(minutes=30),
    )

    response = browser.post(url("visitors:meeting_cancel", meeting.pk))

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED
    assert messages_of(browser.get(response["Location"])) == ["This meeting has already begun."]


def test_cancelling_another_visitors_meeting_is_404(browser, conference, acme):
    theirs = MeetingFactory(exhibitor=acme, registration=visitor(conference))

    response = browser.post(url("visitors:meeting_cancel", theirs.pk))

    theirs.refresh_from_db()
    assert response.status_code == 404
    assert theirs.status == MeetingStatus.REQUESTED


def test_cancel_is_a_post(browser, registration, acme):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)

    response = browser.get(url("visitors:meeting_cancel", meeting.pk))

    meeting.refresh_from_db()
    assert response.status_code == 405
    assert meeting.status == MeetingStatus.REQUESTED


def test_cancel_without_signing_in_is_403(client, registration, acme):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)

    response = client.post(url("visitors:meeting_cancel", meeting.pk))

    meeting.refresh_from_db()
    assert response.status_code == 403
    assert meeting.status == MeetingStatus.REQUESTED


def test_cancel_without_csrf_token_is_refused(registration, acme):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)
    browser = sign_in(registration, Client(enforce_csrf_checks=True))

    response = browser.post(url("visitors:meeting_cancel", meeting.pk))

    meeting.refresh_from_db()
    assert response.status_code == 403
    assert meeting.status == MeetingStatus.REQUESTED


# The exhibitor portal's meeting requests.


def test_meeting_list_shows_only_the_companys_own_requests(team, acme, conference):
    ours = MeetingFactory(exhibitor=acme, registration=visitor(conference, name="Wang Fang"))
    answered = MeetingFactory(
        exhibitor=acme,
        registration=visitor(conference, name="Sun Li"),
        status=MeetingStatus.ACCEPTED,
        start=datetime.datetime(2030, 6, 20, 9, tzinfo=conference.zone),
    )
    theirs = MeetingFactory(
        exhibitor=ExhibitorFactory(conference=conference), registration=visitor(conference, name="Zhao Lei")
    )

    response = team.get(url("visitors:meeting_list"))

    content = response.content.decode()
    assert response.status_code == 200
    # Unanswered first, though the answered one is earlier.
    assert list(response.context["meetings"]) == [ours, answered]
    assert "Wang Fang" in content
    assert "Sun Li" in content
    assert "Zhao Lei" not in content
    assert f'href="{url("visitors:meeting_answer", ours.pk)}"' in content
    assert f'href="{url("visitors:meeting_answer", answered.pk)}"' not in content
    assert f'href="{url("visitors:meeting_answer", theirs.pk)}"' not in content


def test_meeting_list_without_requests_says_so(team):
    response = team.get(url("visitors:meeting_list"))

    assert "No meeting requests yet." in response.content.decode()


@pytest.mark.parametrize("name", ["visitors:meeting_list", "visitors:meeting_answer"])
def test_meeting_pages_send_anonymous_users_to_sign_in(client, acme, conference, name):
    meeting = MeetingFactory(exhibitor=acme, registration=visitor(conference))
    address = url(name, *([meeting.pk] if name == "visitors:meeting_answer" else []))

    response = client.get(address)

    assert response.status_code == 302
    assert response["Location"].startswith(url("exhibitors:sign_in") + "?next=")


def test_meeting_answer_post_of_an_anonymous_user_changes_nothing(client, acme, conference):
    meeting = MeetingFactory(exhibitor=acme, registration=visitor(conference))

    response = client.post(url("visitors:meeting_answer", meeting.pk), {"answer": "accept"})

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.status == MeetingStatus.REQUESTED


def test_another_companys_meeting_is_not_found(team, conference):
    theirs = MeetingFactory(
        exhibitor=ExhibitorFactory(conference=conference), registration=visitor(conference)
    )

    shown = team.get(url("visitors:meeting_answer", theirs.pk))
    posted = team.post(url("visitors:meeting_answer", theirs.pk), {"answer": "accept"})

    theirs.refresh_from_db()
    assert (shown.status_code, posted.status_code) == (404, 404)
    assert theirs.status == MeetingStatus.REQUESTED


def test_meeting_answer_page_shows_the_request(team, acme, conference):
    meeting = MeetingFactory(
        exhibitor=acme, registration=visitor(conference, name="Wang Fang"), message="About your sensors"
    )

    response = team.get(url("visitors:meeting_answer", meeting.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Wang Fang" in content
    assert "About your sensors" in content
    assert '<button type="submit" name="answer" value="accept" class="button">Accept</button>' in content
    assert 'name="answer" value="decline"' in content


def at_ten(conference, minute=0):
    return datetime.datetime(2030, 6, 20, 10, minute, tzinfo=conference.zone)


def test_meeting_list_says_which_requests_overlap_a_meeting_already_accepted(team, acme, conference):
    MeetingFactory(exhibitor=acme, registration=visitor(conference), status=MeetingStatus.ACCEPTED)
    overlapping = MeetingFactory(
        exhibitor=acme, registration=visitor(conference), start=at_ten(conference, 15)
    )
    later = MeetingFactory(exhibitor=acme, registration=visitor(conference), start=at_ten(conference, 30))
    # Neither a declined meeting nor another company's accepted one takes the team's time.
    MeetingFactory(
        exhibitor=acme,
        registration=visitor(conference),
        status=MeetingStatus.DECLINED,
        start=at_ten(conference, 30),
    )
    MeetingFactory(
        exhibitor=ExhibitorFactory(conference=conference),
        registration=visitor(conference),
        status=MeetingStatus.ACCEPTED,
        start=at_ten(conference, 30),
    )

    response = team.get(url("visitors:meeting_list"))

    flagged = {meeting for meeting in response.context["meetings"] if meeting.overlaps_accepted}
    assert overlapping in flagged and later not in flagged
    assert response.content.decode().count("Overlaps a meeting you accepted.") == 1


def test_meeting_answer_page_names_the_accepted_meeting_at_the_same_time(team, acme, conference):
    accepted = MeetingFactory(
        exhibitor=acme, registration=visitor(conference, name="Sun Li"), status=MeetingStatus.ACCEPTED
    )
    meeting = MeetingFactory(exhibitor=acme, registration=visitor(conference), start=at_ten(conference, 15))

    response = team.get(url("visitors:meeting_answer", meeting.pk))

    content = response.content.decode()
    assert list(response.context["accepted_during"]) == [accepted]
    assert "Accepted for the same time:" in content
    assert f'<a href="{url("visitors:meeting_answer", accepted.pk)}">Sun Li</a>' in content
    # Said, not refused: a booth's team can hold two meetings at once.
    assert 'name="answer" value="accept"' in content
    team.post(url("visitors:meeting_answer", meeting.pk), {"answer": "accept"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED


def test_meeting_answer_page_without_an_overlap_lists_none(team, acme, conference):
    MeetingFactory(exhibitor=acme, registration=visitor(conference), status=MeetingStatus.ACCEPTED)
    meeting = MeetingFactory(exhibitor=acme, registration=visitor(conference), start=at_ten(conference, 30))

    response = team.get(url("visitors:meeting_answer", meeting.pk))

    assert response.context["accepted_during"] == []
    assert "Accepted for the same time:" not in response.content.decode()


def test_accepting_a_meeting_emails_the_visitor(team, acme, registration, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)

    with django_capture_on_commit_callbacks(execute=True):
        response = team.post(
            url("visitors:meeting_answer", meeting.pk), {"answer": "accept", "reply": "Zhao will meet you."}
        )

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url("visitors:meeting_list")
    assert meeting.status == MeetingStatus.ACCEPTED
    assert meeting.reply == "Zhao will meet you."
    assert meeting.decided_by.email == "li@acme.example"
    assert meeting.decided_at is not None
    to_visitor = [message for message in mail.outbox if message.to == ["wang@example.com"]]
    assert len(to_visitor) == 1
    assert "Acme Sensors accepted your meeting" in to_visitor[0].subject
    assert "Zhao will meet you." in to_visitor[0].body
    assert len(mail.outbox) == 2
    assert messages_of(team.get(response["Location"])) == [
        "You accepted the meeting with Wang Fang. We e-mailed them."
    ]


def test_declining_a_meeting_emails_the_visitor(team, acme, registration, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)

    with django_capture_on_commit_callbacks(execute=True):
        response = team.post(url("visitors:meeting_answer", meeting.pk), {"answer": "decline", "reply": ""})

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.status == MeetingStatus.DECLINED
    to_visitor = [message for message in mail.outbox if message.to == ["wang@example.com"]]
    assert len(to_visitor) == 1
    assert "Acme Sensors declined your meeting request" in to_visitor[0].subject
    assert messages_of(team.get(response["Location"])) == [
        "You declined the meeting with Wang Fang. We e-mailed them."
    ]


@pytest.mark.parametrize("status", [MeetingStatus.ACCEPTED, MeetingStatus.DECLINED, MeetingStatus.CANCELLED])
def test_answering_an_answered_meeting_changes_nothing(team, acme, registration, status):
    meeting = MeetingFactory(exhibitor=acme, registration=registration, status=status, reply="Kept")

    response = team.post(
        url("visitors:meeting_answer", meeting.pk), {"answer": "decline", "reply": "Changed"}
    )

    meeting.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"This request was already {status.label}. Nothing was changed."
    ]
    assert "This request has been answered or cancelled." in response.content.decode()
    assert (meeting.status, meeting.reply, meeting.decided_by) == (status, "Kept", None)
    assert mail.outbox == []


def test_accepting_a_meeting_whose_time_has_passed_is_refused(team, acme, registration):
    meeting = MeetingFactory(
        exhibitor=acme,
        registration=registration,
        start=timezone.now() - datetime.timedelta(hours=1),
        end=timezone.now() - datetime.timedelta(minutes=30),
    )

    response = team.post(url("visitors:meeting_answer", meeting.pk), {"answer": "accept"})

    meeting.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This meeting's time has passed; it can only be declined."
    ]
    assert "This meeting&#x27;s time has passed; it can only be declined." in response.content.decode()
    assert meeting.status == MeetingStatus.REQUESTED


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"answer": "maybe"},
            "answer",
            "Choose Accept or Decline.",
        ),
        ({"reply": "Hello"}, "answer", "Choose Accept or Decline."),
        (
            {"answer": "accept", "reply": "x" * 1001},
            "reply",
            "Keep the reply to 1000 characters (it has 1001).",
        ),
    ],
    ids=["unknown-answer", "no-answer", "reply-too-long"],
)
def test_meeting_answer_bad_post_is_a_form_error(team, acme, registration, data, field, error):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)

    response = team.post(url("visitors:meeting_answer", meeting.pk), data)

    meeting.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert f"<li>{error}</li>" in response.content.decode()
    assert (meeting.status, meeting.reply, meeting.decided_by) == (MeetingStatus.REQUESTED, "", None)
    assert mail.outbox == []


def test_meeting_answer_without_csrf_token_is_refused(acme, registration):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)
    user = get_user_model().objects.create_user("li@acme.example", "li@acme.example", "pw-for-tests")
    acme.users.add(user)
    team = Client(enforce_csrf_checks=True)
    team.force_login(user)

    response = team.post(url("visitors:meeting_answer", meeting.pk), {"answer": "accept"})

    meeting.refresh_from_db()
    assert response.status_code == 403
    assert meeting.status == MeetingStatus.REQUESTED


# Accepted meetings in the agenda's calendar feed.


def test_accepted_meetings_are_in_the_agenda_calendar_feed(browser, registration, conference, acme):
    ReservationFactory(booth=BoothFactory(hall__conference=conference, code="B-12"), exhibitor=acme)
    accepted = MeetingFactory(
        exhibitor=acme, registration=registration, status=MeetingStatus.ACCEPTED, reply="Ask for Zhao"
    )
    requested = MeetingFactory(exhibitor=ExhibitorFactory(conference=conference), registration=registration)
    declined = MeetingFactory(
        exhibitor=ExhibitorFactory(conference=conference),
        registration=registration,
        status=MeetingStatus.DECLINED,
    )
    cancelled = MeetingFactory(
        exhibitor=ExhibitorFactory(conference=conference),
        registration=registration,
        status=MeetingStatus.CANCELLED,
    )

    events = calendar_events(browser.get(url("events:agenda")).context["subscription_url"])

    event = events[f"meeting-{accepted.pk}@smartcity-expo-portal"]
    assert str(event["SUMMARY"]) == "Meeting with Acme Sensors"
    assert str(event["LOCATION"]) == "Booth B-12, Test Venue"
    assert event.decoded("DTSTART") == accepted.start
    assert event.decoded("DTEND") == accepted.end
    assert "Ask for Zhao" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "http://testserver" + url("exhibitors:exhibitor_detail", acme.slug)
    for other in (requested, declined, cancelled):
        assert f"meeting-{other.pk}@smartcity-expo-portal" not in events


def test_calendar_feed_in_chinese_names_the_meeting_in_chinese(browser, registration, acme):
    MeetingFactory(exhibitor=acme, registration=registration, status=MeetingStatus.ACCEPTED)

    events = calendar_events(
        browser.get(url("events:agenda", language="zh-hans")).context["subscription_url"]
    )

    assert [str(event["SUMMARY"]) for event in events.values()] == ["与艾克米传感洽谈"]
    assert [str(event["LOCATION"]) for event in events.values()] == ["测试会场"]


def test_meeting_accepted_after_subscribing_joins_the_feed(browser, registration, team, acme):
    meeting = MeetingFactory(exhibitor=acme, registration=registration)
    subscription_url = browser.get(url("events:agenda")).context["subscription_url"]
    assert calendar_events(subscription_url) == {}

    team.post(url("visitors:meeting_answer", meeting.pk), {"answer": "accept"})

    assert list(calendar_events(subscription_url)) == [f"meeting-{meeting.pk}@smartcity-expo-portal"]


# Query counts, whatever the number of meetings and follows.


def test_meeting_list_query_count_does_not_grow(team, acme, conference):
    def add(count):
        for number in range(count):
            MeetingFactory(
                exhibitor=acme,
                registration=visitor(conference),
                status=[MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED][number % 2],
                decided_by=acme.users.first() if number % 2 else None,
            )

    add(2)
    small = page_queries(team, url("visitors:meeting_list"))
    add(28)
    large = page_queries(team, url("visitors:meeting_list"))

    # Session, user, company; count and page of meetings (with visitors and who answered).
    assert small == large == 5


def test_agenda_query_count_does_not_grow_with_follows_and_meetings(browser, registration, conference):
    def add(count):
        for number in range(count):
            exhibitor = ExhibitorFactory(conference=conference)
            registration.followed_exhibitors.add(exhibitor)
            registration.followed_equipment.add(EquipmentFactory(exhibitor=exhibitor))
            status = [MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED, MeetingStatus.DECLINED][number % 3]
            MeetingFactory(exhibitor=exhibitor, registration=registration, status=status, reply="Fine")
            registration.agenda.sessions.add(SessionFactory(conference=conference))

    registration.refresh_from_db()
    add(2)
    small = page_queries(browser, url("events:agenda"))
    add(28)
    large = page_queries(browser, url("events:agenda"))

    # Session, agenda, its sessions and their speakers; the signed-in registration, its followed
    # exhibitors, followed equipment (with exhibitors) and meetings (with exhibitors).
    assert small == large == 8


def test_calendar_feed_query_count_does_not_grow_with_accepted_meetings(browser, registration, conference):
    def add(count):
        for _ in range(count):
            exhibitor = ExhibitorFactory(conference=conference)
            ReservationFactory(booth=BoothFactory(hall__conference=conference), exhibitor=exhibitor)
            MeetingFactory(exhibitor=exhibitor, registration=registration, status=MeetingStatus.ACCEPTED)

    subscription_url = browser.get(url("events:agenda")).context["subscription_url"]
    registration.refresh_from_db()
    registration.agenda.sessions.add(SessionFactory(conference=conference))
    add(2)
    small = page_queries(Client(), subscription_url)
    add(28)
    large = page_queries(Client(), subscription_url)

    assert len(calendar_events(subscription_url)) == 31
    # The agenda (with its edition); the registration (with its edition), its accepted meetings
    # (with exhibitors) and their confirmed booths; the starred sessions and their speakers.
    assert small == large == 6


# Languages.


@pytest.mark.parametrize(
    ("language", "fragments"),
    [
        ("en", ["Request a meeting", "Send the request", "How long", "Message to the exhibitor", "1 hour"]),
        ("zh-hans", ["预约洽谈", "发送预约", "时长", "给参展商的留言", "1 小时"]),
    ],
)
def test_meeting_request_page_speaks_the_language_of_its_address(browser, acme, language, fragments):
    response = browser.get(url("visitors:meeting_request", acme.slug, language=language))

    content = response.content.decode()
    assert response.status_code == 200
    for fragment in fragments:
        assert fragment in content
    other = {"en": "发送预约", "zh-hans": "Send the request"}[language]
    assert other not in content
    assert ("艾克米传感" if language == "zh-hans" else "Acme Sensors") in content


@pytest.mark.parametrize(
    ("language", "fragments"),
    [
        (
            "en",
            [
                "Meeting requests",
                "Registered visitors ask to meet you at your booth. Unanswered requests come first.",
                ">Answer</a>",
                ">requested</span>",
            ],
        ),
        (
            "zh-hans",
            ["洽谈预约", "注册观众预约到您的展位洽谈。未回复的预约排在前面。", ">回复</a>", ">待回复</span>"],
        ),
    ],
)
def test_meeting_list_speaks_the_language_of_its_address(team, acme, conference, language, fragments):
    MeetingFactory(exhibitor=acme, registration=visitor(conference))

    content = team.get(url("visitors:meeting_list", language=language)).content.decode()

    for fragment in fragments:
        assert fragment in content
    other = {"en": "洽谈预约", "zh-hans": "Meeting requests"}[language]
    assert other not in content


def test_meeting_request_error_in_chinese(browser, acme):
    response = request_meeting(browser, acme, language="zh-hans", minutes="45", time="07:00")

    assert response.context["form"].errors == {
        "time": ["请从列出的时间中选择。"],
        "minutes": ["请选择 30 或 60 分钟。"],
    }


@pytest.mark.parametrize("kind", ["exhibitor", "equipment"])
def test_follow_returns_to_its_page_which_says_so_and_links_back(browser, acme, device, kind):
    # The target's public page is shared and cached, so it could not say what changed.
    target = {"exhibitor": acme, "equipment": device}[kind]
    followed = follow(browser, kind, target)

    page = browser.get(followed["Location"])

    content = page.content.decode()
    assert "You follow this. It is listed in your agenda." in content
    assert f'<a class="button button-secondary" href="{target.get_absolute_url()}">Back</a>' in content
    assert 'value="unfollow"' in content


def test_a_follow_no_longer_on_show_can_be_stopped_and_leaves_the_agenda(browser, registration, acme):
    registration.followed_exhibitors.add(acme)
    acme.review_status = ReviewStatus.REJECTED
    acme.save()

    listed = browser.get("/en/agenda/")
    shown = browser.get(url("visitors:follow_exhibitor", acme.pk))
    response = follow(browser, "exhibitor", acme, action="unfollow")

    assert acme.slug not in listed.content.decode()
    assert shown.status_code == 200
    assert response.status_code == 302
    assert registration.followed_exhibitors.count() == 0
    # Not on show: it cannot be followed again.
    assert follow(browser, "exhibitor", acme).status_code == 404


def test_meeting_requests_are_counted_per_registration(conference, acme, settings):
    settings.VISITOR_MEETING_REQUESTS_PER_HOUR = 1
    first = sign_in(visitor(conference))
    assert request_meeting(first, acme, minutes="45").status_code == 200

    refused = request_meeting(first, acme)
    another = request_meeting(sign_in(visitor(conference)), acme)

    assert refused.status_code == 429
    assert another.status_code == 302
    assert Meeting.objects.count() == 1
