"""The expo: two halls of about 60 booths, 15 sample exhibitors with equipment, logos and
product pictures drawn with Pillow (nothing is downloaded). Every company and product here
is a sample, marked 【示例】/ [Sample]; prices are sample prices too."""

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone
from PIL import Image, ImageDraw

from common.uploads import encode_image
from exhibitors.enums import EquipmentStatus, Pricing, ReservationStatus, ReviewStatus
from exhibitors.models import (
    Booth,
    BoothReservation,
    BoothType,
    Equipment,
    EquipmentCategory,
    EquipmentImage,
    Exhibitor,
    Hall,
)
from standards.models import Standard

from . import count_outcomes, upsert

SAMPLE_ZH, SAMPLE_EN = "【示例】", "[Sample] "
SAMPLE_NOTE_ZH = "示例企业，仅用于演示门户功能，并非真实参展商。"
SAMPLE_NOTE_EN = "A sample company to demonstrate the portal; not a real exhibitor."

# (slug, Chinese, English, colour, [(slug, Chinese, English, [(product zh, product en)])])
CATEGORIES = [
    ("iot-sensing", "物联网感知", "IoT sensing", "#0e7490", [
        ("sensors", "传感器", "Sensors", [("多参数环境传感器", "Multi-parameter environmental sensor"),
                                         ("智能井盖监测终端", "Smart manhole cover monitor")]),
        ("iot-gateways", "物联网关", "IoT gateways", [("边缘物联网关", "Edge IoT gateway"),
                                                   ("NB-IoT 数据采集终端", "NB-IoT data collector")]),
    ]),
    ("smart-poles-lighting", "智慧灯杆与照明", "Smart poles and lighting", "#b45309", [
        ("smart-poles", "智慧灯杆", "Smart poles", [("多功能智慧灯杆", "Multi-function smart pole"),
                                                 ("灯杆综合管理平台", "Smart pole management platform")]),
        ("smart-lighting", "智能照明", "Smart lighting", [("单灯控制器", "Single-lamp controller"),
                                                     ("LED 道路照明灯具", "LED street light")]),
    ]),
    ("surveying-gis", "测绘与地理信息", "Surveying and GIS", "#15803d", [
        ("surveying-instruments", "测绘仪器", "Surveying instruments", [("全站仪", "Total station"),
                                                                    ("GNSS 接收机", "GNSS receiver")]),
        ("gis-platforms", "地理信息平台", "GIS platforms", [("城市三维地理信息平台", "3D city GIS platform"),
                                                       ("实景三维建模软件", "Reality 3D modelling software")]),
    ]),
    ("bim", "建筑信息模型", "BIM", "#7c3aed", [
        ("bim-software", "BIM 软件", "BIM software", [("BIM 协同设计平台", "BIM collaborative design platform"),
                                                    ("CIM 城市信息模型平台", "CIM city information model platform")]),
    ]),
    ("video-analytics", "视频分析", "Video analytics", "#be123c", [
        ("smart-cameras", "智能摄像机", "Smart cameras", [("智能分析摄像机", "Smart analytics camera"),
                                                     ("全景拼接摄像机", "Panoramic camera")]),
        ("video-platforms", "视频分析平台", "Video analytics platforms", [
            ("视频结构化分析平台", "Video structuring platform"),
            ("城市事件智能识别系统", "City incident recognition system")]),
    ]),
    ("network-security", "网络安全", "Network security", "#334155", [
        ("security-gateways", "安全网关", "Security gateways", [("工业防火墙", "Industrial firewall"),
                                                          ("物联网安全网关", "IoT security gateway")]),
    ]),
    ("data-platforms", "数据平台", "Data platforms", "#1d4ed8", [
        ("city-data-platforms", "城市数据平台", "City data platforms", [
            ("城市大数据平台", "City big data platform"),
            ("数据共享交换平台", "Data sharing and exchange platform")]),
        ("time-space-data", "时空大数据", "Time-space big data", [("时空大数据平台", "Time-space big data platform"),
                                                              ("时空信息云服务", "Time-space information cloud service")]),
    ]),
]  # fmt: skip

# (slug, Chinese, English, region zh, region en, kind of equipment, review status, booth, booth status)
EXHIBITORS = [
    ("sample-iot-sensing", "智联感知科技", "IoT Sensing Tech", "北京", "Beijing", "sensors", "approved", "A-101", "confirmed"),
    ("sample-urban-gateways", "城市物联网关", "Urban IoT Gateways", "上海", "Shanghai", "iot-gateways", "approved", "A-102", "confirmed"),
    ("sample-smart-pole", "光杆智能", "Smart Pole Co.", "广东深圳", "Shenzhen, Guangdong", "smart-poles", "approved", "A-501", "confirmed"),
    ("sample-green-lighting", "绿光照明", "Green Lighting", "浙江杭州", "Hangzhou, Zhejiang", "smart-lighting", "approved", "A-205", "confirmed"),
    ("sample-precision-survey", "精测测绘仪器", "Precision Survey Instruments", "北京", "Beijing", "surveying-instruments", "approved", "A-301", "confirmed"),
    ("sample-starmap-gis", "星图地理信息", "StarMap GIS", "湖北武汉", "Wuhan, Hubei", "gis-platforms", "approved", "A-302", "confirmed"),
    ("sample-buildmodel-bim", "筑模信息", "BuildModel BIM", "江苏南京", "Nanjing, Jiangsu", "bim-software", "approved", "B-101", "confirmed"),
    ("sample-smarteye-video", "慧眼视频", "SmartEye Video", "广东深圳", "Shenzhen, Guangdong", "smart-cameras", "approved", "B-102", "confirmed"),
    ("sample-visionscope", "视界分析", "VisionScope Analytics", "四川成都", "Chengdu, Sichuan", "video-platforms", "approved", "B-205", "confirmed"),
    ("sample-shieldnet", "盾安网络安全", "ShieldNet Security", "北京", "Beijing", "security-gateways", "approved", "B-301", "confirmed"),
    ("sample-citybrain", "城脑数据", "CityBrain Data", "浙江杭州", "Hangzhou, Zhejiang", "city-data-platforms", "approved", "A-401", "held"),
    ("sample-spacetime-cloud", "时空云", "SpaceTime Cloud", "湖北武汉", "Wuhan, Hubei", "time-space-data", "approved", "A-402", "held"),
    ("sample-water-sensing", "水务传感", "Water Sensing", "江苏南京", "Nanjing, Jiangsu", "sensors", "approved", "B-206", "held"),
    ("sample-traffic-sensing", "交通感知", "Traffic Sensing", "上海", "Shanghai", "smart-cameras", "pending", None, None),
    ("sample-campus-platform", "园区平台", "Campus Platform", "四川成都", "Chengdu, Sichuan", "city-data-platforms", "rejected", None, None),
]  # fmt: skip

# Kinds of equipment whose demo listings name GB/T 36333-2018 (the top-level design guide).
TOP_LEVEL_DESIGN_KINDS = {"gis-platforms", "bim-software", "city-data-platforms", "time-space-data"}


def _halls(conference):
    """Hall 1: four rows of ten 3 m × 3 m booths, back to back in pairs with a 6 m aisle, and
    two 9 m × 6 m raw-space islands. Hall 2: two rows of eight and two 6 m × 6 m islands."""
    shell, _ = upsert(
        BoothType,
        {"conference": conference, "name_zh_hans": "标准展位（3m×3m）"},
        {
            "name_en": "Shell booth (3 m × 3 m)",
            "pricing": Pricing.PER_BOOTH,
            "price": Decimal("12800.00"),
            "includes_zh_hans": "三面围板、楣板、一桌两椅、两盏射灯、一个电源插座（示例价格）",
            "includes_en": "Walls on three sides, fascia board, a table and two chairs, two spotlights, "
            "a power socket (sample price)",
        },
    )
    raw, _ = upsert(
        BoothType,
        {"conference": conference, "name_zh_hans": "光地"},
        {
            "name_en": "Raw space",
            "width": Decimal("6"),
            "depth": Decimal("6"),
            "pricing": Pricing.PER_SQUARE_METRE,
            "price": Decimal("1280.00"),
            "includes_zh_hans": "仅场地，展台由参展商自行搭建（示例价格）",
            "includes_en": "Floor space only; the exhibitor builds the stand (sample price)",
        },
    )
    layout = [
        ("一号馆", "Hall 1", Decimal(48), Decimal(30), "A", [(3, 10), (6, 10), (15, 10), (18, 10)], [(36, 3, 9, 6), (36, 15, 9, 6)]),
        ("二号馆", "Hall 2", Decimal(36), Decimal(24), "B", [(3, 8), (6, 8)], [(29, 3, 6, 6), (29, 13, 6, 6)]),
    ]  # fmt: skip
    outcomes = []
    for order, (name_zh, name_en, width, depth, letter, rows, islands) in enumerate(layout, start=1):
        hall, outcome = upsert(
            Hall,
            {"conference": conference, "name_zh_hans": name_zh},
            {"name_en": name_en, "width": width, "depth": depth, "order": order},
        )
        outcomes.append(outcome)
        booths = []
        for row, (y, count) in enumerate(rows, start=1):
            for index in range(count):
                booths.append(
                    (f"{letter}-{row}{index + 1:02}", shell, 3 + 3 * index, y, 3, 3, index in (0, count - 1))
                )
        for number, (x, y, island_width, island_depth) in enumerate(islands, start=1):
            booths.append(
                (f"{letter}-{len(rows) + 1}{number:02}", raw, x, y, island_width, island_depth, True)
            )
        for code, booth_type, x, y, booth_width, booth_depth, corner in booths:
            _, outcome = upsert(
                Booth,
                {"conference": conference, "code": code},
                {
                    "hall": hall,
                    "booth_type": booth_type,
                    "x": Decimal(x),
                    "y": Decimal(y),
                    "width": Decimal(booth_width),
                    "depth": Decimal(booth_depth),
                    "is_corner": corner,
                    "open_sides": 4 if booth_type == raw else (2 if corner else 1),
                },
            )
            outcomes.append(outcome)
    return outcomes


def _categories():
    kinds, colours, outcomes = {}, {}, []
    for order, (slug, name_zh, name_en, colour, children) in enumerate(CATEGORIES, start=1):
        parent, outcome = upsert(
            EquipmentCategory, {"slug": slug}, {"name_zh_hans": name_zh, "name_en": name_en, "order": order}
        )
        outcomes.append(outcome)
        for child_order, (child_slug, child_zh, child_en, products) in enumerate(children, start=1):
            child, outcome = upsert(
                EquipmentCategory,
                {"slug": child_slug},
                {"parent": parent, "name_zh_hans": child_zh, "name_en": child_en, "order": child_order},
            )
            outcomes.append(outcome)
            kinds[child_slug] = (child, products)
            colours[child_slug] = colour
    return kinds, colours, outcomes


def _picture(text, colour, size, seed):
    """A generated picture: a gradient in the field's colour, a few shapes and a label."""
    digest = hashlib.sha256(seed.encode()).digest()
    base = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    width, height = size
    for row in range(height):
        shade = row / height
        draw.line([(0, row), (width, row)], fill=tuple(int(c + (255 - c) * shade * 0.55) for c in base))
    for index in range(4):
        x, y = digest[index] / 255 * width, digest[index + 4] / 255 * height
        radius = 0.08 * width + digest[index + 8] / 255 * 0.12 * width
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius], outline="white", width=max(2, width // 120)
        )
    draw.rectangle([width * 0.08, height * 0.7, width * 0.92, height * 0.88], fill="white")
    draw.text((width * 0.11, height * 0.74), text, fill=colour, font_size=max(12, height // 14))
    return image


def _logo(initials, colour):
    image = Image.new("RGB", (400, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([20, 20, 380, 380], radius=60, fill=colour)
    draw.text((200, 200), initials, fill="white", font_size=150, anchor="mm")
    return image


def _exhibitors(conference, kinds, colours, standard):
    outcomes = []
    now = timezone.now()
    for slug, name_zh, name_en, region_zh, region_en, kind, review, booth_code, booth_status in EXHIBITORS:
        category, products = kinds[kind]
        exhibitor, outcome = upsert(
            Exhibitor,
            {"conference": conference, "slug": slug},
            {
                "name_zh_hans": SAMPLE_ZH + name_zh,
                "name_en": SAMPLE_EN + name_en,
                "description_zh_hans": f"{SAMPLE_NOTE_ZH}主营：{category.name_zh_hans}。",
                "description_en": f"{SAMPLE_NOTE_EN} Main line: {category.name_en}.",
                "country_zh_hans": "中国",
                "country_en": "China",
                "region_zh_hans": region_zh,
                "region_en": region_en,
                "contact_person": "示例联系人 / Sample contact",
                "email": f"{slug}@example.com",
                "review_status": ReviewStatus(review),
                "review_reason": "示例：资料不完整 / Sample: incomplete documents"
                if review == "rejected"
                else "",
            },
        )
        outcomes.append(outcome)
        if set(exhibitor.categories.all()) != {category.parent}:
            exhibitor.categories.set([category.parent])
        if not exhibitor.logo:
            initials = "".join(word[0] for word in name_en.split()[:2]).upper()
            logo = _logo(initials, colours[kind])
            exhibitor.logo = encode_image(logo, max_side=600, stem="logo")
            exhibitor.logo_thumbnail = encode_image(logo, max_side=160, stem="logo-thumbnail")
            exhibitor.save(update_fields=["logo", "logo_thumbnail"])
        if booth_code:
            outcomes.append(_reserve(exhibitor, booth_code, ReservationStatus(booth_status), now))
        for order, (product_zh, product_en) in enumerate(products, start=1):
            outcomes += _equipment(
                exhibitor, category, order, product_zh, product_en, colours[kind], standard, kind
            )
    return outcomes


def _reserve(exhibitor, code, status, now):
    booth = Booth.objects.select_related("booth_type").get(conference=exhibitor.conference, code=code)
    reservation = BoothReservation.objects.filter(booth=booth, exhibitor=exhibitor).first()
    if reservation is None:
        BoothReservation.objects.create(
            booth=booth,
            exhibitor=exhibitor,
            status=status,
            price=booth.price,
            held_until=now + datetime.timedelta(days=3) if status == ReservationStatus.HELD else None,
            decided_at=now if status == ReservationStatus.CONFIRMED else None,
        )
        return "created"
    if status == ReservationStatus.HELD and reservation.held_until <= now:
        # A demo hold past its deadline is renewed, so the plan keeps showing a held booth.
        reservation.held_until = now + datetime.timedelta(days=3)
        reservation.save(update_fields=["held_until", "updated"])
        return "updated"
    return "unchanged"


def _equipment(exhibitor, category, order, product_zh, product_en, colour, standard, kind):
    item, outcome = upsert(
        Equipment,
        {"slug": f"{exhibitor.slug}-{order}"},
        {
            "exhibitor": exhibitor,
            "name_zh_hans": SAMPLE_ZH + product_zh,
            "name_en": SAMPLE_EN + product_en,
            "category": category,
            "summary_zh_hans": f"示例产品：{product_zh}。",
            "summary_en": f"Sample product: {product_en}.",
            "description_zh_hans": SAMPLE_NOTE_ZH + "产品及参数均为示例。",
            "description_en": SAMPLE_NOTE_EN + " The product and its figures are samples.",
            # One listing of the last exhibitor waits for review, to show moderation.
            "status": EquipmentStatus.SUBMITTED
            if order == 2 and exhibitor.slug.endswith("water-sensing")
            else EquipmentStatus.PUBLISHED,
            "order": order,
        },
    )
    wanted = [standard] if kind in TOP_LEVEL_DESIGN_KINDS else []
    if list(item.standards.all()) != wanted:
        item.standards.set(wanted)
    if not item.images.exists():
        for index in range(2 if order == 1 else 1):
            picture = _picture(product_en, colour, (1200, 900), f"{item.slug}-{index}")
            EquipmentImage.objects.create(
                equipment=item,
                image=encode_image(picture, max_side=1600, stem="image"),
                thumbnail=encode_image(picture, max_side=480, stem="thumbnail"),
                alt_text_zh_hans=f"{product_zh}示例图片",
                alt_text_en=f"Sample picture: {product_en}",
                order=index,
            )
    return [outcome]


def load(conference):
    """Halls, booths, categories, sample exhibitors with equipment and reservations."""
    outcomes = _halls(conference)
    kinds, colours, category_outcomes = _categories()
    standard = Standard.objects.get(code="GB/T 36333-2018")
    outcomes += category_outcomes + _exhibitors(conference, kinds, colours, standard)
    return [f"Expo: {count_outcomes(outcomes)}"]
