import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from events.models import ConferenceOrganisation
from tests.factories import ConferenceFactory, ConferenceOrganisationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_conference_str_follows_active_language():
    conference = ConferenceFactory(name_zh_hans="第十二届大会", name_en="The 12th Conference")

    with translation.override("zh-hans"):
        chinese = str(conference)
    with translation.override("en"):
        english = str(conference)

    assert (chinese, english) == ("第十二届大会", "The 12th Conference")


def test_conference_english_name_falls_back_to_chinese_when_empty():
    conference = ConferenceFactory(name_zh_hans="只有中文", name_en="")

    with translation.override("en"):
        assert conference.name == "只有中文"


def test_conference_end_before_start_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(start_date=datetime.date(2030, 6, 20), end_date=datetime.date(2030, 6, 19))


def test_conference_end_before_start_is_a_clear_validation_error():
    conference = ConferenceFactory.build(
        start_date=datetime.date(2030, 6, 20), end_date=datetime.date(2030, 6, 19)
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert error.value.messages == ["The last day cannot be before the first day."]


def test_conference_single_day_is_allowed():
    conference = ConferenceFactory(start_date=datetime.date(2030, 6, 20), end_date=datetime.date(2030, 6, 20))

    assert conference.is_single_day is True


def test_conference_second_current_edition_is_refused_by_the_database():
    ConferenceFactory(is_current=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(is_current=True)


def test_conference_second_current_edition_is_a_clear_validation_error():
    ConferenceFactory(is_current=True)
    second = ConferenceFactory.build(number=99, is_current=True)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.messages == [
        "Another edition is already current. Use the “Make current” action in the list of editions to switch."
    ]


def test_conference_many_editions_can_be_not_current():
    ConferenceFactory(is_current=False)
    ConferenceFactory(is_current=False)

    assert ConferenceFactory._meta.model.objects.current().count() == 0


def test_conference_unknown_time_zone_is_a_validation_error():
    conference = ConferenceFactory.build(time_zone="Mars/Olympus_Mons")

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert error.value.message_dict["time_zone"] == [
        "“Mars/Olympus_Mons”不是有效的时区名称。请使用 IANA 时区名称，例如 Asia/Shanghai。"
    ]


def test_conference_organisation_same_role_twice_is_refused():
    link = ConferenceOrganisationFactory(role="co_host")

    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceOrganisation.objects.create(
            conference=link.conference, organisation=link.organisation, role="co_host"
        )


def test_organisation_with_a_role_cannot_be_deleted():
    organisation = OrganisationFactory()
    ConferenceOrganisationFactory(organisation=organisation)

    with pytest.raises(ProtectedError), transaction.atomic():
        organisation.delete()


def test_conference_organisation_str_names_the_role():
    link = ConferenceOrganisationFactory(organisation__name_en="Alpha", role="organiser")

    with translation.override("en"):
        assert str(link) == "Alpha (Organiser)"
