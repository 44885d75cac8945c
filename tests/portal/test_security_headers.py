import pathlib
import re

import pytest
from django.conf import settings

from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def policy(response):
    return dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize(
    "url",
    ["/", "/en/schedule/", "/sessions/keynote/", "/en/exhibit/sign-in/", "/admin/login/", "/no-such-page/"],
)
def test_every_kind_of_page_carries_a_policy_without_inline_scripts(client, conference, url):
    SessionFactory(conference=conference, slug="keynote")

    directives = policy(client.get(url))

    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["style-src-elem"] == "'self'"


def test_the_policy_covers_feeds_and_exports(client, conference):
    for url in ["/news/feed/", "/schedule/export/schedule.json", "/robots.txt"]:
        assert policy(client.get(url))["script-src"] == "'self'"


def test_no_template_holds_an_inline_script_or_event_handler():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:", re.IGNORECASE)

    offenders = [
        str(path)
        for path in (pathlib.Path(settings.BASE_DIR) / "templates").rglob("*.html")
        if inline.search(path.read_text())
    ]

    assert offenders == []
