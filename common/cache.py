"""The shared cache on Redis, for a site that goes on while Redis does not answer.

Everything the site keeps in the cache can be rebuilt (pages, data versions, rate-limit
counts, the memory of a form already sent), so a Redis that is down, full or slow is taken
for an empty cache that keeps nothing, rather than turning every page into an error. After a
failure Redis is left alone for a few seconds, so that each request does not wait for it again,
and the failure is logged once for each of those pauses. Before Redis is used again, what was
registered with `on_recovery` runs: writes made meanwhile did not reach it (the page cache
retires its pages then, since a change made during the outage could not).
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("cache")

PAUSE_SECONDS = 5

_recovery_callbacks = []


def on_recovery(callback):
    """Call `callback()` whenever Redis answers again after failing in this process."""
    _recovery_callbacks.append(callback)


class NotAnswering(Exception):
    pass


class ForgivingRedisCacheClient(RedisCacheClient):
    """Django's client, answering as an empty cache when Redis fails."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paused_until = 0.0
        self.failed = False

    @property
    def paused(self):
        """Whether Redis is being left alone after a failure."""
        return time.monotonic() < self.paused_until

    def _call(self, method, *args):
        if self.paused:
            raise NotAnswering
        recovering = self.failed
        if recovering:
            # Before anything is read again, so that nothing is read from before the outage.
            self.failed = False
            for callback in _recovery_callbacks:
                callback()
            if self.failed:
                raise NotAnswering
        try:
            result = getattr(super(), method)(*args)
        except RedisError as error:
            self.failed = True
            self.paused_until = time.monotonic() + PAUSE_SECONDS
            logger.warning(
                "The cache did not answer (%s: %s); going on without it for %s s",
                type(error).__name__,
                error,
                PAUSE_SECONDS,
            )
            raise NotAnswering from error
        if recovering:
            logger.warning("The cache answers again")
        return result

    def _or(self, empty, method, *args):
        try:
            return self._call(method, *args)
        except NotAnswering:
            return empty

    def get(self, key, default):
        return self._or(default, "get", key, default)

    def get_many(self, keys):
        return self._or({}, "get_many", keys)

    def has_key(self, key):
        return self._or(False, "has_key", key)

    def add(self, key, value, timeout):
        # As an empty cache would: the key was not there, so it is "added".
        return self._or(True, "add", key, value, timeout)

    def set(self, key, value, timeout):
        return self._or(None, "set", key, value, timeout)

    def set_many(self, data, timeout):
        return self._or(None, "set_many", data, timeout)

    def touch(self, key, timeout):
        return self._or(False, "touch", key, timeout)

    def delete(self, key):
        return self._or(False, "delete", key)

    def delete_many(self, keys):
        return self._or(None, "delete_many", keys)

    def clear(self):
        return self._or(False, "clear")

    def incr(self, key, delta):
        try:
            return self._call("incr", key, delta)
        except NotAnswering:
            # What Django's caches raise for a key that is not there.
            raise ValueError(f"Key '{key}' not found.") from None


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, through the client above."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient

    @property
    def answering(self):
        """False while Redis is being left alone after a failure."""
        return not self._cache.paused


# Counts and claims kept in this process while the shared cache does not answer.
_this_process = LocMemCache("counts-while-redis-is-away", {"OPTIONS": {"MAX_ENTRIES": 100_000}})


def counts_cache():
    """Where what must not be evicted is kept (rate-limit counts, lock-outs, the data's
    versions): the "counts" cache (a Redis that never evicts) where there is one, else the
    default cache."""
    return caches["counts"] if "counts" in settings.CACHES else caches["default"]


def counting_cache():
    """Where to keep what must hold even while it cannot be shared (rate-limit counts, the claim
    of a form already sent): the counts cache, or this process's memory while Redis is away, so
    that a limit still holds for each app process rather than not at all."""
    shared = counts_cache()
    if getattr(shared, "answering", True):
        return shared
    return _this_process


def unbounded_reason(backend=None):
    """Why the shared cache could grow until the machine runs out of memory (a Redis with no
    `maxmemory`, or one that refuses writes when full rather than evicting), or "" when it
    cannot: bounded, not Redis, or not telling (down, or CONFIG disabled as on managed Redis)."""
    backend = backend or caches["default"]
    if not isinstance(backend, RedisCache):
        return ""
    try:
        config = backend._cache.get_client(write=False).config_get("maxmemory*")
    except (RedisError, OSError):
        return ""
    config = {_text(name): _text(value) for name, value in config.items()}
    if int(config.get("maxmemory") or 0) == 0:
        return "The cache's Redis has no memory limit: set maxmemory and maxmemory-policy allkeys-lru."
    if config.get("maxmemory-policy", "noeviction") == "noeviction":
        return "The cache's Redis refuses writes when full: set maxmemory-policy allkeys-lru."
    return ""


def evictable_counts_reason():
    """Why the rate limits' counts and the data's versions could be pushed out by pages (they
    share the pages' Redis, or theirs evicts), or "" when they cannot, or it cannot tell."""
    if not isinstance(caches["default"], RedisCache):
        return ""
    if "counts" not in settings.CACHES or (
        settings.CACHES["counts"]["LOCATION"] == settings.CACHES["default"]["LOCATION"]
    ):
        return (
            "Rate-limit counts and the data's versions share the pages' Redis, which evicts: set "
            "JOB_QUEUE_URL or COUNTS_REDIS_URL to a Redis without eviction."
        )
    try:
        config = caches["counts"]._cache.get_client(write=False).config_get("maxmemory*")
    except (RedisError, OSError):
        return ""
    config = {_text(name): _text(value) for name, value in config.items()}
    if int(config.get("maxmemory") or 0) and config.get("maxmemory-policy", "noeviction") != "noeviction":
        return "The Redis of the rate-limit counts evicts keys: set maxmemory-policy noeviction."
    return ""


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)
