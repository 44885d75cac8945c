"""The design's full-size data set for one current edition, built with bulk inserts.

2,000 published sessions over four days (20 rooms, 8 tracks, every session kind), 600 speakers,
1,500 approved exhibitors, 6 halls of 500 booths (1,200 confirmed), 20,000 public equipment
listings in a two-level category tree, 200 standards, 2,000 published articles and a few
publications. Every name says it is sample data.

Call `build()` with Django set up and migrated. It expects a database without an earlier
full-size build (standards, articles, categories and equipment have site-wide unique slugs).
An edition that is already current (bench/exports.py leaves one) stops being current, as with
the admin's "Make current".
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from common import search
from events.enums import DEFAULT_SESSION_KINDS, OrganiserRole, SessionLanguage, SessionStatus, SpeakerRole
from events.models import (
    Conference,
    ConferenceOrganisation,
    Organisation,
    Room,
    Session,
    SessionChange,
    SessionKind,
    SessionSpeaker,
    Speaker,
    Track,
)
from events.services import conference_make_current
from exhibitors.enums import EquipmentStatus, Pricing, ReservationStatus, ReviewStatus
from exhibitors.models import (
    Booth,
    BoothReservation,
    BoothType,
    Equipment,
    EquipmentCategory,
    Exhibitor,
    Hall,
)
from standards.enums import ArticleStatus, StandardCategory, StandardStatus
from standards.models import Article, Publication, Standard

EDITION = 90
FIRST_DAY = datetime.date(2030, 6, 20)
DAYS = 4
ROOMS = 20
TRACKS = 8
SESSIONS = 2000
SPEAKERS = 600
EXHIBITORS = 1500
HALLS = 6
BOOTHS_PER_HALL = 500
CONFIRMED_BOOTHS = 1200
FIELDS = 8
KINDS_PER_FIELD = 6
EQUIPMENT = 20_000
STANDARDS = 200
ARTICLES = 2000
PUBLICATIONS = 5
SCHEDULE_CHANGES = 40
BATCH = 1000
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")

REGIONS = [
    ("北京", "Beijing"),
    ("上海", "Shanghai"),
    ("广东", "Guangdong"),
    ("浙江", "Zhejiang"),
    ("江苏", "Jiangsu"),
    ("四川", "Sichuan"),
    ("湖北", "Hubei"),
    ("山东", "Shandong"),
]
# Varied lengths, so that the grid's rows do not all line up.
SESSION_MINUTES = [20, 30, 40]
# 25 columns in blocks of five with aisles between, 20 rows back to back in pairs.
BOOTH_COLUMNS = 25
BOOTH_SIZE = Decimal(3)


def _bulk(model, objects):
    return model.objects.bulk_create(objects, batch_size=BATCH)


def _conference():
    conference = Conference.objects.create(
        number=EDITION,
        name_zh_hans="示例大会（基准测试数据）",
        name_en="Sample conference (benchmark data)",
        theme_zh_hans="示例主题",
        theme_en="Sample theme",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + datetime.timedelta(days=DAYS - 1),
        venue_name_zh_hans="示例会展中心",
        venue_name_en="Sample convention centre",
        venue_address_zh_hans="示例地址 1 号",
        venue_address_en="1 Sample Road",
        description_zh_hans="示例简介。" * 40,
        description_en="Sample description. " * 40,
    )
    roles = [OrganiserRole.HOST, OrganiserRole.CO_HOST, OrganiserRole.CO_HOST, OrganiserRole.SUPPORTER]
    organisations = _bulk(
        Organisation,
        (Organisation(name_zh_hans=f"示例单位 {n}", name_en=f"Sample organisation {n}") for n in range(4)),
    )
    _bulk(
        ConferenceOrganisation,
        (
            ConferenceOrganisation(conference=conference, organisation=organisation, role=role, order=n)
            for n, (organisation, role) in enumerate(zip(organisations, roles, strict=True))
        ),
    )
    return conference


def _programme(conference):
    kinds = [
        SessionKind.objects.create(conference=conference, slug=slug, name_zh_hans=zh, name_en=en)
        for slug, zh, en in DEFAULT_SESSION_KINDS
    ]
    rooms = _bulk(
        Room,
        (
            Room(
                conference=conference,
                name_zh_hans=f"示例会议室 {n}",
                name_en=f"Sample room {n}",
                floor_zh_hans=f"{n // 5 + 1} 层",
                floor_en=f"Floor {n // 5 + 1}",
                capacity=100 + 20 * n,
                order=n,
            )
            for n in range(ROOMS)
        ),
    )
    tracks = _bulk(
        Track,
        (
            Track(
                conference=conference,
                name_zh_hans=f"示例专题 {n}",
                name_en=f"Sample track {n}",
                slug=f"sample-track-{n}",
                colour=f"#{(0x0B5C75 + n * 0x151515) % 0xFFFFFF:06x}",
                order=n,
            )
            for n in range(TRACKS)
        ),
    )
    speakers = _bulk(
        Speaker,
        (
            Speaker(
                conference=conference,
                name_zh_hans=f"示例嘉宾 {n}",
                name_en=f"Sample speaker {n}",
                slug=f"sample-speaker-{n}",
                honorific_zh_hans="教授" if n % 4 == 0 else "",
                honorific_en="Prof." if n % 4 == 0 else "",
                position_zh_hans="研究员",
                position_en="Researcher",
                organisation_zh_hans=f"示例研究院 {n % 50}",
                organisation_en=f"Sample institute {n % 50}",
                biography_zh_hans="示例简历。" * 30,
                biography_en="Sample biography. " * 30,
            )
            for n in range(SPEAKERS)
        ),
    )
    per_room_day = SESSIONS // (DAYS * ROOMS)
    sessions = []
    for day in range(DAYS):
        for room_index, room in enumerate(rooms):
            start = datetime.datetime.combine(
                FIRST_DAY + datetime.timedelta(days=day), datetime.time(8), ZONE
            )
            for slot in range(per_room_day):
                n = len(sessions)
                end = start + datetime.timedelta(minutes=SESSION_MINUTES[(room_index + slot) % 3])
                sessions.append(
                    Session(
                        conference=conference,
                        title_zh_hans=f"示例议程 {n}",
                        title_en=f"Sample session {n}",
                        slug=f"sample-session-{n}",
                        abstract_zh_hans="示例摘要。" * 40,
                        abstract_en="Sample abstract. " * 30,
                        description_zh_hans="示例说明。" * 80,
                        description_en="Sample description. " * 60,
                        kind=kinds[n % len(kinds)],
                        track=tracks[n % TRACKS],
                        room=room,
                        start=start,
                        end=end,
                        language=list(SessionLanguage)[n % 3],
                        status=SessionStatus.PUBLISHED,
                        is_highlight=n % 400 == 0,
                    )
                )
                start = end
    sessions = _bulk(Session, sessions)
    roles = [SpeakerRole.SPEAKER, SpeakerRole.SPEAKER, SpeakerRole.CHAIR]
    _bulk(
        SessionSpeaker,
        (
            # Offsets 0, 211 and 422 keep a session's speakers distinct.
            SessionSpeaker(
                session=session,
                speaker=speakers[(n * 7 + 211 * order) % SPEAKERS],
                role=roles[order],
                order=order,
            )
            for n, session in enumerate(sessions)
            for order in range(1 + n % 3)
        ),
    )
    # A few sessions moved an hour later, for the changes page and the "changed" marks.
    now = timezone.now()
    moved = sessions[:: SESSIONS // SCHEDULE_CHANGES]
    _bulk(
        SessionChange,
        (
            SessionChange(
                session=session,
                created=now - datetime.timedelta(minutes=n),
                previous_start=session.start - datetime.timedelta(hours=1),
                previous_end=session.end - datetime.timedelta(hours=1),
                start=session.start,
                end=session.end,
                previous_room=session.room,
                room=session.room,
                previous_status=SessionStatus.PUBLISHED,
                status=SessionStatus.PUBLISHED,
            )
            for n, session in enumerate(moved)
        ),
    )
    Session.objects.filter(pk__in=[session.pk for session in moved]).update(changed_at=now)


def _categories():
    fields = _bulk(
        EquipmentCategory,
        (
            EquipmentCategory(
                name_zh_hans=f"示例领域 {n}", name_en=f"Sample field {n}", slug=f"sample-field-{n}", order=n
            )
            for n in range(FIELDS)
        ),
    )
    kinds = _bulk(
        EquipmentCategory,
        (
            EquipmentCategory(
                parent=field,
                name_zh_hans=f"示例类别 {f}-{n}",
                name_en=f"Sample kind {f}-{n}",
                slug=f"sample-field-{f}-kind-{n}",
                order=n,
            )
            for f, field in enumerate(fields)
            for n in range(KINDS_PER_FIELD)
        ),
    )
    return fields, kinds


def _standards():
    statuses = list(StandardStatus)
    categories = list(StandardCategory)
    return _bulk(
        Standard,
        (
            Standard(
                code=f"SAMPLE/T {10000 + n}-2030",
                slug=f"sample-t-{10000 + n}-2030",
                title_zh_hans=f"示例标准 {n}",
                title_en=f"Sample standard {n}",
                status=statuses[n % len(statuses)],
                category=categories[n % len(categories)],
                issuing_bodies_zh_hans="示例标准化机构",
                issuing_bodies_en="Sample standards body",
                issued_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=7 * n),
                effective_on=datetime.date(2020, 7, 1) + datetime.timedelta(days=7 * n),
                summary_zh_hans="示例标准摘要。" * 30,
                summary_en="Sample standard summary. " * 20,
            )
            for n in range(STANDARDS)
        ),
    )


def _expo(conference, fields, kinds, standards):
    now = timezone.now()
    shell, corner, raw = _bulk(
        BoothType,
        [
            BoothType(
                conference=conference,
                name_zh_hans="示例标准展位",
                name_en="Sample shell booth",
                price=Decimal("12800.00"),
            ),
            BoothType(
                conference=conference,
                name_zh_hans="示例转角展位",
                name_en="Sample corner booth",
                price=Decimal("14800.00"),
            ),
            BoothType(
                conference=conference,
                name_zh_hans="示例光地",
                name_en="Sample raw space",
                pricing=Pricing.PER_SQUARE_METRE,
                price=Decimal("1200.00"),
            ),
        ],
    )
    places = []
    for n in range(BOOTHS_PER_HALL):
        row, column = divmod(n, BOOTH_COLUMNS)
        x = BOOTH_SIZE * (1 + column + column // 5)
        y = BOOTH_SIZE * (1 + row + row // 2)
        places.append((n, row, column, x, y))
    width = max(x for *_, x, _ in places) + 2 * BOOTH_SIZE
    depth = max(y for *_, y in places) + 2 * BOOTH_SIZE
    halls = _bulk(
        Hall,
        (
            Hall(
                conference=conference,
                name_zh_hans=f"示例 {n + 1} 号馆",
                name_en=f"Sample hall {n + 1}",
                width=width,
                depth=depth,
                order=n,
            )
            for n in range(HALLS)
        ),
    )
    booths = []
    for h, hall in enumerate(halls):
        for n, row, column, x, y in places:
            is_corner = column % 5 in (0, 4)
            booth_type = raw if row < 2 and column < 10 else corner if is_corner else shell
            booths.append(
                Booth(
                    conference=conference,
                    hall=hall,
                    booth_type=booth_type,
                    code=f"{'ABCDEF'[h]}-{n + 1:03d}",
                    x=x,
                    y=y,
                    width=BOOTH_SIZE,
                    depth=BOOTH_SIZE,
                    is_corner=is_corner,
                    open_sides=2 if is_corner else 1,
                )
            )
    booths = _bulk(Booth, booths)
    exhibitors = _bulk(
        Exhibitor,
        (
            Exhibitor(
                conference=conference,
                name_zh_hans=f"示例展商 {n}",
                name_en=f"Sample exhibitor {n}",
                slug=f"sample-exhibitor-{n}",
                description_zh_hans="示例企业介绍。" * 30,
                description_en="Sample company profile. " * 20,
                website=f"https://exhibitor-{n}.example.org/",
                country_zh_hans="中国",
                country_en="China",
                region_zh_hans=REGIONS[n % len(REGIONS)][0],
                region_en=REGIONS[n % len(REGIONS)][1],
                contact_person=f"示例联系人 {n}",
                email=f"contact-{n}@example.org",
                review_status=ReviewStatus.APPROVED,
                reviewed_at=now,
            )
            for n in range(EXHIBITORS)
        ),
    )
    through = Exhibitor.categories.through
    _bulk(
        through,
        (
            through(exhibitor=exhibitor, equipmentcategory=fields[(n + offset) % FIELDS])
            for n, exhibitor in enumerate(exhibitors)
            for offset in range(1 + n % 2)
        ),
    )
    # Two of every five booths confirmed; the first 1,000 exhibitors get one booth each, 200 of
    # them a second one in another hall (two is the default limit per company).
    booked = [booth for n, booth in enumerate(booths) if n % 5 in (0, 2)][:CONFIRMED_BOOTHS]
    _bulk(
        BoothReservation,
        (
            BoothReservation(
                exhibitor=exhibitors[(k * 7) % 1000],
                booth=booth,
                status=ReservationStatus.CONFIRMED,
                price=booth.price,
                decided_at=now,
            )
            for k, booth in enumerate(booked)
        ),
    )
    equipment = _bulk(
        Equipment,
        (
            Equipment(
                exhibitor=exhibitors[n % EXHIBITORS],
                name_zh_hans=f"示例设备 {n}",
                name_en=f"Sample device {n}",
                slug=f"sample-device-{n}",
                category=kinds[n % len(kinds)],
                summary_zh_hans=f"示例设备 {n} 的简介",
                summary_en=f"Summary of sample device {n}",
                description_zh_hans="示例设备说明。" * 40,
                description_en="Sample device description. " * 25,
                status=EquipmentStatus.PUBLISHED,
                order=n // EXHIBITORS,
            )
            for n in range(EQUIPMENT)
        ),
    )
    through = Equipment.standards.through
    _bulk(
        through,
        (
            through(equipment=item, standard=standards[n % STANDARDS])
            for n, item in enumerate(equipment)
            if n % 2 == 0
        ),
    )


def _news(standards):
    now = timezone.now()
    body_zh = "## 示例小标题\n\n" + "示例正文。" * 120 + "\n\n- 示例要点一\n- 示例要点二\n"
    body_en = (
        "## Sample heading\n\n" + "Sample body text. " * 80 + "\n\n- Sample point one\n- Sample point two\n"
    )
    articles = _bulk(
        Article,
        (
            Article(
                title_zh_hans=f"示例新闻 {n}",
                title_en=f"Sample news {n}",
                slug=f"sample-news-{n}",
                summary_zh_hans="示例新闻摘要。" * 10,
                summary_en="Sample news summary. " * 8,
                body_zh_hans=body_zh,
                body_en=body_en,
                status=ArticleStatus.PUBLISHED,
                published_at=now - datetime.timedelta(hours=n + 1),
            )
            for n in range(ARTICLES)
        ),
    )
    through = Article.related_standards.through
    _bulk(
        through,
        (through(article=article, standard=standards[n % STANDARDS]) for n, article in enumerate(articles)),
    )
    _bulk(
        Publication,
        (
            Publication(
                title_zh_hans=f"示例白皮书 {n}",
                title_en=f"Sample white paper {n}",
                slug=f"sample-white-paper-{n}",
                year=2030 - n,
                publisher_zh_hans="示例出版单位",
                publisher_en="Sample publisher",
                abstract_zh_hans="示例白皮书摘要。" * 30,
                abstract_en="Sample white paper abstract. " * 20,
                table_of_contents_zh_hans="\n".join(f"第{part}部分 示例章节" for part in range(1, 6)),
                table_of_contents_en="\n".join(f"Part {part}: sample chapter" for part in range(1, 6)),
                released_on=datetime.date(2030 - n, 6, 1),
            )
            for n in range(PUBLICATIONS)
        ),
    )


@transaction.atomic
def build():
    """Fill the database with the full-size edition and make it current; returns the edition."""
    conference = _conference()
    _programme(conference)
    fields, kinds = _categories()
    standards = _standards()
    _expo(conference, fields, kinds, standards)
    _news(standards)
    # Bulk inserts send no signals: the search index is built once, as after a restore.
    search.rebuild()
    conference_make_current(conference=conference)
    return conference
