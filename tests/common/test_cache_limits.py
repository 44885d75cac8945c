"""A shared cache that could grow without bound (Redis with no maxmemory, or with noeviction),
and rate-limit counts that pages could push out (kept in the pages' evicting Redis), are named
by `check --deploy` and by /healthz."""

from unittest import mock

import pytest
from django.core.cache import caches

from common.cache import ForgivingRedisCache, counting_cache, evictable_counts_reason, unbounded_reason
from common.checks import cache_memory_is_bounded, counts_are_never_evicted
from common.pagecache import kept_per_process, version_store

CLOSED = "redis://127.0.0.1:1/0"
NO_LIMIT = "The cache's Redis has no memory limit: set maxmemory and maxmemory-policy allkeys-lru."
NO_EVICTION = "The cache's Redis refuses writes when full: set maxmemory-policy allkeys-lru."


class Config:
    """A Redis client answering CONFIG GET as a server set up so would (bytes, as redis-py)."""

    def __init__(self, maxmemory, policy):
        self.answer = {b"maxmemory": str(maxmemory).encode(), b"maxmemory-policy": policy.encode()}

    def config_get(self, pattern):
        assert pattern == "maxmemory*"
        return self.answer


@pytest.fixture
def redis_set_up_as(settings):
    settings.CACHES = {"default": {"BACKEND": "common.cache.ForgivingRedisCache", "LOCATION": CLOSED}}
    backend = caches["default"]

    def set_up(maxmemory, policy):
        mock.patch.object(backend._cache, "get_client", return_value=Config(maxmemory, policy)).start()
        return backend

    yield set_up
    mock.patch.stopall()


@pytest.mark.parametrize(
    ("maxmemory", "policy", "reason"),
    [
        (0, "noeviction", NO_LIMIT),
        (0, "allkeys-lru", NO_LIMIT),
        (2**30, "noeviction", NO_EVICTION),
        (2**30, "allkeys-lru", ""),
        (2**30, "volatile-ttl", ""),
    ],
)
def test_unbounded_reason_names_a_missing_limit_or_a_policy_that_does_not_evict(
    redis_set_up_as, maxmemory, policy, reason
):
    assert unbounded_reason(redis_set_up_as(maxmemory, policy)) == reason


def test_unbounded_reason_is_empty_for_a_redis_that_does_not_answer():
    assert unbounded_reason(ForgivingRedisCache(CLOSED, {})) == ""


def test_unbounded_reason_is_empty_for_a_cache_in_the_process_memory(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert unbounded_reason() == ""


def test_check_deploy_warns_of_a_redis_without_a_limit(redis_set_up_as):
    redis_set_up_as(0, "noeviction")

    warnings = cache_memory_is_bounded(None)

    assert [warning.id for warning in warnings] == ["common.W001"]


def test_check_deploy_is_quiet_for_a_bounded_redis(redis_set_up_as):
    redis_set_up_as(64 * 2**20, "allkeys-lru")

    assert cache_memory_is_bounded(None) == []


@pytest.mark.django_db
def test_healthz_warns_of_an_unbounded_cache_and_stays_200(client):
    with mock.patch("portal.views.unbounded_reason", return_value="The cache's Redis has no memory limit."):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "store": "ok",
        "warnings": ["The cache's Redis has no memory limit."],
    }


COUNTS_ELSEWHERE = "redis://127.0.0.1:2/0"


@pytest.fixture
def counts_set_up_as(settings):
    """The pages' Redis and the counts' Redis, the latter answering CONFIG GET as set up."""
    backend = "common.cache.ForgivingRedisCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": CLOSED},
        "counts": {"BACKEND": backend, "LOCATION": COUNTS_ELSEWHERE},
    }

    def set_up(maxmemory, policy):
        mock.patch.object(
            caches["counts"]._cache, "get_client", return_value=Config(maxmemory, policy)
        ).start()

    yield set_up
    mock.patch.stopall()


def test_counts_in_the_pages_redis_are_named(settings):
    settings.CACHES = {"default": {"BACKEND": "common.cache.ForgivingRedisCache", "LOCATION": CLOSED}}

    assert "share the pages' Redis" in evictable_counts_reason()
    assert [warning.id for warning in counts_are_never_evicted(None)] == ["common.W002"]


@pytest.mark.parametrize(
    ("maxmemory", "policy", "evicts"),
    [
        (0, "noeviction", False),
        (2**30, "noeviction", False),
        (2**30, "allkeys-lru", True),
        (2**30, "volatile-lru", True),
    ],
)
def test_counts_in_a_redis_of_their_own_are_named_only_if_it_evicts(
    counts_set_up_as, maxmemory, policy, evicts
):
    counts_set_up_as(maxmemory, policy)

    assert bool(evictable_counts_reason()) is evicts
    assert bool(counts_are_never_evicted(None)) is evicts


def test_without_redis_nothing_is_named(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert evictable_counts_reason() == ""


def test_counts_and_versions_live_in_the_counts_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
        "counts": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counts"},
    }

    assert counting_cache() is caches["counts"]
    assert version_store() is caches["counts"]
    assert not kept_per_process()
