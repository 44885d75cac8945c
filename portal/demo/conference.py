"""The 12th edition (20 June 2018), its venue and organising bodies, from the seed text."""

import datetime

from events.enums import OrganiserRole
from events.models import Conference, ConferenceOrganisation, Organisation
from events.services import conference_make_current

from . import count_outcomes, upsert

CONFERENCE = {
    "number": 12,
    "name_zh_hans": "第十二届中国智慧城市建设技术研讨会暨设备博览会",
    "name_en": "The 12th China Smart City Construction Technology Conference and Equipment Expo",
    "theme_zh_hans": "智慧城市2.0：智慧发展，智慧未来",
    "theme_en": "Smart City 2.0: Smart Development, Smart Future",
    "start_date": datetime.date(2018, 6, 20),
    "end_date": datetime.date(2018, 6, 20),
    "time_zone": "Asia/Shanghai",
    "venue_name_zh_hans": "北京国际会议中心",
    "venue_name_en": "Beijing International Convention Center",
    "venue_address_zh_hans": "北京",
    "venue_address_en": "Beijing, China",
    "description_zh_hans": (
        "大会总结了“十二五”期间我国智慧城市建设取得的成就，"
        "探讨了“十三五”期间新型智慧城市的发展趋势、发展模式和战略目标。"
        "开幕式上发布了《新型智慧城市发展白皮书（2018）》。"
    ),
    "description_en": (
        "The conference summed up the achievements China had made in building smart cities "
        "during the 12th Five-year Plan period and discussed the development trend, "
        "development patterns and strategic goals of new-type smart cities during the 13th "
        "Five-year Plan period. The Whitepaper on New Smart City Development 2018 was "
        "released at the opening ceremony."
    ),
}

# (Chinese name, English name, role), in the order the seed names them.
ORGANISING_BODIES = [
    ("中国测绘科学研究院", "Chinese Academy of Surveying & Mapping", OrganiserRole.CO_HOST),
    ("中国建筑科学研究院", "China Academy of Building Research", OrganiserRole.CO_HOST),
    ("中国电子技术标准化研究院", "China Electronics Standardization Institute", OrganiserRole.CO_HOST),
    (
        "北京中测华信科技发展有限公司",
        "Beijing Zhongce Huaxin Technology Development Co., Ltd.",
        OrganiserRole.ORGANISER,
    ),
]


def load():
    """Load the 12th edition; make it current unless another edition already is."""
    number = CONFERENCE["number"]
    values = {key: value for key, value in CONFERENCE.items() if key != "number"}
    conference, outcome = upsert(Conference, {"number": number}, values)
    report = [f"Conference edition {number}: {outcome}"]
    if not Conference.objects.current().exists():
        conference_make_current(conference=conference)
        report.append(f"Conference edition {number}: made current")

    outcomes = []
    for order, (name_zh, name_en, role) in enumerate(ORGANISING_BODIES, start=1):
        organisation, organisation_outcome = upsert(
            Organisation, {"name_zh_hans": name_zh}, {"name_en": name_en}
        )
        _, role_outcome = upsert(
            ConferenceOrganisation,
            {"conference": conference, "organisation": organisation, "role": role},
            {"order": order},
        )
        outcomes += [organisation_outcome, role_outcome]
    report.append(f"Organising bodies: {count_outcomes(outcomes)}")
    return conference, report
