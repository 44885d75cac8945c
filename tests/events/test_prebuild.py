"""The programme's exports are built by a job a few seconds after a change, not in a visitor's
request: a storm of saves schedules one build; requests meanwhile get the last build; the
build puts fresh exports where requests find them."""

import gzip
import threading
from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from common import jobs, pagecache
from common.pages import PLAIN_KEPT_BELOW, page_from, serve
from events import prebuild
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

# Where the job renders them (SITE_URL), so a request there finds its build.
SITE = {"HTTP_HOST": "127.0.0.1:8000"}


@pytest.fixture
def builds(settings):
    """Builds on, pages in a cache every process shares (as with Redis), the job caught."""
    settings.EXPORT_BUILD_DELAY_SECONDS = 3
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with mock.patch.object(jobs, "enqueue_later") as later:
        yield later


@pytest.fixture
def builds_per_process(settings):
    """Builds on, each process keeping its own pages (no Redis, as `make run`), the job caught."""
    settings.EXPORT_BUILD_DELAY_SECONDS = 3
    assert pagecache.kept_per_process()
    with mock.patch.object(jobs, "enqueue_later") as later:
        yield later


def test_a_storm_of_saves_schedules_one_build(builds, conference, django_capture_on_commit_callbacks):
    session = SessionFactory(conference=conference)

    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            session.title_en = f"Title {number}"
            session.save()

    builds.assert_called_once_with(3, prebuild.build_exports)


def test_where_each_process_keeps_its_pages_the_saving_process_builds_nothing(
    builds_per_process, conference, django_capture_on_commit_callbacks
):
    session = SessionFactory(conference=conference)

    with django_capture_on_commit_callbacks(execute=True):
        session.title_en = "Moved"
        session.save()

    # It may be a command that exits next; the server builds its own when asked (below).
    builds_per_process.assert_not_called()


def test_where_each_process_keeps_its_pages_a_request_finding_the_exports_stale_asks_for_a_build(
    builds_per_process, client, conference
):
    session = SessionFactory(conference=conference, title_en="Opening")
    prebuild.build_exports()
    session.title_en = "Opening (moved)"
    session.save()

    answers = [client.get("/en/schedule/export/schedule.json", **SITE).json() for _ in range(3)]

    assert "Opening (moved)" not in str(answers)  # the last build meanwhile
    builds_per_process.assert_called_once_with(3, prebuild.build_exports)


def test_no_build_is_scheduled_when_builds_are_off(conference, django_capture_on_commit_callbacks):
    with mock.patch.object(jobs, "enqueue_later") as later, django_capture_on_commit_callbacks(execute=True):
        SessionFactory(conference=conference)

    later.assert_not_called()


def test_the_build_puts_every_export_where_requests_find_it(client, conference, django_assert_num_queries):
    SessionFactory(conference=conference, title_en="Opening")

    built = prebuild.build_exports()

    assert built == 6  # three formats in two languages
    with django_assert_num_queries(0):
        response = client.get("/en/schedule/export/schedule.xml", **SITE)
    assert b"Opening" in response.content
    assert prebuild.build_exports() == 0  # all fresh: nothing to do


def test_after_a_change_requests_get_the_last_build_until_the_next(builds, client, conference):
    session = SessionFactory(conference=conference, title_en="Opening")
    prebuild.build_exports()
    session.title_en = "Opening (moved)"
    session.save()

    meanwhile = client.get("/en/schedule/export/schedule.json", **SITE).json()
    prebuild.build_exports()
    after = client.get("/en/schedule/export/schedule.json", **SITE).json()

    assert "Opening (moved)" not in str(meanwhile)
    assert "Opening (moved)" in str(after)


def test_a_build_that_does_not_come_leaves_requests_to_render_after_the_grace(builds, client, conference):
    session = SessionFactory(conference=conference, title_en="Opening")
    prebuild.build_exports()
    session.title_en = "Opening (moved)"
    session.save()

    with mock.patch.object(pagecache, "BUILD_GRACE_SECONDS", 0):
        response = client.get("/en/schedule/export/schedule.json", **SITE)

    assert "Opening (moved)" in str(response.json())


def test_without_a_current_edition_the_build_does_nothing(db):
    assert prebuild.build_exports() == 0


def test_without_a_queue_a_later_job_runs_in_a_thread_not_in_the_caller(settings):
    settings.JOB_QUEUE_URL = ""
    ran = threading.Event()
    caller = threading.current_thread()
    threads = []

    def job():
        threads.append(threading.current_thread())
        ran.set()

    jobs.enqueue_later(0.05, job)

    assert ran.wait(timeout=5)
    assert threads[0] is not caller


def test_a_large_page_is_kept_compressed_only_and_served_plain_to_who_asks():
    body = b"<schedule>" + b"x" * PLAIN_KEPT_BELOW + b"</schedule>"
    page = page_from(HttpResponse(body, content_type="application/xml"), 60, ("v",))

    plain = serve(RequestFactory().get("/"), page)
    plain_body = b"".join(plain.streaming_content)
    compressed = serve(RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip"), page)

    assert set(page.bodies) == {"gzip"}
    assert plain_body == body
    assert gzip.decompress(compressed.content) == body
