"""Attempts per IP and per address, counted in the shared cache (Redis in production), so that
sign-up, sign-in and password reset cannot be hammered."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _count(key):
    cache.add(key, 0, settings.EXHIBIT_RATE_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.EXHIBIT_RATE_WINDOW_SECONDS)
        return 1


def too_many_attempts(request, *, action, address=""):
    """Count this attempt; True when its IP or its address has used up the attempts allowed."""
    keys = [f"ratelimit:{action}:ip:{request.META.get('REMOTE_ADDR', '')}"]
    if address:
        digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
        keys.append(f"ratelimit:{action}:address:{digest}")
    counts = [_count(key) for key in keys]
    return max(counts) > settings.EXHIBIT_RATE_LIMIT
