import datetime
import zoneinfo
from decimal import Decimal

import factory
from django.utils import timezone

from events.enums import OrganiserRole, SessionStatus, SpeakerRole
from events.models import (
    Agenda,
    Conference,
    ConferenceOrganisation,
    Organisation,
    Room,
    Session,
    SessionChange,
    SessionKind,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
    Track,
)
from exhibitors.enums import EquipmentStatus, ReservationStatus, ReviewStatus
from exhibitors.models import (
    Booth,
    BoothReservation,
    BoothType,
    Equipment,
    EquipmentCategory,
    Exhibitor,
    Hall,
)
from standards.enums import ArticleStatus, StandardStatus
from standards.models import Article, Publication, Standard
from visitors.badges import new_badge_code
from visitors.models import Lead, Meeting, Registration


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


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    conference = factory.SubFactory(ConferenceFactory)
    name_zh_hans = factory.Sequence(lambda n: f"会议室{n}")
    name_en = factory.Sequence(lambda n: f"Room {n}")
    order = factory.Sequence(lambda n: n)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    conference = factory.SubFactory(ConferenceFactory)
    name_zh_hans = factory.Sequence(lambda n: f"专题{n}")
    name_en = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    colour = "#123456"


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    conference = factory.SubFactory(ConferenceFactory)
    name_zh_hans = factory.Sequence(lambda n: f"嘉宾{n}")
    name_en = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    position_zh_hans = "研究员"
    position_en = "Researcher"
    organisation_zh_hans = "测试研究院"
    organisation_en = "Test Institute"


def at(day_time, zone="Asia/Shanghai"):
    """An aware datetime from "2030-06-20 09:00" in the conference time zone."""
    return datetime.datetime.fromisoformat(day_time).replace(tzinfo=zoneinfo.ZoneInfo(zone))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    title_zh_hans = factory.Sequence(lambda n: f"议程{n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    abstract_zh_hans = "摘要"
    abstract_en = "Abstract"
    # The edition's own "forum" kind, made on first use.
    kind = factory.LazyAttribute(
        lambda o: SessionKind.objects.get_or_create(
            conference=o.conference, slug="forum", defaults={"name_zh_hans": "论坛", "name_en": "Forum"}
        )[0]
    )
    room = factory.SubFactory(RoomFactory, conference=factory.SelfAttribute("..conference"))
    start = factory.LazyFunction(lambda: at("2030-06-20 09:00"))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))
    status = SessionStatus.PUBLISHED

    @factory.post_generation
    def languages(self, create, codes, **kwargs):
        """SessionFactory(languages=["de", "en"]); Chinese unless told, [] for none."""
        if create:
            codes = ["zh"] if codes is None else codes
            SessionLanguage.objects.bulk_create(
                SessionLanguage(session=self, code=code, order=order) for order, code in enumerate(codes)
            )


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory, conference=factory.SelfAttribute("..session.conference"))
    role = SpeakerRole.SPEAKER
    order = factory.Sequence(lambda n: n)


class SessionChangeFactory(factory.django.DjangoModelFactory):
    """A move by one hour into another room of the same edition."""

    class Meta:
        model = SessionChange

    session = factory.SubFactory(SessionFactory)
    previous_start = factory.SelfAttribute("session.start")
    previous_end = factory.SelfAttribute("session.end")
    start = factory.LazyAttribute(lambda o: o.previous_start + datetime.timedelta(hours=1))
    end = factory.LazyAttribute(lambda o: o.previous_end + datetime.timedelta(hours=1))
    previous_room = factory.SelfAttribute("session.room")
    room = factory.SubFactory(RoomFactory, conference=factory.SelfAttribute("..session.conference"))
    previous_status = SessionStatus.PUBLISHED
    status = SessionStatus.PUBLISHED


class AgendaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agenda
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if create and extracted:
            self.sessions.add(*extracted)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    code = factory.Sequence(lambda n: f"GB/T {30000 + n}-2018")
    slug = factory.Sequence(lambda n: f"gb-t-{30000 + n}-2018")
    title_zh_hans = factory.Sequence(lambda n: f"智慧城市 标准{n}")
    title_en = factory.Sequence(lambda n: f"Smart city standard {n}")
    status = StandardStatus.IN_FORCE
    issued_on = datetime.date(2018, 6, 7)
    effective_on = datetime.date(2019, 1, 1)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title_zh_hans = factory.Sequence(lambda n: f"新闻{n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary_en = "Summary"
    body_en = "Body"
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: at("2018-06-20 12:00"))

    @factory.post_generation
    def standards(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_standards.set(extracted)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title_zh_hans = factory.Sequence(lambda n: f"白皮书{n}")
    title_en = factory.Sequence(lambda n: f"White paper {n}")
    slug = factory.Sequence(lambda n: f"white-paper-{n}")
    year = 2018


class HallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hall

    conference = factory.SubFactory(ConferenceFactory)
    name_zh_hans = factory.Sequence(lambda n: f"{n}号馆")
    name_en = factory.Sequence(lambda n: f"Hall {n}")
    width = Decimal("60")
    depth = Decimal("40")


class BoothTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothType

    conference = factory.SubFactory(ConferenceFactory)
    name_zh_hans = "标准展位"
    name_en = "Shell booth"
    price = Decimal("12800.00")


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    hall = factory.SubFactory(HallFactory)
    conference = factory.SelfAttribute("hall.conference")
    booth_type = factory.SubFactory(BoothTypeFactory, conference=factory.SelfAttribute("..conference"))
    code = factory.Sequence(lambda n: f"A-{100 + n}")
    x = factory.Sequence(lambda n: Decimal(3 * (n % 18)))
    y = factory.Sequence(lambda n: Decimal(3 * ((n // 18) % 12)))
    width = Decimal("3")
    depth = Decimal("3")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentCategory

    name_zh_hans = factory.Sequence(lambda n: f"分类{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibitor

    conference = factory.SubFactory(ConferenceFactory)
    name_zh_hans = factory.Sequence(lambda n: f"测试企业{n}")
    name_en = factory.Sequence(lambda n: f"Test Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    region_zh_hans = "北京"
    region_en = "Beijing"
    review_status = ReviewStatus.APPROVED


class ReservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothReservation

    booth = factory.SubFactory(BoothFactory)
    exhibitor = factory.SubFactory(ExhibitorFactory, conference=factory.SelfAttribute("..booth.conference"))
    status = ReservationStatus.CONFIRMED
    price = Decimal("12800.00")
    held_until = factory.LazyAttribute(
        lambda o: timezone.now() + datetime.timedelta(days=3) if o.status == ReservationStatus.HELD else None
    )


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    exhibitor = factory.SubFactory(ExhibitorFactory)
    name_zh_hans = factory.Sequence(lambda n: f"设备{n}")
    name_en = factory.Sequence(lambda n: f"Device {n}")
    slug = factory.Sequence(lambda n: f"device-{n}")
    category = factory.SubFactory(CategoryFactory)
    summary_en = "A device"
    status = EquipmentStatus.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"访客{n}")
    organisation = "测试研究院"
    position = "工程师"
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    mobile = "+86 138 0000 0000"
    badge_code = factory.LazyFunction(new_badge_code)


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    exhibitor = factory.SubFactory(ExhibitorFactory)
    registration = factory.SubFactory(
        RegistrationFactory,
        conference=factory.SelfAttribute("..exhibitor.conference"),
        confirmed_at=factory.LazyFunction(timezone.now),
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    """A requested meeting at 10:00 on the first day of the exhibitor's edition, for 30 minutes."""

    class Meta:
        model = Meeting

    exhibitor = factory.SubFactory(ExhibitorFactory)
    registration = factory.SubFactory(
        RegistrationFactory,
        conference=factory.SelfAttribute("..exhibitor.conference"),
        confirmed_at=factory.LazyFunction(timezone.now),
    )
    start = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(
            o.exhibitor.conference.start_date, datetime.time(10), o.exhibitor.conference.zone
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(minutes=30))
