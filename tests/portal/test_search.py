import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from common import search
from common.models import SearchEntry
from events.enums import SessionStatus
from events.services import session_set_status
from exhibitors.enums import EquipmentStatus, ReservationStatus, ReviewStatus
from exhibitors.services import exhibitor_review
from standards.enums import ArticleStatus
from standards.services import article_unpublish
from tests.factories import (
    ArticleFactory,
    BoothFactory,
    ConferenceFactory,
    EquipmentFactory,
    ExhibitorFactory,
    PublicationFactory,
    ReservationFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    StandardFactory,
)
from tests.utils import FRAB_EXAMPLES

pytestmark = pytest.mark.django_db


def titles(response):
    """The result titles of a search page, in order, without their marks."""
    html = response.content.decode()
    return [
        re.sub(r"</?mark>", "", title)
        for title in re.findall(r'class="search-result-title"[^>]*>(.*?)</a>', html)
    ]


@pytest.fixture
def world(conference):
    """One of each kind of page, each holding 城市 (city) somewhere."""
    session = SessionFactory(conference=conference, title_zh_hans="智慧城市论坛", title_en="Smart city forum")
    speaker = SpeakerFactory(conference=conference, name_zh_hans="王建清", name_en="Wang Jianqing")
    SessionSpeakerFactory(session=session, speaker=speaker)
    exhibitor = ExhibitorFactory(
        conference=conference, name_zh_hans="城市感知科技", name_en="City Sensing Tech"
    )
    booth = BoothFactory(conference=conference, code="A-101", hall__conference=conference)
    ReservationFactory(booth=booth, exhibitor=exhibitor, status=ReservationStatus.CONFIRMED)
    equipment = EquipmentFactory(exhibitor=exhibitor, name_zh_hans="城市物联网关", name_en="City IoT gateway")
    standard = StandardFactory(
        code="GB/T 36333-2018", title_zh_hans="智慧城市 顶层设计指南", title_en="Top-level design"
    )
    article = ArticleFactory(title_zh_hans="城市标准发布", title_en="City standards issued")
    publication = PublicationFactory(title_zh_hans="新型智慧城市白皮书", title_en="Smart city white paper")
    return {
        "session": session,
        "speaker": speaker,
        "exhibitor": exhibitor,
        "booth": booth,
        "equipment": equipment,
        "standard": standard,
        "article": article,
        "publication": publication,
    }


def test_two_chinese_characters_find_every_kind_of_page_that_holds_them(client, world):
    response = client.get("/search/?q=城市")

    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(
        [
            "智慧城市论坛",
            "城市感知科技",
            "城市物联网关",
            "智慧城市 顶层设计指南",
            "城市标准发布",
            "新型智慧城市白皮书",
        ]
    )
    assert response.context["total"] == 6
    assert [name for name, label, count in response.context["counts"]] == [
        "session",
        "exhibitor",
        "equipment",
        "standard",
        "article",
        "publication",
    ]


def test_results_are_marked_and_grouped_under_translated_headings(client, world):
    html = client.get("/search/?q=智慧").content.decode()

    assert "<mark>智慧</mark>城市论坛" in html
    assert 'id="result-session">议程 <span class="count">1</span>' in html


def test_a_longer_chinese_query_needs_all_of_its_pairs(client, world):
    response = client.get("/search/?q=智慧城市")

    assert sorted(titles(response)) == sorted(["智慧城市论坛", "智慧城市 顶层设计指南", "新型智慧城市白皮书"])


def test_a_booth_code_finds_the_booth_and_its_exhibitor_in_any_case_or_width(client, world):
    for query in ("A-101", "a101", "Ａ－１０１"):
        response = client.get("/search/", {"q": query})

        assert titles(response) == ["城市感知科技"], query
        assert response.context["booth"].booth == world["booth"]
        assert response.context["booth"].exhibitor == world["exhibitor"]
        assert 'href="/floor-plan/?booth=A-101"' in response.content.decode()


def test_a_free_booth_is_shown_without_an_exhibitor(client, world, conference):
    BoothFactory(conference=conference, code="B-202", hall=world["booth"].hall)

    response = client.get("/search/?q=B-202")

    assert response.context["booth"].booth.code == "B-202"
    assert response.context["booth"].exhibitor is None
    assert titles(response) == []


@pytest.mark.parametrize("query", ["wang", "wangjianqing", "wang jianqing", "Wang Jianqing", "王"])
def test_a_chinese_name_is_found_by_pinyin_english_name_or_one_character(client, world, query):
    response = client.get("/search/", {"q": query})

    assert "王建清" in titles(response)


def test_a_standard_is_found_by_its_code(client, world):
    assert titles(client.get("/search/?q=GB/T 36333")) == ["智慧城市 顶层设计指南"]
    assert titles(client.get("/search/?q=36333")) == ["智慧城市 顶层设计指南"]


def test_the_english_page_shows_english_titles_and_chinese_where_there_is_no_english(client, world):
    SessionFactory(conference=world["session"].conference, title_zh_hans="城市夜话", title_en="")

    response = client.get("/en/search/?q=城市")

    assert "Smart city forum" in titles(response)
    assert "城市夜话" in titles(response)
    assert "City Sensing Tech" in titles(response)
    assert 'href="/en/sessions/' in response.content.decode()


def test_what_visitors_cannot_see_is_not_found(client, world, conference):
    SessionFactory(conference=conference, title_zh_hans="城市草稿", status=SessionStatus.DRAFT)
    SessionFactory(conference=ConferenceFactory(), title_zh_hans="城市往届")
    ExhibitorFactory(conference=conference, name_zh_hans="城市待审", review_status=ReviewStatus.PENDING)
    EquipmentFactory(exhibitor=world["exhibitor"], name_zh_hans="城市草稿设备", status=EquipmentStatus.DRAFT)
    ArticleFactory(title_zh_hans="城市草稿新闻", status=ArticleStatus.DRAFT, published_at=None)
    ArticleFactory(title_zh_hans="城市定时新闻", published_at=timezone.now() + datetime.timedelta(hours=1))

    found = titles(client.get("/search/?q=城市"))

    assert [
        title for title in found if "草稿" in title or "往届" in title or "待审" in title or "定时" in title
    ] == []


def test_a_scheduled_article_is_found_from_its_publish_time_without_being_saved_again(world):
    article = ArticleFactory(
        title_zh_hans="城市定时新闻", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    later = timezone.now() + datetime.timedelta(hours=2)

    now = search.Query("定时", edition_id=None, now=timezone.now()).best_of_each_kind(5)
    found = search.Query("定时", edition_id=None, now=later).best_of_each_kind(5)

    assert now == []
    assert [entry.object_id for entry in found] == [article.pk]


def test_services_that_write_with_update_keep_the_index(client, world, django_user_model):
    session_set_status(sessions=[world["session"]], status=SessionStatus.DRAFT)
    article_unpublish(articles=[world["article"]])
    exhibitor_review(exhibitors=[world["exhibitor"]], decision="rejected", user=None, reason="Incomplete")

    assert titles(client.get("/search/?q=城市")) == ["智慧城市 顶层设计指南", "新型智慧城市白皮书"]
    assert titles(client.get("/search/?q=王建清")) == []

    session_set_status(sessions=[world["session"]], status=SessionStatus.PUBLISHED)
    exhibitor_review(exhibitors=[world["exhibitor"]], decision="approved", user=None)

    assert sorted(titles(client.get("/search/?q=城市"))) == sorted(
        ["智慧城市论坛", "城市感知科技", "城市物联网关", "智慧城市 顶层设计指南", "新型智慧城市白皮书"]
    )
    assert titles(client.get("/search/?q=王建清")) == ["王建清", "智慧城市论坛"]


def test_saves_and_deletes_keep_the_index(client, world):
    speaker = world["speaker"]
    speaker.name_zh_hans = "李明"
    speaker.save()

    assert titles(client.get("/search/?q=李明")) == ["李明", "智慧城市论坛"]

    world["booth"].reservations.update(status=ReservationStatus.CANCELLED)
    world["booth"].reservations.get().save()
    assert titles(client.get("/search/?q=A-101")) == []

    world["session"].delete()
    assert titles(client.get("/search/?q=李明")) == []
    assert not SearchEntry.objects.filter(kind__in=["session", "speaker"]).exists()


def test_rebuild_gives_the_index_the_saves_kept(world):
    kept = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_zh_hans", "detail_en"))
    terms = sorted(SearchEntry.objects.values_list("kind", "object_id", "terms__term", "terms__weight"))
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert sorted(SearchEntry.objects.values_list("kind", "object_id", "title_zh_hans", "detail_en")) == kept
    assert (
        sorted(SearchEntry.objects.values_list("kind", "object_id", "terms__term", "terms__weight")) == terms
    )
    assert out.getvalue() == "Search index: 7 entries.\n"


def test_one_kind_is_shown_page_by_page(client, world):
    for number in range(25):
        EquipmentFactory(exhibitor=world["exhibitor"], name_zh_hans=f"城市设备{number}")

    first = client.get("/search/?q=城市&kind=equipment")
    second = client.get("/search/?q=城市&kind=equipment&page=2")

    assert len(titles(first)) == 20
    assert len(titles(second)) == 6
    assert {name: count for name, label, count in first.context["counts"]}["equipment"] == 26
    assert 'aria-current="page">展品设备' in first.content.decode()


def test_the_best_five_of_a_kind_link_to_all_of_them(client, world):
    for number in range(7):
        EquipmentFactory(exhibitor=world["exhibitor"], name_zh_hans=f"城市设备{number}")

    html = client.get("/search/?q=城市").content.decode()

    assert html.count('class="search-result-title" href="/equipment/') == 5
    assert "?q=%E5%9F%8E%E5%B8%82&amp;kind=equipment" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "城市", "kind": "nonsense"}, "不是搜索能找的页面类型"),
        ({"q": "x" * 101}, "请把搜索缩短到 100 个字符以内"),
    ],
)
def test_bad_parameters_get_a_message_not_an_error(client, world, query, message):
    response = client.get("/search/", query)

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    # The box names its error as its description; the list of errors carries that id.
    assert 'id="id_q_error"' in content


def test_a_query_of_nothing_findable_says_so(client, world):
    for query in ("the", "!!!", "不存在的词"):
        response = client.get("/search/", {"q": query})

        assert response.status_code == 200
        assert "没有找到" in response.content.decode()


def test_without_a_query_the_page_explains_what_to_type(client, world):
    html = client.get("/search/").content.decode()

    assert "A-101" in html
    assert 'class="search-result' not in html


def test_hostile_queries_and_titles_are_escaped(client, world, conference):
    SessionFactory(conference=conference, title_zh_hans="<script>城市</script>")

    html = client.get("/search/", {"q": "<script>城市"}).content.decode()

    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]
    assert "&lt;script&gt;" in html


def test_every_page_header_has_the_search_box_and_the_search_page_its_own(client, world):
    home = client.get("/").content.decode()
    page = client.get("/search/?q=城市").content.decode()

    assert 'action="/search/"' in home and 'id="site-search-q"' in home
    assert 'id="site-search-q"' not in page and 'id="id_q"' in page


@pytest.mark.parametrize("size", [1, 30])
def test_search_query_count_does_not_grow(client, conference, size, django_assert_num_queries):
    exhibitor = ExhibitorFactory(conference=conference)
    booth = BoothFactory(conference=conference, code="A-101", hall__conference=conference)
    ReservationFactory(booth=booth, exhibitor=exhibitor)
    for number in range(size):
        session = SessionFactory(conference=conference, title_zh_hans=f"城市议程{number}")
        SessionSpeakerFactory(session=session, speaker__name_zh_hans=f"城市嘉宾{number}")
        EquipmentFactory(exhibitor=exhibitor, name_zh_hans=f"城市设备{number}")
        ArticleFactory(title_zh_hans=f"城市新闻{number}")

    # The edition and its organisers (cached afterwards), then the best of each kind ranked
    # and counted in one query.
    with django_assert_num_queries(3):
        assert client.get("/search/?q=城市").status_code == 200
    # A booth code adds the booth and its exhibitor.
    with django_assert_num_queries(3):
        assert client.get("/search/?q=A-101").status_code == 200
    # One kind: the counts of every kind, then that kind's page.
    with django_assert_num_queries(2):
        assert client.get("/search/?q=城市&kind=equipment&page=2").status_code == 200


def test_a_search_page_is_shared_and_a_change_retires_it(
    client, world, conference, django_assert_num_queries
):
    client.get("/search/?q=城市")
    with django_assert_num_queries(0):
        client.get("/search/?q=城市")

    SessionFactory(conference=conference, title_zh_hans="城市新议程")

    assert "城市新议程" in titles(client.get("/search/?q=城市"))


def test_the_news_page_has_its_own_search(client, world):
    ArticleFactory(title_zh_hans="数据中心标准")

    found = client.get("/news/?q=城市标准")
    nothing = client.get("/en/news/?q=nothing-like-this")

    assert [article.pk for article in found.context["articles"]] == [world["article"].pk]
    assert "1 篇与“城市标准”相关的文章" in found.content.decode()
    assert "No article matches this search" in nothing.content.decode()


def test_an_imported_programme_is_found(client, conference):
    from events import frab
    from events.services import schedule_import

    programme = frab.read((FRAB_EXAMPLES / "pretalx-democon.json").read_bytes())
    schedule_import(programme=programme, edition=conference.number)

    session = conference.sessions.public().order_by("pk").first()
    assert SearchEntry.objects.filter(kind="session").count() == conference.sessions.public().count()
    assert session.title in titles(client.get("/search/", {"q": session.title}))
