"""The full-size expo (bench/fullsize.py): the two-level equipment category tree, booth types,
6 halls of 500 booths laid out in blocks with aisles, 1,500 approved exhibitors in their
categories, 1,200 confirmed booths and 20,000 published equipment listings, half of them
citing a standard.
"""

from decimal import Decimal

from django.utils import timezone

from bench.sizes import (
    BOOTHS_PER_HALL,
    CONFIRMED_BOOTHS,
    EQUIPMENT,
    EXHIBITORS,
    FIELDS,
    HALLS,
    KINDS_PER_FIELD,
    STANDARDS,
    bulk,
)
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
# 25 columns in blocks of five with aisles between, 20 rows back to back in pairs.
BOOTH_COLUMNS = 25
BOOTH_SIZE = Decimal(3)


def categories():
    """The equipment category tree: (fields, the kinds under them)."""
    fields = bulk(
        EquipmentCategory,
        (
            EquipmentCategory(
                name_zh_hans=f"示例领域 {n}", name_en=f"Sample field {n}", slug=f"sample-field-{n}", order=n
            )
            for n in range(FIELDS)
        ),
    )
    kinds = bulk(
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


def build(conference, fields, kinds, standards):
    """The edition's booth types, halls and booths, and its exhibitors with their booths and equipment."""
    now = timezone.now()
    shell, corner, raw = bulk(
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
    halls = bulk(
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
    booths = bulk(Booth, booths)
    exhibitors = bulk(
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
    bulk(
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
    bulk(
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
    equipment = bulk(
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
    bulk(
        through,
        (
            through(equipment=item, standard=standards[n % STANDARDS])
            for n, item in enumerate(equipment)
            if n % 2 == 0
        ),
    )
