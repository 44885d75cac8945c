"""What the full-size site publishes besides the edition (bench/fullsize.py): 200 standards,
2,000 published news articles citing them, and a few white papers.
"""

import datetime

from django.utils import timezone

from bench.sizes import ARTICLES, PUBLICATIONS, STANDARDS, bulk
from standards.enums import ArticleStatus, StandardCategory, StandardStatus
from standards.models import Article, Publication, Standard


def standards():
    """The sample standards, every status and category."""
    statuses = list(StandardStatus)
    categories = list(StandardCategory)
    return bulk(
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


def news(standards):
    """Published articles, each citing one of `standards`, and the white papers."""
    now = timezone.now()
    body_zh = "## 示例小标题\n\n" + "示例正文。" * 120 + "\n\n- 示例要点一\n- 示例要点二\n"
    body_en = (
        "## Sample heading\n\n" + "Sample body text. " * 80 + "\n\n- Sample point one\n- Sample point two\n"
    )
    articles = bulk(
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
    bulk(
        through,
        (through(article=article, standard=standards[n % STANDARDS]) for n, article in enumerate(articles)),
    )
    bulk(
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
