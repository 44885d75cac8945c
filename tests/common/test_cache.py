"""The shared cache on Redis (common.cache): a real Redis when it answers, and a closed port or
a Redis error for one that does not."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCacheClient
from django.db import connection
from django.test.utils import CaptureQueriesContext
from redis.exceptions import ConnectionError, ResponseError

from common import cache as forgiving
from common.cache import ForgivingRedisCache
from common.pagecache import local_pages
from tests.factories import SessionFactory
from visitors.models import Registration

pytestmark = pytest.mark.django_db

ANSWERING = "redis://127.0.0.1:6379/13"
CLOSED = "redis://127.0.0.1:1/0"


def redis_cache(location):
    return ForgivingRedisCache(location, {"KEY_PREFIX": "test-cache"})


@pytest.fixture
def answering():
    cache = redis_cache(ANSWERING)
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def site_on_redis(settings):
    backend = "common.cache.ForgivingRedisCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": ANSWERING, "KEY_PREFIX": "site"}}
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


@pytest.fixture
def clock():
    now = [1000.0]
    with mock.patch.object(forgiving.time, "monotonic", lambda: now[0]):
        yield now


@pytest.fixture
def site_without_redis(settings):
    settings.CACHES = {"default": {"BACKEND": "common.cache.ForgivingRedisCache", "LOCATION": CLOSED}}
    forgiving._this_process.clear()
    yield caches["default"]
    forgiving._this_process.clear()


def test_an_answering_redis_is_an_ordinary_cache(answering):
    answering.set("a", {"kept": 1})
    assert answering.get("a") == {"kept": 1}
    assert answering.add("a", "other") is False
    assert answering.add("b", 1) is True
    assert answering.incr("b") == 2
    assert answering.get_many(["a", "b", "c"]) == {"a": {"kept": 1}, "b": 2}
    assert answering.has_key("a")
    assert answering.delete("a") is True
    assert answering.get("a", "gone") == "gone"
    with pytest.raises(ValueError):
        answering.incr("never-set")


def test_a_closed_port_is_an_empty_cache_that_keeps_nothing(caplog):
    cache = redis_cache(CLOSED)

    cache.set("a", 1)
    assert cache.get("a") is None
    assert cache.get("a", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is True
    assert cache.has_key("a") is False
    assert cache.set_many({"a": 1, "b": 2}) == []
    assert cache.touch("a") is False
    assert cache.delete("a") is False
    cache.delete_many(["a", "b"])
    assert cache.clear() is False
    with pytest.raises(ValueError):
        cache.incr("a")
    [warning] = [record for record in caplog.records if record.name == "cache"]
    assert warning.levelname == "WARNING"
    assert "The cache did not answer (ConnectionError" in warning.getMessage()


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds_then_tried_again(caplog):
    cache = redis_cache(CLOSED)
    now = [1000.0]
    tries = mock.Mock(wraps=RedisCacheClient.get_client)

    with (
        mock.patch.object(forgiving.time, "monotonic", lambda: now[0]),
        mock.patch.object(RedisCacheClient, "get_client", lambda self, *a, **k: tries(self, *a, **k)),
    ):
        cache.get("a")
        cache.get("a")
        cache.set("a", 1)
        assert tries.call_count == 1

        now[0] += forgiving.PAUSE_SECONDS + 0.1
        cache.get("a")
        assert tries.call_count == 2

    assert len([record for record in caplog.records if record.name == "cache"]) == 2


def test_a_full_redis_refusing_writes_is_forgiven_too(answering, caplog):
    full = ResponseError("OOM command not allowed when used memory > 'maxmemory'.")
    with mock.patch.object(RedisCacheClient, "set", side_effect=full):
        assert answering.set("a", 1) is None

    assert "ResponseError: OOM command not allowed" in caplog.text


def test_without_redis_shared_pages_are_rendered_every_time_and_show_each_change(
    client, conference, site_without_redis
):
    session = SessionFactory(conference=conference, title_en="Opening", slug="opening")

    assert client.get("/en/schedule/").status_code == 200
    session.title_en = "Opening ceremony"
    session.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/schedule/")

    assert response.status_code == 200
    assert "Opening ceremony" in response.content.decode()
    assert len(queries) > 0
    assert local_pages.pages == {}


def test_without_redis_a_visitor_can_still_register_and_a_repeated_post_saves_once(
    client, conference, site_without_redis
):
    form = client.get("/en/register/").content.decode()
    submission = form.split('name="submission" value="')[1].split('"')[0]
    data = {
        "name": "Li Ming",
        "organisation": "City Institute",
        "email": "li.ming@example.com",
        "mobile": "+86 138 0000 0000",
        "submission": submission,
    }

    first = client.post("/en/register/", data)
    again = client.post("/en/register/", data)

    assert first.status_code == 200
    assert again.status_code == 200
    assert "Check your inbox" in again.content.decode()
    assert Registration.objects.get().email == "li.ming@example.com"


def test_without_redis_sign_in_is_still_rate_limited_in_each_process(
    client, conference, settings, site_without_redis
):
    settings.EXHIBIT_RATE_LIMIT = 3
    get_user_model().objects.create_user("li@example.com", "li@example.com", "Right-pass-2030")

    def sign_in(password, ip):
        data = {"username": "li@example.com", "password": password}
        return client.post("/en/exhibit/sign-in/", data, REMOTE_ADDR=ip)

    for _ in range(3):
        assert sign_in("wrong", "203.0.113.1").status_code == 200
    blocked = sign_in("Right-pass-2030", "203.0.113.1")

    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_counts_stay_in_the_shared_cache_while_it_answers(site_on_redis):
    assert forgiving.counting_cache() is site_on_redis


def test_redis_answering_again_runs_what_waits_for_it(answering, clock, caplog):
    recovered = mock.Mock()
    forgiving.on_recovery(recovered)
    try:
        with mock.patch.object(RedisCacheClient, "get", side_effect=ConnectionError("reset")):
            answering.get("a")
        answering.get("a")
        recovered.assert_not_called()

        clock[0] += forgiving.PAUSE_SECONDS + 0.1
        answering.get("a")
        answering.get("a")
    finally:
        forgiving._recovery_callbacks.remove(recovered)

    recovered.assert_called_once_with()
    assert "The cache answers again" in caplog.text


def test_a_change_made_while_this_process_could_not_reach_redis_shows_once_it_can(
    client, conference, site_on_redis, clock
):
    # The other app processes still see the old versions in Redis: only this one lost it.
    session = SessionFactory(conference=conference, title_en="Opening", slug="opening")
    assert "Opening" in client.get("/en/schedule/").content.decode()

    with (
        mock.patch.object(RedisCacheClient, "set_many", side_effect=ConnectionError("reset")),
        mock.patch.object(RedisCacheClient, "get_many", side_effect=ConnectionError("reset")),
    ):
        session.title_en = "Opening ceremony"
        session.save()
    clock[0] += forgiving.PAUSE_SECONDS + 0.1

    assert "Opening ceremony" in client.get("/en/schedule/").content.decode()
