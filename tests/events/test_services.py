import pytest

from events.models import Conference
from events.services import conference_make_current
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def test_conference_make_current_retires_the_previous_edition():
    old = ConferenceFactory(number=11, is_current=True)
    new = ConferenceFactory(number=12)

    conference_make_current(conference=new)

    assert list(Conference.objects.current()) == [new]
    old.refresh_from_db()
    assert old.is_current is False


def test_conference_make_current_on_the_current_edition_changes_nothing():
    current = ConferenceFactory(is_current=True)

    conference_make_current(conference=current)

    assert list(Conference.objects.current()) == [current]


def test_conference_make_current_with_no_current_edition():
    conference = ConferenceFactory()

    conference_make_current(conference=conference)

    conference.refresh_from_db()
    assert conference.is_current is True
