"""Races at the check-in desk and for a visitor's time, fired from separate threads with their
own database connections, on PostgreSQL (SQLite has no row locks and serialises writers). Each
has a control that takes the row lock away and shows the race win, so the test is known to
bite."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import ConferenceFactory, ExhibitorFactory, RegistrationFactory, at
from tests.utils import needs_row_locks, race, without_the_lock
from visitors import services
from visitors.models import Meeting, Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_row_locks,
]

DESKS = 4
REQUESTS = 16
NOW = at("2030-06-01 12:00")


def desks_scanning_one_badge():
    registration = RegistrationFactory(conference=ConferenceFactory(is_current=True), confirmed_at=NOW)
    desks = [get_user_model().objects.create_user(f"desk{n}") for n in range(DESKS)]
    return registration, [
        lambda desk=desk: services.registration_check_in(registration=registration, user=desk, now=NOW).pk
        for desk in desks
    ]


def test_four_desks_scanning_one_badge_at_once_check_the_visitor_in_once():
    registration, scans = desks_scanning_one_badge()

    outcomes = race(scans)

    assert sorted(outcomes, key=str) == [registration.pk] + ["ValidationError"] * (DESKS - 1)
    assert Registration.objects.get().checked_in_by.username.startswith("desk")


def test_control_without_the_lock_every_desk_checks_the_visitor_in():
    registration, scans = desks_scanning_one_badge()

    with without_the_lock(Registration, DESKS):
        outcomes = race(scans)

    assert outcomes == [registration.pk] * DESKS


def requests_for_one_time():
    """One visitor asking sixteen exhibitors for a meeting at the same time, all at once."""
    conference = ConferenceFactory(is_current=True)
    registration = RegistrationFactory(conference=conference, confirmed_at=NOW)
    exhibitors = [ExhibitorFactory(conference=conference, review_status="approved") for _ in range(REQUESTS)]
    return [
        lambda exhibitor=exhibitor: (
            services.meeting_request(
                registration=registration,
                exhibitor=exhibitor,
                start=at("2030-06-20 10:00"),
                minutes=30,
                now=NOW,
            ).status
        )
        for exhibitor in exhibitors
    ]


def test_sixteen_requests_for_one_time_at_once_give_the_visitor_one_meeting():
    outcomes = race(requests_for_one_time())

    assert sorted(outcomes) == ["ValidationError"] * (REQUESTS - 1) + ["requested"]
    assert Meeting.objects.count() == 1


def test_control_without_the_lock_the_visitor_gets_sixteen_meetings_at_one_time():
    with without_the_lock(Meeting, REQUESTS):
        outcomes = race(requests_for_one_time())

    assert outcomes == ["requested"] * REQUESTS
    assert Meeting.objects.count() == REQUESTS
