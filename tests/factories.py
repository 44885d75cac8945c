import datetime

import factory

from events.enums import OrganiserRole
from events.models import Conference, ConferenceOrganisation, Organisation


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    number = factory.Sequence(lambda n: n + 1)
    name_zh_hans = factory.LazyAttribute(lambda o: f"第{o.number}届测试大会")
    name_en = factory.LazyAttribute(lambda o: f"Test Conference {o.number}")
    theme_zh_hans = "测试主题"
    theme_en = "Test theme"
    start_date = datetime.date(2030, 6, 20)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    venue_name_zh_hans = "测试会场"
    venue_name_en = "Test Venue"
    venue_address_zh_hans = "测试地址"
    venue_address_en = "Test Address"
    is_current = False


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_zh_hans = factory.Sequence(lambda n: f"测试单位{n}")
    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")


class ConferenceOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceOrganisation

    conference = factory.SubFactory(ConferenceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganiserRole.CO_HOST
    order = factory.Sequence(lambda n: n)
