import gzip
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver

from common import pagecache
from common.pagecache import is_personal, local_pages
from common.pages import LocalPages, Page
from events import services as event_services
from events.enums import SessionStatus
from exhibitors.enums import ReviewStatus
from tests.factories import (
    ArticleFactory,
    BoothFactory,
    EquipmentFactory,
    ExhibitorFactory,
    SessionFactory,
    StandardFactory,
    at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(conference):
    return {
        "keynote": SessionFactory(
            conference=conference, slug="keynote", title_en="Keynote", start=at("2030-06-20 09:00")
        ),
        "draft": SessionFactory(
            conference=conference, slug="draft", title_en="Draft talk", status=SessionStatus.DRAFT
        ),
    }


def test_a_warm_shared_page_is_served_without_a_query(client, programme, django_assert_num_queries):
    first = client.get("/en/schedule/")

    with django_assert_num_queries(0):
        second = client.get("/en/schedule/")

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == first.content


def test_a_save_shows_on_the_next_request(client, programme):
    client.get("/en/schedule/")
    programme["keynote"].title_en = "Keynote (new title)"
    programme["keynote"].save()

    assert "Keynote (new title)" in client.get("/en/schedule/").content.decode()


def test_a_bulk_update_by_a_service_shows_on_the_next_request(client, programme):
    client.get("/en/schedule/")

    event_services.session_set_status(sessions=[programme["draft"]], status=SessionStatus.PUBLISHED)

    assert "Draft talk" in client.get("/en/schedule/").content.decode()


def test_a_change_in_another_area_keeps_the_page(client, programme, conference, django_assert_num_queries):
    client.get("/en/schedule/")
    StandardFactory()
    ExhibitorFactory(conference=conference)

    with django_assert_num_queries(0):
        client.get("/en/schedule/")


@pytest.mark.parametrize(
    ("url", "change", "text"),
    [
        (
            "/en/exhibitors/",
            lambda conference: ExhibitorFactory(
                conference=conference, name_en="New exhibitor", review_status=ReviewStatus.APPROVED
            ),
            "New exhibitor",
        ),
        ("/en/news/", lambda conference: ArticleFactory(title_en="New article"), "New article"),
        (
            "/en/schedule/",
            lambda conference: SessionFactory(conference=conference, title_en="New talk"),
            "New talk",
        ),
    ],
)
def test_each_area_retires_its_own_pages(client, programme, conference, url, change, text):
    before = client.get(url).content

    change(conference)

    assert text not in before.decode()
    assert text in client.get(url).content.decode()


def test_an_edition_change_retires_every_page(client, programme, conference):
    client.get("/en/news/")
    conference.name_en = "Renamed edition"
    conference.save()

    assert "Renamed edition" in client.get("/en/news/").content.decode()


def test_another_process_retiring_an_area_is_seen_here(client, programme, django_assert_max_num_queries):
    client.get("/en/schedule/")
    # Another process bumps the version in the shared cache; this one's memory holds the page.
    pagecache.bump("programme")

    with django_assert_max_num_queries(50) as queries:
        client.get("/en/schedule/")

    assert len(queries) > 0


def test_a_page_stored_by_another_process_is_served_here(client, programme, django_assert_num_queries):
    client.get("/en/schedule/")
    local_pages.clear()

    with django_assert_num_queries(0):
        response = client.get("/en/schedule/")

    assert response.status_code == 200


def test_pages_are_keyed_on_language_query_and_host(client, programme):
    english = client.get("/en/schedule/").content
    chinese = client.get("/schedule/").content
    filtered = client.get("/en/schedule/?q=nothing-matches").content
    other_host = client.get("/en/schedule/", HTTP_HOST="127.0.0.1").content

    assert len({english, chinese, filtered}) == 3
    assert b"http://127.0.0.1/" in other_host
    assert b"http://127.0.0.1/" not in english


def test_etag_and_date_answer_304(client, programme):
    first = client.get("/en/schedule/")

    by_etag = client.get("/en/schedule/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/en/schedule/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]


def test_a_change_gives_a_new_etag(client, programme):
    first = client.get("/en/schedule/")
    programme["keynote"].title_en = "Moved keynote"
    programme["keynote"].save()

    again = client.get("/en/schedule/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_shared_pages_may_be_kept_by_a_proxy_for_a_short_time(client, programme):
    response = client.get("/en/schedule/")

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert response["Vary"] == "Accept-Encoding"


@pytest.mark.parametrize(
    ("accept", "coding"),
    [("gzip, deflate, br", "gzip"), ("gzip;q=0, identity", None), ("", None), ("*", "gzip"), ("br", None)],
)
def test_shared_pages_are_compressed_when_the_client_accepts_gzip(client, programme, accept, coding):
    plain = client.get("/en/schedule/").content

    response = client.get("/en/schedule/", HTTP_ACCEPT_ENCODING=accept)

    assert response.get("Content-Encoding") == coding
    body = gzip.decompress(response.content) if coding else response.content
    assert body == plain


def test_exports_are_shared_pages_compressed_and_304_capable(client, programme, django_assert_num_queries):
    first = client.get("/en/schedule/export/schedule.json", HTTP_ACCEPT_ENCODING="gzip")

    with django_assert_num_queries(0):
        again = client.get("/en/schedule/export/schedule.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Content-Encoding"] == "gzip"
    assert b"Keynote" in gzip.decompress(first.content)
    assert again.status_code == 304


def test_a_signed_in_exhibitor_and_a_visitor_get_the_same_page(client, programme, conference):
    exhibitor = ExhibitorFactory(conference=conference, review_status=ReviewStatus.APPROVED)
    user = get_user_model().objects.create_user("member@example.com", "member@example.com", "pw-long-enough")
    exhibitor.users.add(user)
    member = Client()
    member.force_login(user)

    for url in ("/en/exhibitors/", f"/en/exhibitors/{exhibitor.slug}/", "/en/schedule/"):
        assert member.get(url).content == client.get(url).content, url


def test_a_visitors_stars_never_reach_another_visitor(programme):
    starring = Client()
    starring.post("/en/agenda/star/", {"session": programme["keynote"].pk, "action": "star"})
    seen_by_starring = starring.get("/en/sessions/keynote/").content

    other = Client().get("/en/sessions/keynote/").content

    assert other == seen_by_starring
    assert b'aria-pressed="true"' not in other
    assert b"csrfmiddlewaretoken" not in other


def test_every_public_page_is_a_shared_page():
    public = {
        "home",
        "search",
        "events:schedule",
        "events:schedule_grid",
        "events:schedule_export",
        "events:changes",
        "events:changes_feed",
        "events:session_detail",
        "events:speaker_list",
        "events:speaker_detail",
        "exhibitors:floor_plan",
        "exhibitors:exhibitor_list",
        "exhibitors:exhibitor_detail",
        "exhibitors:equipment_list",
        "exhibitors:equipment_detail",
        "standards:standard_list",
        "standards:standard_detail",
        "standards:article_list",
        "standards:article_feed",
        "standards:article_feed_atom",
        "standards:article_detail",
        "standards:publication_list",
        "standards:publication_detail",
        "sitemap",
        "django.contrib.sitemaps.views.sitemap",
    }

    def shared(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from shared(pattern.url_patterns, inner)
            elif hasattr(pattern.callback, "shared_page_areas"):
                yield namespace + pattern.name

    assert set(shared(get_resolver().url_patterns)) == public


@pytest.fixture
def expo(conference):
    exhibitor = ExhibitorFactory(conference=conference, review_status=ReviewStatus.APPROVED, slug="acme")
    equipment = EquipmentFactory(exhibitor=exhibitor, slug="sensor")
    standard = StandardFactory(slug="gb-t-1")
    equipment.standards.add(standard)
    booth = BoothFactory(hall__conference=conference, conference=conference)
    article = ArticleFactory(slug="hello")
    return {"booth": booth, "article": article}


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/schedule/",
        "/en/schedule/grid/",
        "/en/sessions/keynote/",
        "/en/speakers/",
        "/en/schedule/changes/",
        "/en/exhibitors/",
        "/en/exhibitors/acme/",
        "/en/equipment/",
        "/en/equipment/sensor/",
        "/en/floor-plan/",
        "/en/standards/",
        "/en/standards/gb-t-1/",
        "/en/news/",
        "/en/news/hello/",
        "/en/news/feed/",
        "/en/publications/",
        "/en/search/?q=keynote",
        "/en/schedule/export/schedule.ics",
    ],
)
def test_every_public_page_is_stored_for_a_visitor_with_a_session(
    client, programme, expo, url, django_assert_num_queries
):
    # A visitor with an agenda carries a session: rendering must still look at nothing of theirs.
    client.post("/en/agenda/star/", {"session": programme["keynote"].pk, "action": "star"})
    assert client.get(url).status_code == 200

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def request_with_session():
    request = RequestFactory().get("/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    return request


def test_a_response_that_set_a_cookie_or_read_the_session_is_personal():
    request = request_with_session()
    with_cookie = HttpResponse()
    with_cookie.set_cookie("x", "1")

    assert is_personal(request, with_cookie)
    assert not is_personal(request, HttpResponse())
    request.session.get("anything")
    assert is_personal(request, HttpResponse())


def test_a_response_that_used_a_csrf_token_is_personal():
    request = request_with_session()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True

    assert is_personal(request, HttpResponse())


def page(size):
    return Page(
        status=200,
        content_type="text/html",
        etag="x",
        modified=0,
        expires=2**40,
        bodies={"identity": b"x" * size},
    )


def test_local_pages_forget_the_least_recently_used_beyond_their_size():
    pages = LocalPages(max_bytes=1000)
    for key in "ab":
        pages.put(key, page(250))
    pages.get("a")
    for key in "cde":
        pages.put(key, page(250))

    assert [key for key in "abcde" if pages.get(key)] == ["a", "c", "d", "e"]
    assert pages.bytes == 1000


def test_local_pages_skip_a_page_too_large_to_keep():
    pages = LocalPages(max_bytes=1000)
    pages.put("big", page(600))

    assert pages.get("big") is None
