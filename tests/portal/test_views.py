import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.factories import (
    ConferenceOrganisationFactory,
    EquipmentFactory,
    ExhibitorFactory,
    HallFactory,
    SessionFactory,
    SessionSpeakerFactory,
    at,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        (
            "/",
            "zh-hans",
            [
                "测试主题",
                "2030年6月20日",
                "测试会场",
                "联合主办单位",
                "甲研究院",
                "承办单位",
                "乙公司",
            ],
        ),
        (
            "/en/",
            "en",
            [
                "Test theme",
                "June 20, 2030",
                "Test Venue",
                "Co-hosted by",
                "Alpha Institute",
                "Organised by",
                "Beta Company",
            ],
        ),
    ],
)
def test_home_shows_the_current_edition_in_each_language(client, conference, path, language, expected):
    response = client.get(path)

    content = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in content
    name = getattr(conference, f"name_{language.replace('-', '_')}")
    assert f'<h1 id="conference-name">{name}</h1>' in content
    assert [text for text in expected if text not in content] == []


def test_home_english_falls_back_to_chinese_for_untranslated_content(client, conference):
    conference.theme_en = ""
    conference.save()

    response = client.get("/en/")

    assert "测试主题" in response.content.decode()


def test_home_without_a_current_edition_says_one_is_being_prepared(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "The next edition is being prepared." in response.content.decode()


def test_home_multi_day_edition_shows_the_date_range(client, conference):
    conference.end_date = conference.start_date.replace(day=22)
    conference.save()

    response = client.get("/en/")

    assert "June 20, 2030</time> – <time" in response.content.decode()


@pytest.mark.parametrize(("organisations", "sessions"), [(1, 1), (12, 12)])
def test_home_query_count_does_not_grow(
    client, conference, organisations, sessions, django_assert_num_queries
):
    for _ in range(organisations):
        ConferenceOrganisationFactory(conference=conference, role="supporter")
    for _ in range(sessions):
        SessionSpeakerFactory(session=SessionFactory(conference=conference, is_highlight=True))

    # The edition and its organising bodies (then cached); highlights and their speakers.
    with django_assert_num_queries(4):
        client.get("/")
    with django_assert_num_queries(2):
        client.get("/en/")


def test_home_during_the_conference_shows_what_is_on_now_and_next(client, conference):
    SessionFactory(
        conference=conference, title_en="Running", start=at("2030-06-20 09:00"), end=at("2030-06-20 10:00")
    )
    SessionFactory(
        conference=conference, title_en="Coming up", start=at("2030-06-20 10:30"), end=at("2030-06-20 11:00")
    )
    SessionFactory(
        conference=conference, title_en="Later", start=at("2030-06-20 14:00"), end=at("2030-06-20 15:00")
    )

    with mock.patch("portal.views.timezone.now", return_value=at("2030-06-20 09:30")):
        response = client.get("/en/")

    programme = response.context["programme"]
    assert [s.title_en for s in programme["now"]] == ["Running"]
    assert [s.title_en for s in programme["next"]] == ["Coming up"]
    assert "On now" in response.content.decode()


def test_home_outside_the_conference_shows_highlights(client, conference):
    SessionFactory(conference=conference, title_en="Ordinary", start=at("2030-06-20 09:00"))
    SessionFactory(conference=conference, title_en="Keynote", is_highlight=True, start=at("2030-06-20 11:00"))
    SessionFactory(conference=conference, title_en="Hidden", is_highlight=True, status="draft")

    response = client.get("/en/")

    programme = response.context["programme"]
    assert (programme["now"], programme["next"]) == ([], [])
    assert [s.title_en for s in programme["highlights"]] == ["Keynote"]
    assert "Programme highlights" in response.content.decode()


def test_home_without_chosen_highlights_shows_the_first_sessions(client, conference):
    SessionFactory(conference=conference, title_en="Second", start=at("2030-06-20 11:00"))
    SessionFactory(conference=conference, title_en="First", start=at("2030-06-20 09:00"))

    response = client.get("/en/")

    assert [s.title_en for s in response.context["programme"]["highlights"]] == ["First", "Second"]


def test_every_page_has_a_skip_link_one_h1_and_the_main_landmark(client, conference):
    content = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in content
    assert content.count("<h1") == 1
    assert '<main id="main"' in content


def test_navigation_links_all_answer(client, conference):
    response = client.get("/en/")

    for item in response.context["navigation"]:
        assert client.get(item["url"]).status_code == 200, item["url"]


def test_navigation_marks_the_current_section(client):
    content = client.get(reverse("events:schedule")).content.decode()

    assert content.count('aria-current="page"') == 1
    assert '<a href="/schedule/" aria-current="page">会议日程</a>' in content


def test_language_switcher_keeps_the_page_and_query(client):
    response = client.get("/speakers/?q=%E5%BC%A0&page=2")

    links = {link["code"]: link["url"] for link in response.context["language_links"]}
    assert links == {"zh-hans": "/speakers/?q=%E5%BC%A0&page=2", "en": "/en/speakers/?q=%E5%BC%A0&page=2"}
    assert 'href="/en/speakers/?q=%E5%BC%A0&amp;page=2" hreflang="en" lang="en"' in response.content.decode()


def test_hreflang_alternates_are_absolute_and_name_a_default(client):
    content = client.get("/en/news/").content.decode()

    assert '<link rel="alternate" hreflang="zh-hans" href="http://testserver/news/">' in content
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/news/">' in content
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/news/">' in content


def test_pages_load_nothing_from_another_host(client, conference):
    content = client.get("/").content.decode()

    # Assets only: stylesheets, icons, scripts and images (alternate links name this site).
    assets = re.findall(r'<(?:link|script|img)\b[^>]*?(?:src|href)="([^"]*)"', content)
    remote = [
        url
        for url in assets
        if url.startswith("//") or (url.startswith("http") and "//testserver/" not in url)
    ]
    assert len(assets) >= 4
    assert remote == []


def test_unknown_url_gets_the_styled_404_in_chinese(client, conference):
    response = client.get("/no-such-page/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in content
    assert 'class="site-nav"' in content


def test_unknown_url_gets_the_styled_404_in_english(client, conference):
    response = client.get("/en/no-such-page/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in content
    assert 'href="/no-such-page/" hreflang="zh-hans"' in content


def test_404_switcher_never_links_to_another_host(client):
    response = client.get("/en//evil.example/")

    links = [link["url"] for link in response.context["language_links"]]
    assert response.status_code == 404
    assert links == ["/evil.example/", "/en/evil.example/"]


@pytest.mark.parametrize(
    "path",
    [
        "/%FF%FE/",
        "/en/%00/",
        "/%E4%B8%AD%E6%96%87/",
        "/en/../../etc/passwd",
        "/" + "a" * 5000,
        "/?q=%ZZ&&=&page=-1&day=%FF",
        "/en/?%=%&a[]=1",
        "/speakers/?q=" + "%F0%9F" * 10,
    ],
)
def test_malformed_paths_and_queries_never_cause_a_server_error(client, conference, path):
    response = client.get(path)

    assert response.status_code in {200, 400, 404}


def test_400_page_is_styled_and_translated(client, rf):
    from django.core.exceptions import SuspiciousOperation
    from django.views.defaults import bad_request

    request = rf.get("/en/")
    request.LANGUAGE_CODE = "en"
    response = bad_request(request, SuspiciousOperation())

    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


def test_disallowed_host_gets_400():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400


def test_403_page_is_styled(rf):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.LANGUAGE_CODE = "zh-hans"
    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_500_page_renders_without_the_database(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "出错了" in response.content.decode()


def test_healthz_is_200_when_the_database_cache_and_store_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "store": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "error", "cache": "ok", "store": "ok"}


def test_healthz_without_the_redis_cache_is_degraded_but_200(client, settings):
    # Every app process is without it alike and the site goes on (common.cache): a load
    # balancer should keep sending requests; a monitor reads the body.
    settings.CACHES = {
        "default": {"BACKEND": "common.cache.ForgivingRedisCache", "LOCATION": "redis://127.0.0.1:1"}
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "error", "store": "ok"}


def test_healthz_is_503_when_the_database_and_the_cache_do_not_answer(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "common.cache.ForgivingRedisCache", "LOCATION": "redis://127.0.0.1:1"}
    }
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "error", "cache": "error", "store": "ok"}


def test_healthz_makes_the_media_folder_a_fresh_deploy_lacks(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    response = client.get("/healthz")

    assert response.status_code == 200
    assert (tmp_path / "media").is_dir()


def test_healthz_is_503_when_the_media_folder_cannot_be_used(client, settings, tmp_path):
    (tmp_path / "media").write_text("a file where the folder should be")
    settings.MEDIA_ROOT = tmp_path / "media"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "ok", "store": "error"}


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_robots_txt_keeps_crawlers_out_of_the_back_office_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /exhibit/",
        "Disallow: /en/exhibit/",
        "Disallow: /agenda/",
        "Disallow: /en/agenda/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_sitemap_is_an_index_of_one_sitemap_per_kind_of_page(client):
    content = client.get("/sitemap.xml").content.decode()

    sections = [
        "sections",
        "sessions",
        "speakers",
        "exhibitors",
        "equipment",
        "standards",
        "news",
        "publications",
    ]
    assert [f"http://testserver/sitemap-{section}.xml" for section in sections] == [
        line.split("<loc>")[1].split("</loc>")[0] for line in content.split("<sitemap>")[1:]
    ]


def test_sitemap_lists_public_sessions_speakers_exhibitors_and_equipment(client, conference):
    session = SessionFactory(conference=conference, slug="opening")
    SessionFactory(conference=conference, slug="secret", status="draft")
    SessionSpeakerFactory(session=session, speaker__slug="dai-hong")
    exhibitor = ExhibitorFactory(conference=conference, slug="acme", review_status="approved")
    ExhibitorFactory(conference=conference, slug="pending", review_status="pending")
    EquipmentFactory(exhibitor=exhibitor, slug="sensor")

    content = "".join(
        client.get(f"/sitemap-{section}.xml").content.decode()
        for section in ("sessions", "speakers", "exhibitors", "equipment")
    )

    for path in ("sessions/opening", "speakers/dai-hong", "exhibitors/acme", "equipment/sensor"):
        assert f"<loc>http://testserver/{path}/</loc>" in content
        assert f"<loc>http://testserver/en/{path}/</loc>" in content
    assert "secret" not in content
    assert "pending" not in content


def test_sitemap_sections_unknown_or_past_the_end_are_404(client):
    assert client.get("/sitemap-nope.xml").status_code == 404
    assert client.get("/sitemap-equipment.xml?p=99").status_code == 404


def test_sitemap_lists_pages_in_both_languages(client):
    response = client.get("/sitemap-sections.xml")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://testserver/</loc>" in content
    assert "<loc>http://testserver/en/</loc>" in content
    assert 'hreflang="x-default" href="http://testserver/"' in content
    assert "<loc>http://testserver/en/schedule/changes/</loc>" in content
    assert "/agenda/" not in content


def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/en/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_the_header_and_title_name_the_current_edition(client, conference):
    conference.name_en = "Kongress 2030"
    conference.save()

    content = client.get("/en/news/").content.decode()

    assert '<span class="brand-name">Kongress 2030</span>' in content
    assert "· Kongress 2030</title>" in content


def test_without_a_current_edition_the_header_names_the_portal(client, db):
    content = client.get("/en/news/").content.decode()

    assert '<span class="brand-name">China Smart City Conference & Expo</span>' in content


class Landmarks(HTMLParser):
    """(role, name) of the page's named landmarks: sections and regions with a label, navs."""

    LANDMARK_TAGS = {"section": "region", "nav": "navigation", "aside": "complementary", "form": "form"}

    def __init__(self, html):
        super().__init__()
        self.found, self.texts, self.open = [], {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        role = attrs.get("role") or self.LANDMARK_TAGS.get(tag)
        if role in {"region", "navigation", "complementary", "form"} and (
            attrs.get("aria-label") or attrs.get("aria-labelledby")
        ):
            self.found.append((role, attrs.get("aria-label"), attrs.get("aria-labelledby")))
        if attrs.get("id"):
            self.open.append([attrs["id"], tag, ""])

    def handle_data(self, data):
        for item in self.open:
            item[2] += data

    def handle_endtag(self, tag):
        if self.open and self.open[-1][1] == tag:
            element_id, _tag, text = self.open.pop()
            self.texts[element_id] = " ".join(text.split())

    def names(self):
        return [(role, label or self.texts.get(labelledby, "")) for role, label, labelledby in self.found]


@pytest.mark.parametrize("path", ["/", "/en/", "/floor-plan/", "/en/floor-plan/"])
def test_every_landmark_of_a_page_has_its_own_name(client, conference, path):
    ConferenceOrganisationFactory(conference=conference, role="organiser")
    HallFactory(conference=conference, name_zh_hans="一号馆", name_en="Hall 1")

    names = Landmarks(client.get(path).content.decode()).names()

    assert names
    assert len(names) == len(set(names)), names
