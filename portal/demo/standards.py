"""Standards news from the seed text: the 41 standards approved for formulation, the five
issued on 7 June 2018 (naming only GB/T 36333-2018, the one a public source confirms), the
next steps, and the Whitepaper on New Smart City Development 2018."""

import datetime
import zoneinfo

from standards.enums import ArticleStatus, StandardStatus
from standards.models import Article, Publication, Standard

from . import count_outcomes, upsert

REPORTED_AT = datetime.datetime(2018, 6, 20, 12, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))

TOP_LEVEL_DESIGN = {
    "slug": "gb-t-36333-2018",
    "title_zh_hans": "智慧城市 顶层设计指南",
    "title_en": "Smart city — Top-level design guide",
    "status": StandardStatus.IN_FORCE,
    "issuing_bodies_zh_hans": "国家标准化管理委员会",
    "issuing_bodies_en": "Standardization Administration of the P.R.C.",
    "issued_on": datetime.date(2018, 6, 7),
    "effective_on": datetime.date(2019, 1, 1),
    "summary_zh_hans": (
        "2018年6月7日批准发布的5项智慧城市国家标准之一，在第十二届中国智慧城市建设技术研讨会暨"
        "设备博览会开幕式上作为《智慧城市顶层设计指南》被提及。2019年1月1日起实施。"
    ),
    "summary_en": (
        "One of the five national standards for smart cities approved and issued on 7 June 2018, "
        "named at the opening of the 12th conference as the Guideline on Implementing the "
        "Top-Level Design of Smart City. In force from 1 January 2019."
    ),
}

ARTICLES = [
    {
        "slug": "41-smart-city-standards-approved-for-formulation",
        "title_zh_hans": "智慧城市领域41项基础通用国家标准制修订计划获批立项",
        "title_en": "Plans for 41 basic and general national standards for smart cities approved",
        "summary_zh_hans": "国家标准委已批准智慧城市领域共41项基础通用国家标准的制修订计划。",
        "summary_en": (
            "The Standardization Administration has approved plans to formulate and revise 41 basic "
            "and general national standards for smart cities."
        ),
        "body_zh_hans": (
            "国家标准化管理委员会工业标准二部主任戴红在第十二届中国智慧城市建设技术研讨会暨设备博览会"
            "开幕式上介绍，国家标准委高度重视智慧城市标准化工作，组织有关部门建立了"
            "**智慧城市标准化协调推进机制**，发布了《智慧城市标准体系和评价指标体系建设及应用实施指南》。\n\n"
            "目前，智慧城市领域基础通用国家标准制修订计划**共41项**已获批立项。"
        ),
        "body_en": (
            "Dai Hong, Director of Industrial Standards Department II of the Standardization "
            "Administration of the P.R.C., told the opening ceremony of the 12th China Smart City "
            "Construction Technology Conference and Equipment Expo that the Administration had "
            "organised relevant departments to draw up the **Coordinated Development Mechanism for "
            "Standardization of Smart Cities** and had published the Guidelines on Construction and "
            "Application of the Smart City Standard System and Evaluation Index System.\n\n"
            "So far, plans for formulating and revising **41 basic and general national standards** "
            "in the field of smart cities have been approved."
        ),
        "standards": [],
    },
    {
        "slug": "five-smart-city-standards-issued",
        "title_zh_hans": "5项智慧城市国家标准批准发布",
        "title_en": "Five national standards for smart cities approved and issued",
        "summary_zh_hans": (
            "2018年6月7日，国家标准委批准发布了《智慧城市顶层设计指南》等5项智慧城市国家标准。"
        ),
        "summary_en": (
            "On 7 June 2018 the Standardization Administration approved and issued five national "
            "standards for smart cities, including the top-level design guide."
        ),
        "body_zh_hans": (
            "2018年6月7日，国家标准委批准发布了包括《智慧城市顶层设计指南》在内的5项智慧城市国家标准。\n\n"
            "其中，**GB/T 36333-2018《智慧城市 顶层设计指南》**自2019年1月1日起实施。"
            "与此同时，国家标准委还推动专家在国际标准化组织中担任领导职务。"
        ),
        "body_en": (
            "On 7 June 2018 the Standardization Administration of the P.R.C. approved and issued five "
            "national standards for smart cities, including the Guideline on Implementing the "
            "Top-Level Design of Smart City.\n\n"
            "Among them, **GB/T 36333-2018, Smart city — Top-level design guide**, is in force from "
            "1 January 2019. Meanwhile, experts were called on to take leading positions in "
            "international standardization organizations."
        ),
        "standards": ["GB/T 36333-2018"],
    },
    {
        "slug": "next-steps-in-smart-city-standardisation",
        "title_zh_hans": "智慧城市标准化下一步工作重点",
        "title_en": "Next steps in smart city standardisation",
        "summary_zh_hans": "国家标准委将持续完善智慧城市标准体系。",
        "summary_en": (
            "The Standardization Administration will keep perfecting the system of smart city standards."
        ),
        "body_zh_hans": (
            "下一步，国家标准委将加大统筹协调力度，持续完善智慧城市标准体系：\n\n"
            "- 开展**分级分类评价**、**网络安全**等基础标准的制定；\n"
            "- 开展**时空大数据**、**互联互通**等关键技术标准的研究；\n"
            "- 推进**管理与服务**领域标准的制定。"
        ),
        "body_en": (
            "Next, the Standardization Administration will intensify its coordination and keep "
            "perfecting the system of smart city standards:\n\n"
            "- setting up **classification and grading evaluation**, **network security** and other "
            "fundamental standards;\n"
            "- carrying out research on **time-space big data**, **interconnectivity** and other key "
            "technical standards;\n"
            "- advancing the formulation of standards for **management and service**."
        ),
        "standards": [],
    },
    {
        "slug": "whitepaper-on-new-smart-city-development-2018-released",
        "title_zh_hans": "《新型智慧城市发展白皮书（2018）》发布",
        "title_en": "Whitepaper on New Smart City Development 2018 released",
        "summary_zh_hans": "白皮书在大会开幕式上发布，提出基于成熟度模型的新型智慧城市评价体系。",
        "summary_en": (
            "Released at the opening ceremony, the white paper puts forward a maturity-model-based "
            "evaluation system for new smart cities."
        ),
        "body_zh_hans": (
            "第十二届中国智慧城市建设技术研讨会暨设备博览会开幕式上发布了《新型智慧城市发展白皮书（2018）》。"
            "白皮书由前言和五个部分组成，主要分析了新型智慧城市的内涵和发展趋势，介绍了智慧城市分级分类建设的"
            "目的和意义，并首次提出了基于成熟度模型的新型智慧城市评价体系。\n\n"
            "[查看白皮书](/publications/whitepaper-on-new-smart-city-development-2018/)"
        ),
        "body_en": (
            "The Whitepaper on New Smart City Development 2018 was released at the opening ceremony "
            "of the 12th conference. Consisting of a preface and five parts, it analyses the "
            "connotations and development trend of new smart cities, introduces the purposes and "
            "significance of building smart cities by class and grade, and puts forward, for the "
            "first time, a maturity-model-based evaluation system for new smart cities.\n\n"
            "[Read about the white paper](/en/publications/whitepaper-on-new-smart-city-development-2018/)"
        ),
        "standards": [],
    },
]

WHITEPAPER = {
    "title_zh_hans": "新型智慧城市发展白皮书（2018）",
    "title_en": "Whitepaper on New Smart City Development 2018",
    "year": 2018,
    "released_on": datetime.date(2018, 6, 20),
    "abstract_zh_hans": (
        "白皮书在第十二届中国智慧城市建设技术研讨会暨设备博览会开幕式上发布，由前言和五个部分组成，"
        "主要分析了新型智慧城市的内涵和发展趋势，介绍了智慧城市分级分类建设的目的和意义，"
        "并首次提出了基于成熟度模型的新型智慧城市评价体系。"
    ),
    "abstract_en": (
        "Released at the opening ceremony of the 12th China Smart City Construction Technology "
        "Conference and Equipment Expo. Consisting of a preface and five parts, the white paper "
        "analyses the connotations and development trend of new smart cities, introduces the "
        "purposes and significance of building smart cities by class and grade, and puts forward, "
        "for the first time, a maturity-model-based evaluation system for new smart cities."
    ),
    # The seed names the structure, not the parts' titles.
    "table_of_contents_zh_hans": "前言\n第一部分\n第二部分\n第三部分\n第四部分\n第五部分",
    "table_of_contents_en": "Preface\nPart one\nPart two\nPart three\nPart four\nPart five",
}


def load():
    """The standard, the news and the white paper; run again, it changes nothing."""
    outcomes = []
    standard, outcome = upsert(Standard, {"code": "GB/T 36333-2018"}, TOP_LEVEL_DESIGN)
    outcomes.append(outcome)
    standards = {standard.code: standard}
    for values in ARTICLES:
        values = dict(values)
        slug = values.pop("slug")
        related = [standards[code] for code in values.pop("standards")]
        article, outcome = upsert(
            Article,
            {"slug": slug},
            {**values, "status": ArticleStatus.PUBLISHED, "published_at": REPORTED_AT},
        )
        outcomes.append(outcome)
        if set(article.related_standards.all()) != set(related):
            article.related_standards.set(related)
    _, outcome = upsert(Publication, {"slug": "whitepaper-on-new-smart-city-development-2018"}, WHITEPAPER)
    outcomes.append(outcome)
    return [f"Standards and news: {count_outcomes(outcomes)}"]
