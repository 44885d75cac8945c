"""axe-core (from npm: `make install-dev` runs `npm ci`; the version is pinned in
package-lock.json) checks every public page in both languages, on a phone and on a laptop, for
the WCAG 2.1 A and AA rules and axe's best practices."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import Session
from exhibitors.models import Equipment, Exhibitor
from standards.models import Standard
from tests.factories import ArticleFactory, MeetingFactory, RegistrationFactory, at
from tests.utils import Visit
from visitors.tokens import badge_path, confirmation_token

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations", "incomplete"],
}
# axe's violations, and text the colour of its background: axe only asks to review 1:1 text
# (it may be hidden on purpose), but this site hides text with .visually-hidden, never so.
VIOLATIONS = """() => window.axeRun.then(results => results.violations.concat(results.incomplete
    .filter(rule => rule.id === "color-contrast")
    .map(rule => ({...rule, id: "color-contrast", help: "Text must not be the colour of its background",
        nodes: rule.nodes.filter(node => node.any.some(check => check.data?.messageKey === "equalRatio"))}))
    .filter(rule => rule.nodes.length)))"""
LANGUAGES = ["", "/en"]
WIDTHS = [(360, 740), (1280, 900)]

# Every public page, in Chinese as written and in English under /en: one line per page.
PAGES = [
    "/",
    "/schedule/",
    "/schedule/?track=security",
    "/schedule/?q=no-session-says-this",
    "/schedule/?day=not-a-day",
    "/schedule/grid/",
    "/schedule/changes/",
    "/sessions/opening-ceremony/",
    "/sessions/sample-interconnectivity/",
    "/speakers/",
    "/speakers/song-chaozhi/",
    "/exhibitors/",
    "/exhibitors/sample-iot-sensing/",
    "/equipment/",
    "/equipment/sample-iot-sensing-1/",
    "/floor-plan/",
    "/floor-plan/?booth=A-205",
    "/standards/",
    "/standards/gb-t-36333-2018/",
    "/news/",
    "/news/?q=smart",
    "/news/markdown-news/",
    "/publications/",
    "/publications/whitepaper-on-new-smart-city-development-2018/",
    "/agenda/",
    "/agenda/star/?session={starred}&next=/schedule/",
    "/agenda/star/?session=0",
    "/no-such-page/",
    "/register/",
    "/register/confirm/{confirm}/",
    "/register/confirm/no-such-token/",
    "/exhibit/sign-in/",
    "/exhibit/sign-up/",
    "/exhibit/password-reset/",
    "/exhibit/password-reset/sent/",
    "/exhibit/confirm/no-such-account/no-such-token/",
    "/search/?q=城市",
    "/search/?q=no-page-says-this",
]
# Sent empty, to see their error messages.
FORMS = ["/exhibit/sign-in/", "/exhibit/sign-up/", "/exhibit/password-reset/", "/register/"]
# Seen again once the session is in the visitor's agenda.
STARRED_PAGES = ["/agenda/", "/agenda/star/?session={starred}&next=/schedule/"]
# Seen by a visitor who is not signed in, then by one whose badge link the tab opened.
VISITOR_PAGES = [
    "/register/meet/sample-iot-sensing/",
    "/register/follow/exhibitor/{exhibitor}/",
    "/register/follow/equipment/{equipment}/",
]
SIGNED_IN_PAGES = ["/agenda/", *VISITOR_PAGES]

MARKDOWN_BODY = """An opening paragraph with **bold**, *emphasis* and [a link](/standards/).

## What was approved

1. Plans for **41** national standards
2. A coordination mechanism

> The standards system comes first.

| Code | Title | Status | Issued | In force | Issued by |
| --- | --- | --- | --- | --- | --- |
| GB/T 36333-2018 | Smart city: top-level design guide | In force | 2018-06-07 | 2019-01-01 | SAMR, SAC |

```
https://www.example.org/standards/smart-city/gb-t-36333-2018/top-level-design-guide.pdf
```

#### A detail

Inline `code` and a list:

- one
- two
"""


@pytest.fixture
def site(transactional_db):
    """The demo edition (speakers, track colours, booked, held and free booths), a session
    moved after publication (the "changed" badge) and an article with rich Markdown."""
    call_command("load_demo", verbosity=0)
    moved = Session.objects.get(slug="sample-interconnectivity")
    moved.start, moved.end = at("2018-06-20 14:00"), at("2018-06-20 15:30")
    services.session_save(session=moved)
    ArticleFactory(
        slug="markdown-news",
        title_zh_hans="标准新闻（Markdown）",
        title_en="Standards news in Markdown",
        summary_zh_hans="摘要",
        body_zh_hans=MARKDOWN_BODY,
        body_en=MARKDOWN_BODY,
        standards=[Standard.objects.get(slug="gb-t-36333-2018")],
    )
    exhibitor = Exhibitor.objects.get(slug="sample-iot-sensing")
    equipment = Equipment.objects.get(slug="sample-iot-sensing-1")
    registration = RegistrationFactory(
        conference=exhibitor.conference, name="王芳", confirmed_at=timezone.now(), share_contact=True
    )
    registration.followed_exhibitors.add(exhibitor)
    registration.followed_equipment.add(equipment)
    MeetingFactory(registration=registration, exhibitor=exhibitor, message="报价")
    return {
        "starred": Session.objects.get(slug="opening-ceremony").pk,
        "exhibitor": exhibitor.pk,
        "equipment": equipment.pk,
        "badge": badge_path(registration),
        "confirm": confirmation_token(RegistrationFactory(conference=exhibitor.conference, name="李明")),
    }


@pytest.fixture
def tabs(contexts, live_server):
    """A phone and a laptop tab, each with axe loaded into every page it opens. axe comes in as
    an inline script, which the site's policy (script-src 'self') refuses, hence bypass_csp."""
    assert AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing: run `make install-dev` (it runs npm ci)"
    opened = []
    for width, height in WIDTHS:
        phone = width < 600
        context = contexts(
            viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, bypass_csp=True
        )
        context.add_init_script(path=AXE_SCRIPT)
        opened.append(Visit(context, live_server.url))
    return opened


def start_axe(visit):
    """axe runs in the page while the test goes on to the next tab."""
    visit.page.evaluate("options => { window.axeRun = axe.run(document, options); }", AXE_OPTIONS)


def axe_findings(visit, label):
    """The violations axe found in the tab, one line each that says what to fix and where."""
    violations = visit.page.evaluate(VIOLATIONS)
    width = visit.page.viewport_size["width"]
    return [
        f"{label} at {width} px: {violation['id']} ({violation['impact']}): {violation['help']}; "
        f"{len(violation['nodes'])}× e.g. {json.dumps([node['target'] for node in violation['nodes'][:3]])}"
        for violation in violations
    ]


def open_page(visit, path):
    """Chromium reports an error page's own status (404, 400) as a console error: not one here."""
    seen = len(visit.console_errors)
    status = visit.goto(path).status
    visit.console_errors[seen:] = [
        error for error in visit.console_errors[seen:] if f" {status} (" not in error
    ]


def check(tabs, path):
    for visit in tabs:
        open_page(visit, path)
        start_axe(visit)
    return [line for visit in tabs for line in axe_findings(visit, path)]


def check_errors_of(tabs, path):
    for visit in tabs:
        visit.goto(path)
        with visit.page.expect_navigation():
            visit.page.locator("main form[method=post]").get_by_role("button").click()
        start_axe(visit)
    return [line for visit in tabs for line in axe_findings(visit, f"{path} (sent empty)")]


def test_every_public_page_passes_axe_in_both_languages_on_a_phone_and_a_laptop(tabs, site):
    found = []
    for language in LANGUAGES:
        for path in PAGES:
            found += check(tabs, language + path.format(**site))
        for path in FORMS:
            found += check_errors_of(tabs, language + path)
    for visit in tabs:
        visit.goto(f"/agenda/star/?session={site['starred']}&next=/agenda/")
        with visit.page.expect_navigation():
            visit.page.locator("main form").get_by_role("button").click()
    for language in LANGUAGES:
        for path in [*STARRED_PAGES, *VISITOR_PAGES]:
            found += check(tabs, language + path.format(**site))
    for visit in tabs:
        visit.goto(site["badge"])
        assert visit.page.locator(".badge-name").inner_text() == "王芳"
    for language in LANGUAGES:
        for path in SIGNED_IN_PAGES:
            found += check(tabs, language + path.format(**site))

    assert found == [], f"{len(found)} accessibility violations:\n" + "\n".join(found)
    for visit in tabs:
        assert visit.console_errors == []
        assert visit.remote_requests == []


def test_axe_reports_what_it_finds(tabs):
    visit = tabs[0]
    visit.goto("/no-such-page/")
    visit.page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    start_axe(visit)

    violations = visit.page.evaluate(VIOLATIONS)
    assert [violation["id"] for violation in violations] == ["image-alt"]
