"""The programme of 20 June 2018. The opening ceremony, its four addresses and the white paper
release come from the seed text; the seed gives no clock times, so the times are chosen.
Everything else is a sample programme, marked 【示例】/ [Sample] in every title."""

import datetime
import zoneinfo

from events.enums import DEFAULT_SESSION_KINDS, SessionStatus, SpeakerRole
from events.models import Room, Session, SessionKind, SessionLanguage, SessionSpeaker, Speaker, Track

from . import count_outcomes, upsert

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
SAMPLE_ZH = "【示例】"
SAMPLE_EN = "[Sample] "
SAMPLE_NOTE_ZH = "示例数据，用于演示门户功能，并非2018年大会的真实日程。"
SAMPLE_NOTE_EN = "Sample data to demonstrate the portal; not part of the real 2018 programme."

ROOMS = [
    # (key, Chinese, English)
    ("main", "主会场", "Main Hall"),
    ("a", "分会场A", "Forum Room A"),
    ("b", "分会场B", "Forum Room B"),
    ("c", "分会场C", "Forum Room C"),
]

TRACKS = [
    ("standards", "标准化", "Standardisation", "#0b5c75"),
    ("technology", "技术", "Technology", "#6d28d9"),
    ("security", "网络安全", "Network security", "#b42318"),
    ("evaluation", "评价", "Evaluation", "#047857"),
]

# The four officials who addressed the opening ceremony, as the seed names them.
SPEAKERS = [
    {
        "slug": "song-chaozhi",
        "name_zh_hans": "宋超智",
        "name_en": "Song Chaozhi",
        "position_zh_hans": "理事长",
        "position_en": "Director General",
        "organisation_zh_hans": "中国测绘地理信息学会",
        "organisation_en": "Chinese Society for Surveying, Mapping and Geoinformation",
    },
    {
        "slug": "dai-hong",
        "name_zh_hans": "戴红",
        "name_en": "Dai Hong",
        "position_zh_hans": "工业标准二部主任",
        "position_en": "Director of Industrial Standards Department II",
        "organisation_zh_hans": "国家标准化管理委员会",
        "organisation_en": "Standardization Administration of the P.R.C.",
    },
    {
        "slug": "wang-jianqing",
        "name_zh_hans": "王建清",
        "name_en": "Wang Jianqing",
        "position_zh_hans": "建筑节能与科技司综合处处长",
        "position_en": (
            "Head of the Comprehensive Section, Department of Energy-Saving and Science and Technology"
        ),
        "organisation_zh_hans": "中华人民共和国住房和城乡建设部",
        "organisation_en": "Ministry of Housing and Urban-Rural Development of the P.R.C.",
    },
    {
        "slug": "sun-wenlong",
        "name_zh_hans": "孙文龙",
        "name_en": "Sun Wenlong",
        "position_zh_hans": "副院长",
        "position_en": "Vice President",
        "organisation_zh_hans": "中国电子技术标准化研究院",
        "organisation_en": "China Electronics Standardization Institute",
    },
] + [
    {
        "slug": f"sample-speaker-{letter}",
        "name_zh_hans": f"示例嘉宾{zh}",
        "name_en": f"Sample Speaker {letter.upper()}",
        "position_zh_hans": "示例职务",
        "position_en": "Sample position",
        "organisation_zh_hans": "示例单位",
        "organisation_en": "Sample organisation",
        "biography_zh_hans": SAMPLE_NOTE_ZH + "此人并不存在。",
        "biography_en": SAMPLE_NOTE_EN + " This person does not exist.",
    }
    for letter, zh in (("a", "甲"), ("b", "乙"), ("c", "丙"))
]

OPENING_ABSTRACT_ZH = (
    "第十二届中国智慧城市建设技术研讨会暨设备博览会开幕式。中国测绘地理信息学会理事长宋超智，"
    "国家标准化管理委员会工业标准二部主任戴红，住房和城乡建设部建筑节能与科技司综合处处长王建清，"
    "中国电子技术标准化研究院副院长孙文龙出席开幕式并致辞。"
)
OPENING_ABSTRACT_EN = (
    "The opening ceremony of the 12th China Smart City Construction Technology Conference and "
    "Equipment Expo. Song Chaozhi, Director General of the Chinese Society for Surveying, Mapping "
    "and Geoinformation; Dai Hong, Director of Industrial Standards Department II, Standardization "
    "Administration of the P.R.C.; Wang Jianqing, Head of the Comprehensive Section of the "
    "Department of Energy-Saving and Science and Technology, Ministry of Housing and Urban-Rural "
    "Development; and Sun Wenlong, Vice President of China Electronics Standardization Institute "
    "attended and addressed the ceremony."
)
OPENING_DESCRIPTION_ZH = (
    "戴红在致辞中指出，党中央、国务院高度重视智慧城市建设。国家标准委高度重视智慧城市标准化工作，"
    "组织有关部门建立了智慧城市标准化协调推进机制，发布了《智慧城市标准体系和评价指标体系建设及应用实施指南》。"
    "目前已批准立项智慧城市领域基础通用国家标准制修订计划共41项；2018年6月7日，"
    "批准发布了《智慧城市顶层设计指南》等5项智慧城市国家标准。\n\n"
    "下一步，将加大统筹协调力度，持续完善智慧城市标准体系，开展分级分类评价、网络安全等基础标准，"
    "时空大数据、互联互通等关键技术标准的研究，推进管理与服务领域标准的制定。"
)
OPENING_DESCRIPTION_EN = (
    "Dai Hong said in her speech that the CPC Central Committee and the State Council paid high "
    "attention to building smart cities, and that the Standardization Administration laid great "
    "importance on the standardised development of smart cities. It had drawn up the Coordinated "
    "Development Mechanism for Standardization of Smart Cities and published the Guidelines on "
    "Construction and Application of the Smart City Standard System and Evaluation Index System. "
    "Plans for formulating and revising 41 basic and general national standards for smart cities "
    "had been approved, and on 7 June 2018 five national standards for smart cities were approved "
    "and issued, including the Guideline on Implementing the Top-Level Design of Smart City.\n\n"
    "Next, the Administration will keep perfecting the system of smart city standards: "
    "classification and grading evaluation, network security and other fundamental standards; "
    "research on time-space big data, interconnectivity and other key technical standards; and "
    "standards for management and service."
)
WHITEPAPER_ABSTRACT_ZH = (
    "开幕式上发布了《新型智慧城市发展白皮书（2018）》。白皮书由前言和五个部分组成，"
    "主要分析了新型智慧城市的内涵和发展趋势，介绍了智慧城市分级分类建设的目的和意义，"
    "并首次提出了基于成熟度模型的新型智慧城市评价体系。"
)
WHITEPAPER_ABSTRACT_EN = (
    "The Whitepaper on New Smart City Development 2018 was released at the opening ceremony. "
    "Consisting of a preface and five parts, it analyses the connotations and development trend "
    "of new smart cities, introduces the purposes and significance of building smart cities by "
    "class and grade, and puts forward, for the first time, a maturity-model-based evaluation "
    "system for new smart cities."
)

# (slug, Chinese title, English title, kind, track, room, start, end, speakers, sample?)
SESSIONS = [
    ("opening-ceremony", "开幕式", "Opening ceremony", "ceremony", None, "main", "09:00", "10:20",
     [("song-chaozhi", SpeakerRole.SPEAKER), ("dai-hong", SpeakerRole.SPEAKER),
      ("wang-jianqing", SpeakerRole.SPEAKER), ("sun-wenlong", SpeakerRole.SPEAKER)], False),
    ("whitepaper-release", "《新型智慧城市发展白皮书（2018）》发布",
     "Release of the Whitepaper on New Smart City Development 2018", "launch", "standards", "main",
     "10:20", "10:40", [], False),
    ("sample-tea-break", "茶歇", "Tea break", "break", None, None, "10:40", "11:00", [], True),
    ("sample-standardisation-forum", "智慧城市标准化论坛", "Forum on smart city standardisation",
     "forum", "standards", "main", "11:00", "12:00", [("sample-speaker-a", SpeakerRole.CHAIR)], True),
    ("sample-lunch", "午餐", "Lunch break", "break", None, None, "12:00", "13:30", [], True),
    ("sample-time-space-big-data", "时空大数据论坛", "Forum on time-space big data", "forum",
     "technology", "a", "13:30", "15:00", [("sample-speaker-b", SpeakerRole.CHAIR)], True),
    ("sample-interconnectivity", "互联互通论坛", "Forum on interconnectivity", "forum", "technology",
     "b", "13:30", "15:00", [("sample-speaker-c", SpeakerRole.MODERATOR)], True),
    ("sample-network-security", "智慧城市网络安全论坛", "Forum on network security for smart cities",
     "forum", "security", "c", "13:30", "15:00", [("sample-speaker-a", SpeakerRole.SPEAKER)], True),
    ("sample-classification-grading", "新型智慧城市分级分类评价研讨",
     "Workshop on classification and grading evaluation of new smart cities", "workshop",
     "evaluation", "a", "15:20", "17:00", [("sample-speaker-b", SpeakerRole.MODERATOR)], True),
    ("sample-management-service", "智慧城市管理与服务标准圆桌对话",
     "Panel on management and service standards for smart cities", "panel", "standards", "b",
     "15:20", "17:00", [("sample-speaker-c", SpeakerRole.MODERATOR),
                        ("sample-speaker-a", SpeakerRole.SPEAKER)], True),
]  # fmt: skip

ABSTRACTS = {
    "opening-ceremony": (
        OPENING_ABSTRACT_ZH,
        OPENING_ABSTRACT_EN,
        OPENING_DESCRIPTION_ZH,
        OPENING_DESCRIPTION_EN,
    ),
    "whitepaper-release": (WHITEPAPER_ABSTRACT_ZH, WHITEPAPER_ABSTRACT_EN, "", ""),
}


def _at(clock):
    hour, minute = map(int, clock.split(":"))
    return datetime.datetime(2018, 6, 20, hour, minute, tzinfo=ZONE)


def load(conference):
    """Rooms, tracks, speakers and sessions of the 12th edition."""
    outcomes = []
    track = outcomes.append
    rooms = {}
    for order, (key, name_zh, name_en) in enumerate(ROOMS, start=1):
        rooms[key], outcome = upsert(
            Room, {"conference": conference, "name_zh_hans": name_zh}, {"name_en": name_en, "order": order}
        )
        track(outcome)
    tracks = {}
    for order, (slug, name_zh, name_en, colour) in enumerate(TRACKS, start=1):
        tracks[slug], outcome = upsert(
            Track,
            {"conference": conference, "slug": slug},
            {"name_zh_hans": name_zh, "name_en": name_en, "colour": colour, "order": order},
        )
        track(outcome)
    speakers = {}
    for values in SPEAKERS:
        values = dict(values)
        slug = values.pop("slug")
        speakers[slug], outcome = upsert(Speaker, {"conference": conference, "slug": slug}, values)
        track(outcome)
    kinds = {}
    for order, (slug, name_zh, name_en) in enumerate(DEFAULT_SESSION_KINDS, start=1):
        kinds[slug], outcome = upsert(
            SessionKind,
            {"conference": conference, "slug": slug},
            {"name_zh_hans": name_zh, "name_en": name_en, "order": order},
        )
        track(outcome)

    for slug, title_zh, title_en, kind, track_slug, room, start, end, links, sample in SESSIONS:
        abstract_zh, abstract_en, description_zh, description_en = ABSTRACTS.get(
            slug, (SAMPLE_NOTE_ZH, SAMPLE_NOTE_EN, "", "")
        )
        session, outcome = upsert(
            Session,
            {"conference": conference, "slug": slug},
            {
                "title_zh_hans": SAMPLE_ZH + title_zh if sample else title_zh,
                "title_en": SAMPLE_EN + title_en if sample else title_en,
                "abstract_zh_hans": abstract_zh,
                "abstract_en": abstract_en,
                "description_zh_hans": description_zh,
                "description_en": description_en,
                "kind": kinds[kind],
                "track": tracks[track_slug] if track_slug else None,
                "room": rooms[room] if room else None,
                "start": _at(start),
                "end": _at(end),
                "status": SessionStatus.PUBLISHED,
                "is_highlight": not sample,
            },
        )
        track(outcome)
        # The seed's conference was held in Chinese.
        _, outcome = upsert(SessionLanguage, {"session": session, "code": "zh"}, {"order": 0})
        track(outcome)
        for order, (speaker_slug, role) in enumerate(links, start=1):
            _, outcome = upsert(
                SessionSpeaker,
                {"session": session, "speaker": speakers[speaker_slug]},
                {"role": role, "order": order},
            )
            track(outcome)
    return [f"Programme: {count_outcomes(outcomes)}"]
