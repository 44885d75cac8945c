"""Malformed input against every URL pattern, as a prober would send it: no answer is a 5xx.
The walk reads the URLconf, so a page added later is walked too; CI runs it on PostgreSQL,
which refuses NUL in strings where SQLite does not."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from events.filters import SessionFilter
from exhibitors.filters import EquipmentFilter, ExhibitorFilter
from standards.filters import StandardFilter
from tests.factories import (
    ArticleFactory,
    BoothFactory,
    EquipmentFactory,
    ExhibitorFactory,
    PublicationFactory,
    SessionFactory,
    SessionSpeakerFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db

MALFORMED = [
    "does-not-exist",
    "99999999999999999999",
    "-1",
    "%E4%B8%AD%E6%96%87",
    "%00",
    "..%2F..",
    "x" * 2000,
]
QUERIES = ["page=-1", "page=abc", "day=2018-13-45", "q=%00", "q=a&q=b&q=%FF", "booth=%01", f"q={'x' * 3000}"]
GROUP = re.compile(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)")
CONVERTER = re.compile(r"<(?:\w+:)?\w+>")


def _paths(patterns, prefix=""):
    """Every pattern as a path template, `{}` where a value goes."""
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            parts = ["", "en/"]
        elif isinstance(pattern, RoutePattern):
            parts = [CONVERTER.sub("{}", str(pattern))]
        elif isinstance(pattern, RegexPattern):
            text = GROUP.sub("{}", str(pattern.regex.pattern)).lstrip("^").rstrip("$").replace("\\.", ".")
            if re.search(r"[\\()\[\]?*+|]", text):
                continue
            parts = [text]
        else:  # pragma: no cover - Django has no other kinds
            continue
        for part in parts:
            if isinstance(entry, URLResolver):
                yield from _paths(entry.url_patterns, prefix + part)
            elif isinstance(entry, URLPattern):
                yield "/" + prefix + part


PATHS = sorted(set(_paths(get_resolver().url_patterns)))


@pytest.fixture
def world(conference):
    session = SessionFactory(conference=conference, slug="keynote")
    SessionSpeakerFactory(session=session)
    exhibitor = ExhibitorFactory(conference=conference, slug="acme", review_status="approved")
    BoothFactory(conference=conference, code="A-101")
    EquipmentFactory(exhibitor=exhibitor, slug="acme-sensor", status="published")
    ArticleFactory(slug="news", standards=[StandardFactory(slug="gb-t-36333-2018")])
    PublicationFactory(slug="white-paper")
    return exhibitor


def clients(exhibitor):
    users = get_user_model().objects
    member = users.create_user("li@acme.example", "li@acme.example", "pw-for-tests")
    exhibitor.users.add(member)
    organiser = users.create_user("organiser", password="pw-for-tests", is_staff=True)
    organiser.groups.add(Group.objects.get(name="Organiser"))
    anonymous, signed_in, staff = (Client(raise_request_exception=False) for _ in range(3))
    signed_in.force_login(member)
    staff.force_login(organiser)
    return {"anonymous": anonymous, "exhibitor": signed_in, "organiser": staff}


def test_the_walk_finds_the_pages_it_should():
    assert {"/speakers/", "/en/speakers/", "/exhibitors/{}/", "/admin/", "/sitemap.xml"} <= set(PATHS)


def test_every_url_with_malformed_input_answers_without_a_server_error(world):
    failures = []
    for name, client in clients(world).items():
        for template in PATHS:
            values = MALFORMED if name == "anonymous" else MALFORMED[:2]
            urls = {template.replace("{}", value) for value in values}
            if "{}" not in template:
                urls |= {f"{template}?{query}" for query in (QUERIES if name == "anonymous" else QUERIES[:3])}
            for url in sorted(urls):
                methods = ["get"] if "{}" in template and url != template.replace("{}", values[0]) else None
                for method in methods or ["get", "post", "head", "options", "trace"]:
                    data = (
                        {"junk": "\x00" if method == "post" else "", "page": "-1"}
                        if method == "post"
                        else None
                    )
                    response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
                    if response.status_code >= 500:
                        failures.append(f"{name} {method.upper()} {url[:120]} -> {response.status_code}")
    assert failures == []


LIST_FILTERS = [
    ("/schedule/", SessionFilter),
    ("/en/exhibitors/", ExhibitorFilter),
    ("/equipment/", EquipmentFilter),
    ("/en/standards/", StandardFilter),
]
DIRECT_PARAMETERS = [
    ("/speakers/", "q"),
    ("/en/floor-plan/", "booth"),
    ("/news/", "page"),
    ("/news/", "q"),
    ("/search/", "q"),
    ("/en/search/?q=%E5%9F%8E%E5%B8%82&kind=x", "page"),
    ("/search/?q=a", "kind"),
]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [(url, name) for url, filterset in LIST_FILTERS for name in [*filterset.base_filters, "page"]]
    + DIRECT_PARAMETERS,
)
def test_list_filters_refuse_control_characters_and_take_anything_else(client, world, url, parameter):
    joiner = "&" if "?" in url else "?"
    refused = [
        client.get(f"{url}{joiner}{parameter}={value}").status_code for value in ("%00", "a%01b", "%C2%85")
    ]
    taken = [
        client.get(f"{url}{joiner}{parameter}={value}").status_code
        for value in ("%FF%FE", "x" * 3000, "城市")
    ]

    assert refused == [400, 400, 400]
    assert taken == [200, 200, 200]


@pytest.mark.parametrize(
    "url", ["/news/feed/", "/news/feed/atom/", "/schedule/changes/feed/", "/sitemap.xml", "/robots.txt"]
)
def test_feeds_and_crawler_files_answer_only_get_and_head(client, world, url):
    answers = {
        method: getattr(client, method)(url).status_code
        for method in ("get", "head", "trace", "put", "delete")
    }

    assert answers == {"get": 200, "head": 200, "trace": 405, "put": 405, "delete": 405}
