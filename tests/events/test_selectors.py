import pytest
from django.utils import translation

from events.enums import OrganiserRole
from events.selectors import current_conference, organiser_groups
from tests.factories import ConferenceFactory, ConferenceOrganisationFactory

pytestmark = pytest.mark.django_db


def test_current_conference_is_none_without_a_current_edition():
    ConferenceFactory(is_current=False)

    assert current_conference() is None


def test_current_conference_is_cached(conference, django_assert_num_queries):
    current_conference()

    with django_assert_num_queries(0):
        cached = current_conference()

    assert cached == conference
    assert [body.organisation.name_en for body in cached.organising_bodies.all()] == [
        "Alpha Institute",
        "Beta Company",
    ]


def test_current_conference_cache_is_dropped_when_the_edition_changes(conference):
    current_conference()
    conference.name_en = "Renamed"
    conference.save()

    with translation.override("en"):
        assert current_conference().name == "Renamed"


def test_current_conference_cache_is_dropped_when_an_organisation_is_renamed(conference):
    current_conference()
    organisation = conference.organising_bodies.first().organisation
    organisation.name_en = "Renamed Institute"
    organisation.save()

    names = [body.organisation.name_en for body in current_conference().organising_bodies.all()]

    assert names == ["Renamed Institute", "Beta Company"]


def test_current_conference_cache_is_dropped_when_a_role_is_removed(conference):
    current_conference()
    conference.organising_bodies.filter(role=OrganiserRole.ORGANISER).delete()

    assert current_conference().organising_bodies.count() == 1


def test_organiser_groups_orders_roles_hosts_first_and_keeps_order_within_a_role():
    conference = ConferenceFactory()
    ConferenceOrganisationFactory(conference=conference, role="supporter", order=1, organisation__name_en="S")
    ConferenceOrganisationFactory(conference=conference, role="co_host", order=3, organisation__name_en="C2")
    ConferenceOrganisationFactory(conference=conference, role="co_host", order=2, organisation__name_en="C1")
    ConferenceOrganisationFactory(conference=conference, role="host", order=9, organisation__name_en="H")

    groups = organiser_groups(conference)

    assert [(role, [o.name_en for o in organisations]) for role, organisations in groups] == [
        (OrganiserRole.HOST, ["H"]),
        (OrganiserRole.CO_HOST, ["C1", "C2"]),
        (OrganiserRole.SUPPORTER, ["S"]),
    ]


def test_organiser_role_heading_is_translated():
    with translation.override("zh-hans"):
        heading = str(OrganiserRole.CO_HOST.heading)

    assert heading == "联合主办单位"


def test_current_conference_caches_that_there_is_none(db, django_assert_num_queries):
    current_conference()

    with django_assert_num_queries(0):
        assert current_conference() is None


def test_current_conference_appears_as_soon_as_an_edition_is_made_current(db):
    current_conference()

    conference = ConferenceFactory(is_current=True)

    assert current_conference() == conference
