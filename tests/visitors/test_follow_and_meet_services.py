"""The "follow and meet" services: the agenda a visitor's browsers share, following exhibitors
and equipment, meeting requests with their answers and cancellations, the e-mails these send,
and the database's guards on meetings."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Agenda
from exhibitors.enums import EquipmentStatus, ReviewStatus
from tests.factories import (
    AgendaFactory,
    ConferenceFactory,
    EquipmentFactory,
    ExhibitorFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    at,
)
from visitors import services
from visitors.enums import MeetingStatus
from visitors.models import Meeting

pytestmark = pytest.mark.django_db

# Three weeks before the `conference` fixture's only day, 2030-06-20 (Asia/Shanghai).
NOW = at("2030-06-01 12:00")
HOURS = "Choose a time within the expo's opening hours, 09:00 to 17:00."
ONE_OPEN_REQUEST = (
    "You have already asked this exhibitor for a meeting. Wait for the answer, or cancel that request first."
)


@pytest.fixture(autouse=True)
def _english(_default_language):
    # Messages are compared in English; the e-mails are in both languages whatever is active.
    with translation.override("en"):
        yield


@pytest.fixture
def registration(conference):
    return RegistrationFactory(
        conference=conference,
        name="Wang Fang",
        organisation="City Lab",
        email="wang@example.com",
        confirmed_at=NOW,
    )


@pytest.fixture
def acme(conference, django_user_model):
    exhibitor = ExhibitorFactory(
        conference=conference, name_en="Acme Sensors", name_zh_hans="艾克米传感", email="sales@acme.example"
    )
    exhibitor.users.add(django_user_model.objects.create_user("li", "li@acme.example", "pw-for-tests"))
    return exhibitor


@pytest.fixture
def beta(conference):
    return ExhibitorFactory(conference=conference, name_en="Beta Pumps", name_zh_hans="贝塔水泵")


@pytest.fixture
def member(acme):
    return acme.users.get()


@pytest.fixture
def refused(django_capture_on_commit_callbacks):
    """Run a service call that must be refused: returns the ValidationError, after checking
    that no meeting changed and no e-mail was sent or queued."""

    def run(service, **arguments):
        meetings = list(Meeting.objects.order_by("pk").values())
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(ValidationError) as error,
        ):
            service(**arguments)
        assert callbacks == []
        assert mail.outbox == []
        assert list(Meeting.objects.order_by("pk").values()) == meetings
        return error.value

    return run


def request(registration, exhibitor, when="2030-06-20 10:00", minutes=30, now=NOW, **arguments):
    return services.meeting_request(
        registration=registration, exhibitor=exhibitor, start=at(when), minutes=minutes, now=now, **arguments
    )


def request_arguments(registration, exhibitor, when="2030-06-20 10:00", minutes=30, now=NOW):
    return {
        "registration": registration,
        "exhibitor": exhibitor,
        "start": at(when),
        "minutes": minutes,
        "now": now,
    }


def mail_to(*recipients):
    """The one e-mail sent to exactly `recipients`."""
    sent = [message for message in mail.outbox if sorted(message.to) == sorted(recipients)]
    assert len(sent) == 1, [message.to for message in mail.outbox]
    return sent[0]


# registration_agenda


def test_registration_agenda_creates_an_agenda_when_the_visitor_has_none(registration):
    agenda = services.registration_agenda(registration=registration)

    registration.refresh_from_db()
    assert registration.agenda == agenda
    assert agenda.conference == registration.conference
    assert list(agenda.sessions.all()) == []
    assert Agenda.objects.count() == 1


def test_registration_agenda_returns_the_same_agenda_every_time(registration):
    first = services.registration_agenda(registration=registration)

    second = services.registration_agenda(registration=registration)

    assert second == first
    assert Agenda.objects.count() == 1


def test_registration_agenda_adopts_the_browsers_agenda(registration, conference):
    session = SessionFactory(conference=conference)
    browser_agenda = AgendaFactory(conference=conference, sessions=[session])

    agenda = services.registration_agenda(registration=registration, browser_agenda=browser_agenda)

    registration.refresh_from_db()
    assert agenda == browser_agenda
    assert registration.agenda == browser_agenda
    assert list(agenda.sessions.all()) == [session]
    assert Agenda.objects.count() == 1


def test_registration_agenda_merges_the_browsers_stars_into_the_visitors_own(registration, conference):
    kept = SessionFactory(conference=conference, start=at("2030-06-20 09:00"))
    both = SessionFactory(conference=conference, start=at("2030-06-20 11:00"))
    added = SessionFactory(conference=conference, start=at("2030-06-20 14:00"))
    own = AgendaFactory(conference=conference, sessions=[kept, both])
    registration.agenda = own
    registration.save()
    browser_agenda = AgendaFactory(conference=conference, sessions=[both, added])

    agenda = services.registration_agenda(registration=registration, browser_agenda=browser_agenda)

    registration.refresh_from_db()
    assert agenda == own
    assert registration.agenda == own
    assert set(own.sessions.all()) == {kept, both, added}
    assert set(browser_agenda.sessions.all()) == {both, added}


def test_registration_agenda_given_the_visitors_own_agenda_changes_nothing(registration, conference):
    session = SessionFactory(conference=conference)
    own = AgendaFactory(conference=conference, sessions=[session])
    registration.agenda = own
    registration.save()

    agenda = services.registration_agenda(registration=registration, browser_agenda=own)

    assert agenda == own
    assert list(own.sessions.all()) == [session]
    assert Agenda.objects.count() == 1


def test_registration_agenda_does_not_adopt_another_visitors_agenda(registration, conference):
    theirs = AgendaFactory(conference=conference, sessions=[SessionFactory(conference=conference)])
    other = RegistrationFactory(conference=conference, agenda=theirs)

    agenda = services.registration_agenda(registration=registration, browser_agenda=theirs)

    registration.refresh_from_db()
    other.refresh_from_db()
    assert agenda != theirs
    assert registration.agenda == agenda
    assert list(agenda.sessions.all()) == []
    assert other.agenda == theirs


def test_registration_agenda_does_not_merge_another_visitors_stars(registration, conference):
    own = AgendaFactory(conference=conference, sessions=[SessionFactory(conference=conference)])
    registration.agenda = own
    registration.save()
    theirs = AgendaFactory(conference=conference, sessions=[SessionFactory(conference=conference)])
    RegistrationFactory(conference=conference, agenda=theirs)
    own_sessions = set(own.sessions.all())

    agenda = services.registration_agenda(registration=registration, browser_agenda=theirs)

    assert agenda == own
    assert set(own.sessions.all()) == own_sessions


def test_registration_agenda_does_not_adopt_an_agenda_of_another_edition(registration):
    elsewhere = ConferenceFactory()
    foreign = AgendaFactory(conference=elsewhere, sessions=[SessionFactory(conference=elsewhere)])

    agenda = services.registration_agenda(registration=registration, browser_agenda=foreign)

    registration.refresh_from_db()
    assert agenda != foreign
    assert agenda.conference == registration.conference
    assert registration.agenda == agenda
    assert list(agenda.sessions.all()) == []


def test_registration_agenda_does_not_merge_stars_of_another_edition(registration, conference):
    session = SessionFactory(conference=conference)
    own = AgendaFactory(conference=conference, sessions=[session])
    registration.agenda = own
    registration.save()
    elsewhere = ConferenceFactory()
    foreign = AgendaFactory(conference=elsewhere, sessions=[SessionFactory(conference=elsewhere)])

    agenda = services.registration_agenda(registration=registration, browser_agenda=foreign)

    assert agenda == own
    assert list(own.sessions.all()) == [session]


# follow_targets and follow_set


def test_follow_targets_are_the_follows_and_what_is_on_show_of_each_kind(registration, acme, conference):
    pending = ExhibitorFactory(conference=conference, review_status=ReviewStatus.PENDING)
    device = EquipmentFactory(exhibitor=acme)
    EquipmentFactory(exhibitor=acme, status=EquipmentStatus.DRAFT)

    exhibitor_follows, exhibitors = services.follow_targets(registration, "exhibitor")
    equipment_follows, equipment = services.follow_targets(registration, "equipment")

    assert exhibitor_follows.instance == registration
    assert exhibitor_follows.model is type(acme)
    assert set(exhibitors) == {acme}
    assert pending not in exhibitors
    assert equipment_follows.instance == registration
    assert equipment_follows.model is type(device)
    assert list(equipment) == [device]


def test_follow_targets_refuses_an_unknown_kind(registration):
    with pytest.raises(ValueError, match="session"):
        services.follow_targets(registration, "session")


def test_follow_set_follows_an_exhibitor(registration, acme):
    services.follow_set(registration=registration, kind="exhibitor", target=acme, following=True)

    assert list(registration.followed_exhibitors.all()) == [acme]
    assert list(acme.followers.all()) == [registration]


def test_follow_set_follows_equipment(registration, acme):
    device = EquipmentFactory(exhibitor=acme)

    services.follow_set(registration=registration, kind="equipment", target=device, following=True)

    assert list(registration.followed_equipment.all()) == [device]
    assert list(registration.followed_exhibitors.all()) == []


def test_follow_set_following_twice_keeps_one_follow(registration, acme):
    services.follow_set(registration=registration, kind="exhibitor", target=acme, following=True)

    services.follow_set(registration=registration, kind="exhibitor", target=acme, following=True)

    assert registration.followed_exhibitors.count() == 1
    through = registration.followed_exhibitors.through
    assert through.objects.filter(registration=registration, exhibitor=acme).count() == 1


def test_follow_set_unfollows(registration, acme, beta):
    registration.followed_exhibitors.add(acme, beta)

    services.follow_set(registration=registration, kind="exhibitor", target=acme, following=False)

    assert list(registration.followed_exhibitors.all()) == [beta]


def test_follow_set_unfollowing_what_is_not_followed_is_fine(registration, acme):
    device = EquipmentFactory(exhibitor=acme)

    services.follow_set(registration=registration, kind="exhibitor", target=acme, following=False)
    services.follow_set(registration=registration, kind="equipment", target=device, following=False)

    assert registration.followed_exhibitors.count() == 0
    assert registration.followed_equipment.count() == 0


def test_follow_set_unfollows_an_exhibitor_no_longer_on_show(registration, acme):
    registration.followed_exhibitors.add(acme)
    acme.review_status = ReviewStatus.REJECTED
    acme.save()

    services.follow_set(registration=registration, kind="exhibitor", target=acme, following=False)

    assert registration.followed_exhibitors.count() == 0


@pytest.mark.parametrize("review_status", [ReviewStatus.PENDING, ReviewStatus.REJECTED])
def test_follow_set_refuses_an_exhibitor_not_approved(registration, conference, review_status):
    hidden = ExhibitorFactory(conference=conference, review_status=review_status)

    with pytest.raises(ValidationError) as error:
        services.follow_set(registration=registration, kind="exhibitor", target=hidden, following=True)

    assert error.value.code == "not_public"
    assert error.value.messages == ["This is not on show at this expo."]
    assert registration.followed_exhibitors.count() == 0


def test_follow_set_refuses_an_exhibitor_of_another_edition(registration):
    foreign = ExhibitorFactory(conference=ConferenceFactory())

    with pytest.raises(ValidationError) as error:
        services.follow_set(registration=registration, kind="exhibitor", target=foreign, following=True)

    assert error.value.code == "not_public"
    assert registration.followed_exhibitors.count() == 0


@pytest.mark.parametrize(
    "status", [EquipmentStatus.DRAFT, EquipmentStatus.SUBMITTED, EquipmentStatus.REJECTED]
)
def test_follow_set_refuses_equipment_not_published(registration, acme, status):
    hidden = EquipmentFactory(exhibitor=acme, status=status)

    with pytest.raises(ValidationError) as error:
        services.follow_set(registration=registration, kind="equipment", target=hidden, following=True)

    assert error.value.code == "not_public"
    assert error.value.messages == ["This is not on show at this expo."]
    assert registration.followed_equipment.count() == 0


def test_follow_set_refuses_published_equipment_of_an_exhibitor_not_approved(registration, conference):
    hidden = EquipmentFactory(
        exhibitor=ExhibitorFactory(conference=conference, review_status=ReviewStatus.PENDING)
    )

    with pytest.raises(ValidationError) as error:
        services.follow_set(registration=registration, kind="equipment", target=hidden, following=True)

    assert error.value.code == "not_public"
    assert registration.followed_equipment.count() == 0


def test_follow_set_refuses_more_than_follow_max(registration, conference, monkeypatch):
    monkeypatch.setattr(services, "FOLLOW_MAX", 2)
    first, second, third = ExhibitorFactory.create_batch(3, conference=conference)
    services.follow_set(registration=registration, kind="exhibitor", target=first, following=True)
    services.follow_set(registration=registration, kind="exhibitor", target=second, following=True)

    with pytest.raises(ValidationError) as error:
        services.follow_set(registration=registration, kind="exhibitor", target=third, following=True)

    assert error.value.code == "follows_full"
    assert error.value.messages == ["You already follow 2 of these. Stop following some before adding more."]
    assert set(registration.followed_exhibitors.all()) == {first, second}


def test_follow_set_at_follow_max_still_accepts_a_repeat_and_frees_room_on_unfollowing(
    registration, conference, monkeypatch
):
    monkeypatch.setattr(services, "FOLLOW_MAX", 2)
    first, second, third = ExhibitorFactory.create_batch(3, conference=conference)
    registration.followed_exhibitors.add(first, second)

    services.follow_set(registration=registration, kind="exhibitor", target=first, following=True)
    services.follow_set(registration=registration, kind="exhibitor", target=first, following=False)
    services.follow_set(registration=registration, kind="exhibitor", target=third, following=True)

    assert set(registration.followed_exhibitors.all()) == {second, third}


def test_follow_max_counts_each_kind_separately(registration, acme, conference, monkeypatch):
    monkeypatch.setattr(services, "FOLLOW_MAX", 1)
    device = EquipmentFactory(exhibitor=acme)
    services.follow_set(registration=registration, kind="exhibitor", target=acme, following=True)

    services.follow_set(registration=registration, kind="equipment", target=device, following=True)

    assert list(registration.followed_exhibitors.all()) == [acme]
    assert list(registration.followed_equipment.all()) == [device]


def test_follow_max_counts_only_the_visitors_own_follows(registration, conference, monkeypatch):
    monkeypatch.setattr(services, "FOLLOW_MAX", 1)
    first, second = ExhibitorFactory.create_batch(2, conference=conference)
    RegistrationFactory(conference=conference).followed_exhibitors.add(first)

    services.follow_set(registration=registration, kind="exhibitor", target=second, following=True)

    assert list(registration.followed_exhibitors.all()) == [second]


# meeting_times_error


def test_meeting_times_error_accepts_a_time_within_opening_hours(conference):
    assert services.meeting_times_error(conference, at("2030-06-20 10:00"), 30) is None


def test_meeting_times_error_accepts_a_meeting_from_opening_time(conference):
    assert services.meeting_times_error(conference, at("2030-06-20 09:00"), 60) is None


def test_meeting_times_error_refuses_a_start_before_opening(conference):
    assert services.meeting_times_error(conference, at("2030-06-20 08:30"), 30) == HOURS
    assert services.meeting_times_error(conference, at("2030-06-20 08:59"), 60) == HOURS


def test_meeting_times_error_refuses_a_meeting_ending_after_closing(conference):
    assert services.meeting_times_error(conference, at("2030-06-20 16:45"), 30) == HOURS
    assert services.meeting_times_error(conference, at("2030-06-20 16:30"), 60) == HOURS
    assert services.meeting_times_error(conference, at("2030-06-20 17:00"), 30) == HOURS


@pytest.mark.parametrize(("start", "minutes"), [("16:30", 30), ("16:00", 60)])
def test_meeting_times_error_accepts_a_meeting_ending_exactly_at_closing(conference, start, minutes):
    assert services.meeting_times_error(conference, at(f"2030-06-20 {start}"), minutes) is None


@pytest.mark.parametrize("day", ["2030-06-19", "2030-06-21", "2031-06-20"])
def test_meeting_times_error_refuses_a_day_outside_the_expo(conference, day):
    assert services.meeting_times_error(conference, at(f"{day} 10:00"), 30) == "Choose a day of the expo."


def test_meeting_times_error_accepts_every_day_of_a_longer_expo():
    conference = ConferenceFactory(start_date=datetime.date(2030, 6, 20), end_date=datetime.date(2030, 6, 22))

    for day in ["2030-06-20", "2030-06-21", "2030-06-22"]:
        assert services.meeting_times_error(conference, at(f"{day} 10:00"), 30) is None
    assert services.meeting_times_error(conference, at("2030-06-23 10:00"), 30) == "Choose a day of the expo."


def test_meeting_times_error_follows_the_editions_own_opening_hours():
    conference = ConferenceFactory(expo_opens=datetime.time(10), expo_closes=datetime.time(18, 30))
    hours = "Choose a time within the expo's opening hours, 10:00 to 18:30."

    assert services.meeting_times_error(conference, at("2030-06-20 09:30"), 30) == hours
    assert services.meeting_times_error(conference, at("2030-06-20 10:00"), 30) is None
    assert services.meeting_times_error(conference, at("2030-06-20 17:30"), 60) is None
    assert services.meeting_times_error(conference, at("2030-06-20 18:00"), 60) == hours


def test_meeting_times_error_refuses_a_meeting_running_past_midnight():
    conference = ConferenceFactory(end_date=datetime.date(2030, 6, 21), expo_closes=datetime.time(23, 59))

    error = services.meeting_times_error(conference, at("2030-06-20 23:30"), 60)

    assert error == "Choose a time within the expo's opening hours, 09:00 to 23:59."


def test_meeting_times_error_reads_the_time_in_the_editions_zone():
    berlin = ConferenceFactory(time_zone="Europe/Berlin")
    utc = datetime.UTC

    # 14:00 UTC is 16:00 in Berlin (summer time) but 22:00 in Shanghai, the site's zone.
    assert services.meeting_times_error(berlin, datetime.datetime(2030, 6, 20, 14, tzinfo=utc), 60) is None
    # 05:00 in Berlin on the expo's day is still 06-20 in UTC and 11:00 in Shanghai.
    early = datetime.datetime(2030, 6, 20, 3, tzinfo=utc)
    assert services.meeting_times_error(berlin, early, 30) == HOURS
    # 20:00 UTC on the 19th is 22:00 on the 19th in Berlin, but already 04:00 on the 20th in Shanghai.
    evening_before = datetime.datetime(2030, 6, 19, 20, tzinfo=utc)
    assert services.meeting_times_error(berlin, evening_before, 30) == "Choose a day of the expo."


# meeting_request


def test_meeting_request_stores_a_requested_meeting(registration, acme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = request(registration, acme, "2030-06-20 14:30", 60, message="About your sensors")

    stored = Meeting.objects.get()
    assert stored == meeting
    assert (stored.registration, stored.exhibitor) == (registration, acme)
    assert stored.start == at("2030-06-20 14:30")
    assert stored.end == at("2030-06-20 15:30")
    assert stored.status == MeetingStatus.REQUESTED
    assert stored.message == "About your sensors"
    assert (stored.reply, stored.decided_by, stored.decided_at) == ("", None, None)


def test_meeting_request_emails_the_visitor_and_the_exhibitors_team(
    registration, acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request(registration, acme, "2030-06-20 14:30", 60, message="About your sensors")

    assert len(mail.outbox) == 2
    to_visitor = mail_to("wang@example.com")
    assert to_visitor.subject == "您向艾克米传感发出的洽谈预约 / Your meeting request to Acme Sensors"
    assert "Wang Fang，您好：" in to_visitor.body
    assert "在艾克米传感展位洽谈，2030-06-20 14:30–15:30。" in to_visitor.body
    assert "Dear Wang Fang," in to_visitor.body
    assert "Meeting with Acme Sensors at their booth, 2030-06-20 14:30–15:30." in to_visitor.body
    assert to_visitor.body.index("您好") < to_visitor.body.index("Dear")
    to_team = mail_to("li@acme.example", "sales@acme.example")
    assert to_team.subject == (
        "来自Wang Fang（City Lab）的洽谈预约 / Meeting request from Wang Fang (City Lab)"
    )
    assert "在艾克米传感展位洽谈，2030-06-20 14:30–15:30。" in to_team.body
    assert "Meeting at the booth of Acme Sensors, 2030-06-20 14:30–15:30." in to_team.body
    assert "留言： About your sensors" in to_team.body
    assert "Message: About your sensors" in to_team.body
    assert "wang@example.com" in to_team.body
    assert "请在参展商平台接受或谢绝" in to_team.body
    assert "Accept or decline it in the exhibitor portal:" in to_team.body


def test_meeting_request_emails_nothing_before_the_transaction_commits(registration, acme):
    request(registration, acme)

    assert mail.outbox == []


def test_meeting_request_mail_to_the_team_drops_empty_and_repeated_addresses(
    registration, conference, django_user_model, django_capture_on_commit_callbacks
):
    exhibitor = ExhibitorFactory(conference=conference, email="")
    exhibitor.users.add(
        django_user_model.objects.create_user("zhao", "zhao@team.example", "pw-for-tests"),
        django_user_model.objects.create_user("qian", "", "pw-for-tests"),
    )
    ExhibitorFactory(conference=conference, email="zhao@team.example")

    with django_capture_on_commit_callbacks(execute=True):
        request(registration, exhibitor)

    assert sorted(message.to for message in mail.outbox) == [["wang@example.com"], ["zhao@team.example"]]


def test_meeting_request_to_an_exhibitor_without_addresses_emails_only_the_visitor(
    registration, conference, django_capture_on_commit_callbacks
):
    exhibitor = ExhibitorFactory(conference=conference, email="")

    with django_capture_on_commit_callbacks(execute=True):
        request(registration, exhibitor)

    assert [message.to for message in mail.outbox] == [["wang@example.com"]]


def test_meeting_request_mails_give_the_time_in_the_editions_zone(django_capture_on_commit_callbacks):
    berlin = ConferenceFactory(time_zone="Europe/Berlin")
    exhibitor = ExhibitorFactory(conference=berlin, email="team@example.com")
    visitor = RegistrationFactory(conference=berlin, email="visitor@example.com", confirmed_at=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request(
            registration=visitor,
            exhibitor=exhibitor,
            start=datetime.datetime(2030, 6, 20, 8, tzinfo=datetime.UTC),
            minutes=30,
            now=NOW,
        )

    for message in mail.outbox:
        assert "2030-06-20 10:00–10:30" in message.body


def test_meeting_request_refuses_an_unconfirmed_registration(conference, acme, refused):
    unconfirmed = RegistrationFactory(conference=conference)

    error = refused(services.meeting_request, **request_arguments(unconfirmed, acme))

    assert error.messages == ["Confirm your registration first: open the link in the e-mail we sent you."]


@pytest.mark.parametrize("review_status", [ReviewStatus.PENDING, ReviewStatus.REJECTED])
def test_meeting_request_refuses_an_exhibitor_not_approved(registration, conference, refused, review_status):
    hidden = ExhibitorFactory(conference=conference, review_status=review_status)

    error = refused(services.meeting_request, **request_arguments(registration, hidden))

    assert error.code == "not_public"
    assert error.messages == ["This exhibitor is not at this expo."]


def test_meeting_request_refuses_an_exhibitor_of_another_edition(registration, refused):
    foreign = ExhibitorFactory(conference=ConferenceFactory())

    error = refused(services.meeting_request, **request_arguments(registration, foreign))

    assert error.code == "not_public"


@pytest.mark.parametrize("minutes", [0, 15, 45, 90, 120])
def test_meeting_request_refuses_minutes_other_than_30_or_60(registration, acme, refused, minutes):
    error = refused(services.meeting_request, **request_arguments(registration, acme, minutes=minutes))

    assert error.message_dict == {"minutes": ["Choose 30 or 60 minutes."]}


@pytest.mark.parametrize(
    ("when", "minutes"),
    [("2030-06-20 08:30", 30), ("2030-06-20 16:45", 30), ("2030-06-20 16:30", 60), ("2030-06-20 17:00", 30)],
    ids=["before-opening", "past-closing-30", "past-closing-60", "at-closing"],
)
def test_meeting_request_refuses_a_time_outside_opening_hours(registration, acme, refused, when, minutes):
    error = refused(services.meeting_request, **request_arguments(registration, acme, when, minutes))

    assert error.message_dict == {"start": [HOURS]}


def test_meeting_request_accepts_a_meeting_ending_at_closing(registration, acme):
    meeting = request(registration, acme, "2030-06-20 16:00", 60)

    assert meeting.end == at("2030-06-20 17:00")


def test_meeting_request_refuses_a_day_outside_the_expo(registration, acme, refused):
    error = refused(services.meeting_request, **request_arguments(registration, acme, "2030-06-21 10:00"))

    assert error.message_dict == {"start": ["Choose a day of the expo."]}


@pytest.mark.parametrize("now", ["2030-06-20 10:00", "2030-06-20 10:01", "2030-06-20 16:00"])
def test_meeting_request_refuses_a_time_that_has_passed(registration, acme, refused, now):
    arguments = request_arguments(registration, acme, "2030-06-20 10:00", now=at(now))

    error = refused(services.meeting_request, **arguments)

    assert error.message_dict == {"start": ["Choose a time that has not passed yet."]}


def test_meeting_request_accepts_a_time_later_the_same_day(registration, acme):
    meeting = request(registration, acme, "2030-06-20 10:30", now=at("2030-06-20 10:29"))

    assert meeting.status == MeetingStatus.REQUESTED


@pytest.mark.parametrize(
    ("other_start", "other_minutes", "when", "minutes"),
    [
        ("2030-06-20 10:00", 30, "2030-06-20 10:00", 30),
        ("2030-06-20 10:00", 60, "2030-06-20 10:30", 30),
        ("2030-06-20 10:30", 30, "2030-06-20 10:00", 60),
        ("2030-06-20 10:15", 30, "2030-06-20 10:00", 30),
    ],
    ids=["same-time", "within-the-other", "around-the-other", "partly"],
)
def test_meeting_request_refuses_a_time_overlapping_another_open_meeting(
    registration, acme, beta, refused, other_start, other_minutes, when, minutes
):
    MeetingFactory(
        registration=registration,
        exhibitor=beta,
        start=at(other_start),
        end=at(other_start) + datetime.timedelta(minutes=other_minutes),
    )

    error = refused(services.meeting_request, **request_arguments(registration, acme, when, minutes))

    assert error.message_dict == {
        "start": ["You have another meeting at that time, with Beta Pumps. Choose another time."]
    }


def test_meeting_request_refuses_a_time_overlapping_an_accepted_meeting(registration, acme, beta, refused):
    MeetingFactory(registration=registration, exhibitor=beta, status=MeetingStatus.ACCEPTED)

    error = refused(services.meeting_request, **request_arguments(registration, acme))

    assert "with Beta Pumps" in error.message_dict["start"][0]


def test_meeting_request_overlap_names_the_exhibitor_in_the_active_language(
    registration, acme, beta, refused
):
    MeetingFactory(registration=registration, exhibitor=beta)

    with translation.override("zh-hans"):
        error = refused(services.meeting_request, **request_arguments(registration, acme))
        message = error.message_dict["start"]

    assert message == ["您在该时间已有与贝塔水泵的洽谈，请选择其他时间。"]


def test_meeting_request_accepts_meetings_right_before_and_after_another(
    registration, acme, beta, conference
):
    MeetingFactory(registration=registration, exhibitor=beta)  # 10:00–10:30
    gamma = ExhibitorFactory(conference=conference)

    before = request(registration, gamma, "2030-06-20 09:30")
    after = request(registration, acme, "2030-06-20 10:30")

    assert (before.start, before.end) == (at("2030-06-20 09:30"), at("2030-06-20 10:00"))
    assert (after.start, after.end) == (at("2030-06-20 10:30"), at("2030-06-20 11:00"))
    assert Meeting.objects.open().filter(registration=registration).count() == 3


@pytest.mark.parametrize("status", [MeetingStatus.DECLINED, MeetingStatus.CANCELLED])
def test_meeting_request_is_not_blocked_by_a_closed_meeting_at_the_same_time(registration, acme, status):
    MeetingFactory(registration=registration, exhibitor=acme, status=status)

    meeting = request(registration, acme, "2030-06-20 10:00")

    assert meeting.status == MeetingStatus.REQUESTED
    assert Meeting.objects.filter(registration=registration, exhibitor=acme).count() == 2


def test_meeting_request_is_not_blocked_by_another_visitors_meeting_at_the_same_time(
    registration, acme, conference
):
    MeetingFactory(exhibitor=acme, registration=RegistrationFactory(conference=conference, confirmed_at=NOW))

    meeting = request(registration, acme, "2030-06-20 10:00")

    assert Meeting.objects.filter(exhibitor=acme, start=meeting.start).count() == 2


def test_meeting_request_refuses_a_second_open_request_to_the_same_exhibitor(registration, acme, refused):
    MeetingFactory(registration=registration, exhibitor=acme)  # 10:00, requested

    error = refused(services.meeting_request, **request_arguments(registration, acme, "2030-06-20 14:00"))

    assert error.code == "one_open_request"
    assert error.messages == [ONE_OPEN_REQUEST]


def test_meeting_request_to_an_exhibitor_that_accepted_an_earlier_one_is_allowed(registration, acme):
    MeetingFactory(registration=registration, exhibitor=acme, status=MeetingStatus.ACCEPTED)

    meeting = request(registration, acme, "2030-06-20 14:00")

    assert meeting.status == MeetingStatus.REQUESTED


def test_meeting_request_refuses_more_than_open_meetings_max(registration, conference, monkeypatch, refused):
    monkeypatch.setattr(services, "OPEN_MEETINGS_MAX", 2)
    first, second, third = ExhibitorFactory.create_batch(3, conference=conference)
    MeetingFactory(registration=registration, exhibitor=first, start=at("2030-06-20 10:00"))
    MeetingFactory(
        registration=registration,
        exhibitor=second,
        start=at("2030-06-20 11:00"),
        status=MeetingStatus.ACCEPTED,
    )

    error = refused(services.meeting_request, **request_arguments(registration, third, "2030-06-20 14:00"))

    assert error.messages == ["You have 2 meetings requested or planned. Cancel one before asking for more."]


def test_open_meetings_max_does_not_count_declined_or_cancelled_meetings(
    registration, conference, monkeypatch
):
    monkeypatch.setattr(services, "OPEN_MEETINGS_MAX", 1)
    first, second, third = ExhibitorFactory.create_batch(3, conference=conference)
    MeetingFactory(registration=registration, exhibitor=first, status=MeetingStatus.DECLINED)
    MeetingFactory(registration=registration, exhibitor=second, status=MeetingStatus.CANCELLED)

    meeting = request(registration, third, "2030-06-20 14:00")

    assert Meeting.objects.open().filter(registration=registration).get() == meeting


def test_meeting_request_in_chinese_refuses_in_chinese(conference, acme, refused):
    unconfirmed = RegistrationFactory(conference=conference)

    with translation.override("zh-hans"):
        error = refused(services.meeting_request, **request_arguments(unconfirmed, acme))

    assert error.messages == ["请先确认注册：打开我们发给您的邮件中的链接。"]


def test_an_unanswered_request_whose_time_passed_gives_way_to_a_new_one(registration):
    conference = registration.conference
    conference.end_date = datetime.date(2030, 6, 21)
    conference.save()
    acme = ExhibitorFactory(conference=conference)
    stale = MeetingFactory(registration=registration, exhibitor=acme)  # 2030-06-20 10:00, requested

    fresh = request(registration, acme, "2030-06-21 15:00", now=at("2030-06-21 09:00"))

    stale.refresh_from_db()
    assert stale.status == MeetingStatus.CANCELLED
    assert fresh.status == MeetingStatus.REQUESTED


def test_meetings_that_are_over_do_not_count_towards_the_limit(registration, acme, monkeypatch):
    monkeypatch.setattr(services, "OPEN_MEETINGS_MAX", 1)
    conference = registration.conference
    conference.end_date = datetime.date(2030, 6, 21)
    conference.save()
    MeetingFactory(registration=registration, status=MeetingStatus.ACCEPTED)  # 2030-06-20 10:00

    meeting = request(registration, acme, "2030-06-21 10:00", now=at("2030-06-21 09:00"))

    assert meeting.status == MeetingStatus.REQUESTED


@pytest.mark.parametrize("field", ["message", "reply"])
def test_meeting_texts_are_limited_to_1000_characters_by_the_model(registration, acme, field):
    meeting = MeetingFactory.build(registration=registration, exhibitor=acme, **{field: "x" * 1001})

    with pytest.raises(ValidationError) as error:
        meeting.full_clean(validate_constraints=False)

    assert list(error.value.message_dict) == [field]


# meeting_answer


def test_meeting_answer_accepts(registration, acme, member, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    with django_capture_on_commit_callbacks(execute=True):
        answered = services.meeting_answer(
            meeting=meeting, user=member, accept=True, reply="Zhao will meet you.", now=NOW
        )

    meeting.refresh_from_db()
    assert answered == meeting
    assert meeting.status == MeetingStatus.ACCEPTED
    assert meeting.reply == "Zhao will meet you."
    assert meeting.decided_by == member
    assert meeting.decided_at == NOW
    assert list(Meeting.objects.accepted()) == [meeting]


def test_meeting_answer_accepting_emails_both_in_both_languages(
    registration, acme, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_answer(
            meeting=meeting, user=member, accept=True, reply="Zhao will meet you.", now=NOW
        )

    assert len(mail.outbox) == 2
    to_visitor = mail_to("wang@example.com")
    assert to_visitor.subject == "艾克米传感已接受您的洽谈预约 / Acme Sensors accepted your meeting"
    assert "The meeting is now in your agenda and its calendar feed." in to_visitor.body
    assert "Their reply: Zhao will meet you." in to_visitor.body
    assert "2030-06-20 10:00–10:30" in to_visitor.body
    to_team = mail_to("li@acme.example", "sales@acme.example")
    assert to_team.subject == "您已接受与Wang Fang的洽谈 / You accepted the meeting with Wang Fang"
    assert "回复人： li" in to_team.body
    assert "Answered by: li" in to_team.body
    assert "Your reply: Zhao will meet you." in to_team.body


def test_meeting_answer_declines(registration, acme, member, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_answer(
            meeting=meeting, user=member, accept=False, reply="We are fully booked.", now=NOW
        )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DECLINED
    assert meeting.reply == "We are fully booked."
    assert meeting.decided_by == member
    assert meeting.decided_at == NOW
    assert not Meeting.objects.open().exists()
    to_visitor = mail_to("wang@example.com")
    assert to_visitor.subject == "艾克米传感谢绝了您的洽谈预约 / Acme Sensors declined your meeting request"
    assert "You may ask them for another time." in to_visitor.body
    assert "Their reply: We are fully booked." in to_visitor.body
    to_team = mail_to("li@acme.example", "sales@acme.example")
    assert to_team.subject == "您已谢绝与Wang Fang的洽谈 / You declined the meeting with Wang Fang"


def test_meeting_answer_without_a_reply_leaves_it_out_of_the_mail(
    registration, acme, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_answer(meeting=meeting, user=member, accept=True, now=NOW)

    meeting.refresh_from_db()
    assert meeting.reply == ""
    assert "Their reply:" not in mail_to("wang@example.com").body


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (MeetingStatus.ACCEPTED, "accepted"),
        (MeetingStatus.DECLINED, "declined"),
        (MeetingStatus.CANCELLED, "cancelled"),
    ],
)
@pytest.mark.parametrize("accept", [True, False], ids=["accept", "decline"])
def test_meeting_answer_refuses_a_meeting_already_answered_or_cancelled(
    registration, acme, member, refused, status, label, accept
):
    meeting = MeetingFactory(registration=registration, exhibitor=acme, status=status)

    error = refused(
        services.meeting_answer, meeting=meeting, user=member, accept=accept, reply="Again", now=NOW
    )

    assert error.code == "already_answered"
    assert error.messages == [f"This request was already {label}. Nothing was changed."]


def test_meeting_answer_twice_keeps_the_first_answer(
    registration, acme, member, django_user_model, refused, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_answer(meeting=meeting, user=member, accept=True, reply="Yes", now=NOW)
    mail.outbox.clear()
    colleague = django_user_model.objects.create_user("zhou", "zhou@acme.example", "pw-for-tests")

    error = refused(
        services.meeting_answer,
        meeting=meeting,
        user=colleague,
        accept=False,
        reply="No",
        now=NOW + datetime.timedelta(hours=1),
    )

    meeting.refresh_from_db()
    assert "already" in error.messages[0]
    assert (meeting.status, meeting.reply, meeting.decided_by, meeting.decided_at) == (
        MeetingStatus.ACCEPTED,
        "Yes",
        member,
        NOW,
    )


def test_meeting_answer_already_answered_in_chinese(registration, acme, member, refused):
    meeting = MeetingFactory(registration=registration, exhibitor=acme, status=MeetingStatus.DECLINED)

    with translation.override("zh-hans"):
        error = refused(services.meeting_answer, meeting=meeting, user=member, accept=True, now=NOW)
        messages = error.messages

    assert messages == ["该预约已谢绝，未作任何更改。"]


@pytest.mark.parametrize("now", ["2030-06-20 10:00", "2030-06-20 10:15", "2030-06-21 09:00"])
def test_meeting_answer_refuses_to_accept_a_meeting_whose_time_has_come(
    registration, acme, member, refused, now
):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    error = refused(services.meeting_answer, meeting=meeting, user=member, accept=True, now=at(now))

    assert error.code == "past"
    assert error.messages == ["This meeting's time has passed; it can only be declined."]


def test_meeting_answer_declines_a_meeting_whose_time_has_passed(
    registration, acme, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)
    later = at("2030-06-20 12:00")

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_answer(meeting=meeting, user=member, accept=False, now=later)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.decided_at) == (MeetingStatus.DECLINED, later)
    assert len(mail.outbox) == 2


def test_meeting_answer_accepts_a_minute_before_the_start(registration, acme, member):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    services.meeting_answer(meeting=meeting, user=member, accept=True, now=at("2030-06-20 09:59"))

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED


# meeting_cancel


def test_meeting_cancel_cancels_a_requested_meeting(registration, acme, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.meeting_cancel(meeting=meeting, now=NOW)

    meeting.refresh_from_db()
    assert cancelled == meeting
    assert meeting.status == MeetingStatus.CANCELLED
    assert not Meeting.objects.open().exists()
    assert len(mail.outbox) == 2
    to_visitor = mail_to("wang@example.com")
    assert to_visitor.subject == "您与艾克米传感的洽谈已取消 / Your meeting with Acme Sensors is cancelled"
    assert "The exhibitor has been told." in to_visitor.body
    to_team = mail_to("li@acme.example", "sales@acme.example")
    assert to_team.subject == "Wang Fang已取消洽谈 / Wang Fang cancelled the meeting"
    assert "Meeting at the booth of Acme Sensors, 2030-06-20 10:00–10:30." in to_team.body


def test_meeting_cancel_cancels_an_accepted_meeting(
    registration, acme, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(
        registration=registration,
        exhibitor=acme,
        status=MeetingStatus.ACCEPTED,
        decided_by=member,
        decided_at=NOW,
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, now=at("2030-06-20 09:59"))

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert (meeting.decided_by, meeting.decided_at) == (member, NOW)
    assert not Meeting.objects.accepted().exists()
    assert len(mail.outbox) == 2


def test_meeting_cancel_frees_the_exhibitor_for_a_new_request(registration, acme):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)
    services.meeting_cancel(meeting=meeting, now=NOW)

    again = request(registration, acme, "2030-06-20 10:00")

    assert again.status == MeetingStatus.REQUESTED


@pytest.mark.parametrize(
    ("status", "label"), [(MeetingStatus.CANCELLED, "cancelled"), (MeetingStatus.DECLINED, "declined")]
)
def test_meeting_cancel_refuses_a_meeting_no_longer_open(registration, acme, refused, status, label):
    meeting = MeetingFactory(registration=registration, exhibitor=acme, status=status)

    error = refused(services.meeting_cancel, meeting=meeting, now=NOW)

    assert error.code == "already_answered"
    assert error.messages == [f"This request was already {label}. Nothing was changed."]


@pytest.mark.parametrize("now", ["2030-06-20 10:00", "2030-06-20 10:15", "2030-06-20 12:00"])
def test_meeting_cancel_refuses_an_accepted_meeting_that_has_begun(registration, acme, refused, now):
    meeting = MeetingFactory(registration=registration, exhibitor=acme, status=MeetingStatus.ACCEPTED)

    error = refused(services.meeting_cancel, meeting=meeting, now=at(now))

    assert error.code == "past"
    assert error.messages == ["This meeting has already begun."]


def test_meeting_cancel_withdraws_a_request_left_unanswered_past_its_time(registration, acme):
    meeting = MeetingFactory(registration=registration, exhibitor=acme)

    services.meeting_cancel(meeting=meeting, now=at("2030-06-20 12:00"))

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


# The Meeting model


def test_meeting_must_end_after_it_starts_in_the_database(registration, acme):
    start = at("2030-06-20 10:00")

    for end in (start, start - datetime.timedelta(minutes=30)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Meeting.objects.create(registration=registration, exhibitor=acme, start=start, end=end)

    assert not Meeting.objects.exists()


def test_meeting_must_end_after_it_starts_in_validation(registration, acme):
    start = at("2030-06-20 10:00")
    meeting = Meeting(registration=registration, exhibitor=acme, start=start, end=start)

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert "A meeting must end after it starts." in error.value.messages


def test_meeting_database_allows_one_open_request_per_visitor_and_exhibitor(registration, acme):
    MeetingFactory(registration=registration, exhibitor=acme)

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(registration=registration, exhibitor=acme, start=at("2030-06-20 14:00"))

    assert Meeting.objects.count() == 1


def test_meeting_validation_names_the_one_open_request_rule(registration, acme):
    MeetingFactory(registration=registration, exhibitor=acme)
    second = MeetingFactory.build(registration=registration, exhibitor=acme, start=at("2030-06-20 14:00"))

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert ONE_OPEN_REQUEST in error.value.messages


@pytest.mark.parametrize(
    "statuses",
    [
        (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED),
        (MeetingStatus.REQUESTED, MeetingStatus.DECLINED),
        (MeetingStatus.REQUESTED, MeetingStatus.CANCELLED),
        (MeetingStatus.ACCEPTED, MeetingStatus.ACCEPTED),
        (MeetingStatus.DECLINED, MeetingStatus.DECLINED),
        (MeetingStatus.CANCELLED, MeetingStatus.CANCELLED),
    ],
)
def test_meeting_database_allows_answered_requests_beside_an_open_one(registration, acme, statuses):
    for hour, status in zip((10, 14), statuses, strict=True):
        MeetingFactory(
            registration=registration, exhibitor=acme, start=at(f"2030-06-20 {hour}:00"), status=status
        )

    assert Meeting.objects.filter(registration=registration, exhibitor=acme).count() == 2


def test_meeting_database_allows_open_requests_to_other_exhibitors_and_from_other_visitors(
    registration, acme, beta, conference
):
    MeetingFactory(registration=registration, exhibitor=acme)
    MeetingFactory(registration=registration, exhibitor=beta)
    MeetingFactory(registration=RegistrationFactory(conference=conference), exhibitor=acme)

    assert Meeting.objects.filter(status=MeetingStatus.REQUESTED).count() == 3


def test_meeting_queryset_open_and_accepted(registration, conference):
    meetings = {
        status: MeetingFactory(
            registration=registration, exhibitor=ExhibitorFactory(conference=conference), status=status
        )
        for status in MeetingStatus
    }

    assert set(Meeting.objects.open()) == {
        meetings[MeetingStatus.REQUESTED],
        meetings[MeetingStatus.ACCEPTED],
    }
    assert list(Meeting.objects.accepted()) == [meetings[MeetingStatus.ACCEPTED]]
    assert [meeting.is_open for meeting in meetings.values()] == [True, True, False, False]
