import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import ArticleFactory, PublicationFactory, StandardFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def catalogue():
    return {
        "top": StandardFactory(
            code="GB/T 36333-2018",
            slug="gb-t-36333-2018",
            title_zh_hans="智慧城市 顶层设计指南",
            title_en="Smart city — Top-level design guide",
            status="in_force",
            category="basic",
        ),
        "planned": StandardFactory(
            code="GB/T 99999-2027",
            slug="planned-one",
            title_en="Smart city — Time-space big data",
            status="planned",
            category="technology",
            issued_on=None,
            effective_on=None,
        ),
        "older": StandardFactory(
            code="GB/T 10000-2016",
            slug="older",
            title_en="Smart city — Older",
            status="withdrawn",
            issued_on=datetime.date(2016, 3, 1),
            effective_on=None,
        ),
    }


def codes(response):
    return [standard.code for standard in response.context["object_list"]]


def test_standard_list_shows_code_status_and_dates(client, catalogue):
    response = client.get("/en/standards/")

    content = response.content.decode()
    assert codes(response) == ["GB/T 10000-2016", "GB/T 36333-2018", "GB/T 99999-2027"]
    assert "In force" in content
    assert '<time datetime="2018-06-07">June 7, 2018</time>' in content
    assert '<time datetime="2019-01-01">Jan. 1, 2019</time>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=planned", ["GB/T 99999-2027"]),
        ("category=technology", ["GB/T 99999-2027"]),
        ("year=2016", ["GB/T 10000-2016"]),
        ("q=36333", ["GB/T 36333-2018"]),
        ("q=顶层设计", ["GB/T 36333-2018"]),
        ("q=time-space", ["GB/T 99999-2027"]),
        ("q=nothing", []),
    ],
)
def test_standard_filters(client, catalogue, query, expected):
    assert codes(client.get(f"/en/standards/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=bogus", "status"),
        ("category=%3Cb%3E", "category"),
        ("year=1999", "year"),
        ("year=abc", "year"),
    ],
)
def test_standard_bad_filter_is_reported_and_ignored(client, catalogue, query, field):
    response = client.get(f"/en/standards/?{query}")

    assert response.status_code == 200
    assert list(response.context["filter"].form.errors) == [field]
    assert len(codes(response)) == 3


@pytest.mark.parametrize("page", ["99999", "-1", "x"])
def test_standard_list_bad_page_shows_the_nearest_page(client, catalogue, page):
    assert client.get(f"/en/standards/?page={page}").status_code == 200


@pytest.mark.parametrize("count", [1, 40])
def test_standard_list_query_count_does_not_grow(client, count, django_assert_num_queries):
    StandardFactory.create_batch(count)
    client.get("/en/")

    # issue years, count, standards.
    with django_assert_num_queries(3):
        client.get("/en/standards/")


def test_standard_page_shows_its_news(client, catalogue):
    ArticleFactory(title_en="Issued", standards=[catalogue["top"]])
    ArticleFactory(
        title_en="Not yet",
        standards=[catalogue["top"]],
        published_at=timezone.now() + datetime.timedelta(days=1),
    )

    response = client.get("/en/standards/gb-t-36333-2018/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Smart city — Top-level design guide</h1>" in content
    assert [a.title_en for a in response.context["standard"].published_articles] == ["Issued"]
    assert "Not yet" not in content


def test_unknown_standard_is_404(client, catalogue):
    assert client.get("/en/standards/gb-t-0-0000/").status_code == 404


def test_news_lists_published_articles_newest_first(client):
    now = timezone.now()
    ArticleFactory(title_en="Old", published_at=now - datetime.timedelta(days=2))
    ArticleFactory(title_en="New", published_at=now - datetime.timedelta(days=1))
    ArticleFactory(title_en="Scheduled", published_at=now + datetime.timedelta(hours=1))
    ArticleFactory(title_en="Draft", status="draft", published_at=None)

    response = client.get("/en/news/")

    assert [a.title_en for a in response.context["articles"]] == ["New", "Old"]


@pytest.mark.parametrize("count", [1, 25])
def test_news_list_query_count_does_not_grow(client, count, django_assert_num_queries):
    standard = StandardFactory()
    for _ in range(count):
        ArticleFactory(standards=[standard])
    client.get("/en/")

    # count, articles, their standards.
    with django_assert_num_queries(3):
        response = client.get("/en/news/?page=99999")

    assert len(response.context["articles"]) == (count - 1) % 10 + 1


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_unpublished_article_is_404_for_visitors(client, status):
    when = timezone.now() + datetime.timedelta(days=1)
    ArticleFactory(slug="secret", status="draft" if status == "draft" else "published", published_at=when)

    assert client.get("/en/news/secret/").status_code == 404


def test_organiser_can_preview_an_unpublished_article(client, django_user_model):
    ArticleFactory(slug="secret", status="draft", published_at=None, title_en="Secret")
    user = django_user_model.objects.create_user("editor", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)

    response = client.get("/en/news/secret/")

    assert response.status_code == 200
    assert "Preview: visitors cannot see this article yet." in response.content.decode()


def test_article_body_is_rendered_and_sanitised(client):
    ArticleFactory(slug="hostile", body_en="**Bold** <script>alert(1)</script> [x](javascript:alert(1))")

    content = client.get("/en/news/hostile/").content.decode()

    assert "<strong>Bold</strong>" in content
    assert "<script>alert(1)" not in content
    assert "javascript:alert" not in content


def test_article_in_chinese(client):
    ArticleFactory(slug="cn", title_zh_hans="5项智慧城市国家标准批准发布")

    content = client.get("/news/cn/").content.decode()

    assert "<h1>5项智慧城市国家标准批准发布</h1>" in content
    assert "2018年6月20日" in content


def test_every_page_advertises_the_feeds(client):
    content = client.get("/en/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in content
    assert 'href="/en/news/feed/"' in content
    assert 'href="/en/news/feed/atom/"' in content


def test_rss_feed_is_valid_rss_2(client):
    standard = StandardFactory(code="GB/T 36333-2018")
    ArticleFactory(slug="issued", title_en="Five standards issued", standards=[standard])
    ArticleFactory(status="draft", published_at=None, title_en="Hidden")

    response = client.get("/en/news/feed/")

    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    channel = root.find("channel")
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    assert [channel.findtext(tag) is not None for tag in ("title", "link", "description")] == [True] * 3
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Five standards issued"]
    assert items[0].findtext("link") == "http://testserver/en/news/issued/"
    assert items[0].findtext("guid") == "http://testserver/en/news/issued/"
    assert parsedate_to_datetime(items[0].findtext("pubDate")) == datetime.datetime(
        2018, 6, 20, 4, tzinfo=datetime.UTC
    )
    assert [category.text for category in items[0].findall("category")] == ["GB/T 36333-2018"]


def test_atom_feed_is_valid_atom(client):
    ArticleFactory(slug="issued", title_zh_hans="5项标准发布")

    response = client.get("/news/feed/atom/")

    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert [root.find(f"{ATOM}{tag}") is not None for tag in ("id", "title", "updated")] == [True] * 3
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "5项标准发布"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/news/issued/"
    assert [entry.find(f"{ATOM}{tag}") is not None for tag in ("id", "updated")] == [True, True]


def test_feed_query_count_does_not_grow(client, django_assert_max_num_queries):
    standard = StandardFactory()
    for _ in range(30):
        ArticleFactory(standards=[standard])

    with django_assert_max_num_queries(2):
        response = client.get("/en/news/feed/")

    assert len(ET.fromstring(response.content).find("channel").findall("item")) == 20


def test_publication_page_with_and_without_pdf(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    PublicationFactory(slug="plain", title_en="Whitepaper", table_of_contents_en="Preface\nPart one\n\n")
    with_pdf = PublicationFactory(slug="with-pdf")
    with_pdf.pdf.save("x.pdf", ContentFile(b"%PDF-1.4\n%%EOF"))

    plain = client.get("/en/publications/plain/").content.decode()
    downloadable = client.get("/en/publications/with-pdf/").content.decode()

    assert "<li>Preface</li><li>Part one</li>" in plain
    assert "Download the PDF" not in plain
    assert "Download the PDF (14\xa0bytes)" in downloadable


def test_publications_list_and_unknown_publication(client):
    PublicationFactory(title_en="Whitepaper on New Smart City Development 2018")

    assert "Whitepaper on New Smart City Development 2018" in client.get("/en/publications/").content.decode()
    assert client.get("/en/publications/nope/").status_code == 404


def test_sitemap_lists_standards_news_and_publications(client, catalogue):
    ArticleFactory(slug="issued")
    ArticleFactory(slug="draft-one", status="draft", published_at=None)
    PublicationFactory(slug="whitepaper")

    content = "".join(
        client.get(f"/sitemap-{section}.xml").content.decode()
        for section in ("standards", "news", "publications")
    )

    assert "<loc>http://testserver/standards/gb-t-36333-2018/</loc>" in content
    assert "<loc>http://testserver/en/news/issued/</loc>" in content
    assert "<loc>http://testserver/publications/whitepaper/</loc>" in content
    assert "draft-one" not in content
