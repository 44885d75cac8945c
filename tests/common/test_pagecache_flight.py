"""A stale shared page is rendered again once, however many ask for it at the same time: one
request renders (single flight, a lock in the shared cache), the others are served the stale
copy, or wait for the rendering when there is none."""

import threading
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from common import pagecache
from common.pages import page_from

AREA = "testarea"


class Counted:
    """A view that says how many times it has rendered, slowly if asked."""

    def __init__(self, seconds=0.0, fails=False):
        self.renders = 0
        self.seconds = seconds
        self.fails = fails
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            number = self.renders
        time.sleep(self.seconds)
        if self.fails:
            raise RuntimeError("the view failed")
        return HttpResponse(f"rendering {number}")


def get(view, path="/flight/"):
    return view(RequestFactory().get(path))


def test_after_a_change_another_renderings_lock_serves_the_stale_copy():
    counted = Counted()
    view = pagecache.shared_page(AREA)(counted)
    get(view)
    pagecache.bump(AREA)
    key = pagecache.page_key(RequestFactory().get("/flight/"))
    cache.add(pagecache.rendering(key), 1, 10)

    stale = get(view)
    cache.delete(pagecache.rendering(key))
    fresh = get(view)

    assert stale.content == b"rendering 1"
    assert fresh.content == b"rendering 2"
    assert counted.renders == 2


def test_one_address_has_one_entry_whatever_the_versions():
    request = RequestFactory().get("/flight/")
    before = pagecache.page_key(request)
    pagecache.bump(AREA, "edition")

    assert pagecache.page_key(request) == before


def test_twelve_requests_at_once_after_a_change_render_the_page_once():
    counted = Counted(seconds=0.3)
    view = pagecache.shared_page(AREA)(counted)
    get(view)
    pagecache.bump(AREA)
    pagecache.local_pages.clear()
    start = threading.Barrier(12)
    bodies = []

    def ask():
        start.wait(timeout=10)
        bodies.append(get(view).content)

    threads = [threading.Thread(target=ask) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert counted.renders == 2  # the first, and one after the change
    assert len(bodies) == 12
    assert set(bodies) <= {b"rendering 1", b"rendering 2"}
    assert get(view).content == b"rendering 2"


def test_without_a_stale_copy_a_request_waits_for_the_rendering_under_way():
    counted = Counted()
    view = pagecache.shared_page(AREA)(counted)
    request = RequestFactory().get("/flight/")
    key = pagecache.page_key(request)
    cache.add(pagecache.rendering(key), 1, 10)
    versions = pagecache.versions(("edition", AREA))

    def another_process_renders():
        time.sleep(0.2)
        page = page_from(HttpResponse("rendered elsewhere"), 60, versions)
        cache.set(key, page, 60)

    thread = threading.Thread(target=another_process_renders)
    thread.start()
    response = view(request)
    thread.join()

    assert response.content == b"rendered elsewhere"
    assert counted.renders == 0


def test_a_lock_its_renderer_left_behind_expires_and_the_request_renders():
    counted = Counted()
    view = pagecache.shared_page(AREA)(counted)
    key = pagecache.page_key(RequestFactory().get("/flight/"))
    cache.add(pagecache.rendering(key), 1, 10)

    with mock.patch.object(pagecache, "RENDER_LOCK_SECONDS", 0.2):
        response = get(view)

    assert response.content == b"rendering 1"


def test_a_rendering_that_fails_lets_go_of_the_lock():
    failing = pagecache.shared_page(AREA)(Counted(fails=True))

    with pytest.raises(RuntimeError):
        get(failing)

    key = pagecache.page_key(RequestFactory().get("/flight/"))
    assert cache.get(pagecache.rendering(key)) is None
