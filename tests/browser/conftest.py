"""Playwright drives Debian's Chromium (no browser download) against pytest-django's live
server. Where Chromium is missing the tests are skipped and the run ends by saying so;
with REQUIRE_BROWSER=1 (CI) a missing Chromium fails the run instead."""

import os

import pytest

from tests.utils import Visit

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Chromium's own background traffic would leave the machine; these flags keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse
# ORM calls there ("async context"); the tests only use the ORM to arrange data.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_missing_chromium = []


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(live_server):
    # Depends on live_server so that the browser closes its connections before the server
    # stops sharing the test database with its request threads.
    if not os.access(CHROMIUM_PATH, os.X_OK):
        message = f"Chromium is missing at {CHROMIUM_PATH} (apt-get install -y chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        _missing_chromium.append(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, live_server, transactional_db):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Visit(context, live_server.url)
    context.close()


@pytest.fixture
def contexts(browser, live_server, transactional_db):
    """Open as many browser contexts (visitors) as a test needs; all are closed afterwards, so
    that no kept-alive connection outlives the test on the live server."""
    opened = []

    def open_context(**options):
        context = browser.new_context(**options)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def phone_visit(browser, live_server, transactional_db):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield Visit(context, live_server.url)
    context.close()


def pytest_unconfigure(config):
    # After pytest's closing line, so that it is the last thing a reader sees.
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if _missing_chromium and reporter:
        reporter.write_line(
            f"WARNING: the browser tests did not run: {_missing_chromium[0]}. "
            "A skipped browser test is not a pass.",
            yellow=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(request, settings):
    # Links in e-mails come from SITE_URL (never the request's Host): here, the live server.
    if "live_server" in request.fixturenames:
        settings.SITE_URL = request.getfixturevalue("live_server").url
