"""Attempts counted in the shared cache (Redis in production) per IP, per address or per any
other key, in fixed windows, so that sign-in, sign-up, invitations and agenda stars cannot be
hammered. A window is aligned to the clock, so the answer can say when to try again. While
Redis is away each app process counts on its own (common.cache.counting_cache)."""

import hashlib
import ipaddress
import logging
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare
from django.utils.translation import ngettext

from .cache import counting_cache

logger = logging.getLogger(__name__)
# The proxies this process has said it does not trust (each is named once).
_unnamed_proxies = set()


def _parsed(address):
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def _is_trusted_proxy(address):
    address = _parsed(address)
    return address is not None and any(address in network for network in settings.TRUSTED_PROXIES)


def _warn_of_an_unnamed_proxy(request, address):
    """Once for each proxy: a request forwarded from this machine or network by a proxy that
    TRUSTED_PROXIES does not name, so that its limits per IP count the proxy, not visitors."""
    peer = _parsed(address)
    if peer is None or not peer.is_private or "HTTP_X_FORWARDED_FOR" not in request.META:
        return
    if address in _unnamed_proxies:
        return
    _unnamed_proxies.add(address)
    logger.warning(
        "Requests come forwarded from %s, which TRUSTED_PROXIES does not name: limits per IP count "
        "that proxy rather than visitors. Add its address to TRUSTED_PROXIES.",
        address,
    )


def client_ip(request):
    """The address the request came from: the connection's, unless that is a proxy named in
    TRUSTED_PROXIES (nginx in front of the app); then the nearest address in X-Forwarded-For
    that is not such a proxy. Addresses further left were written by the client itself, so a
    forged X-Forwarded-For changes nothing."""
    address = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(address):
        _warn_of_an_unnamed_proxy(request, address)
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")[:1000]
    for hop in reversed([hop.strip() for hop in forwarded.split(",")]):
        if not hop:
            break
        address = hop
        if not _is_trusted_proxy(hop):
            break
    return address[:64]


def address_key(address):
    """An e-mail address (or any identifier) as a key: normalised, hashed, never stored as is."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


@dataclass(frozen=True)
class RateLimit:
    """`limit` attempts per `window` seconds for each key of one `action`."""

    action: str
    limit: int
    window: int

    def _cache_key(self, key, now):
        return f"ratelimit:{self.action}:{key}:{int(now // self.window)}"

    def _seconds_left(self, now):
        return self.window - int(now % self.window)

    def retry_after(self, *keys, now=None):
        """Seconds until every key may try again (0 when none has used up its attempts); counts nothing."""
        now = time.time() if now is None else now
        counts = counting_cache().get_many([self._cache_key(key, now) for key in keys if key])
        if any(count >= self.limit for count in counts.values()):
            return self._seconds_left(now)
        return 0

    def hit(self, *keys, now=None):
        """Count one attempt for each key."""
        now = time.time() if now is None else now
        cache = counting_cache()
        for key in keys:
            if not key:
                continue
            cache_key = self._cache_key(key, now)
            # add() then incr() is atomic in Redis; a key that expired in between starts at 1.
            cache.add(cache_key, 0, self._seconds_left(now) + 1)
            try:
                cache.incr(cache_key)
            except ValueError:
                cache.set(cache_key, 1, self._seconds_left(now) + 1)

    def attempt(self, *keys, now=None):
        """Count this attempt; the seconds to wait if it is one too many, else 0."""
        now = time.time() if now is None else now
        waiting = self.retry_after(*keys, now=now)
        if not waiting:
            self.hit(*keys, now=now)
        return waiting


def wait_message(seconds):
    """ "Too many attempts" with when to try again, in the visitor's language."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts. Try again in %(minutes)d minute.",
        "Too many attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class SignInGuard:
    """Failed sign-ins counted per IP and per address. A browser that has signed in to an
    account before carries a signed cookie and is counted on its own (OWASP's device cookies),
    so someone guessing that account's password elsewhere cannot lock its owner out."""

    def __init__(self, *, action, limit, window, cookie_days=180):
        self.limit = RateLimit(action, limit, window)
        self.cookie = f"{action}-device"
        self.cookie_age = cookie_days * 24 * 3600
        self.salt = f"common.ratelimit.device.{action}"

    def keys(self, request, username):
        try:
            cookie = request.COOKIES.get(self.cookie, "")
            device = signing.loads(cookie, salt=self.salt, max_age=self.cookie_age)
            if constant_time_compare(device["a"], address_key(username)):
                return [f"device:{device['n']}"]
        except (signing.BadSignature, KeyError, TypeError):
            pass
        return [f"ip:{client_ip(request)}", f"address:{address_key(username)}"]

    def sign_in(self, request, username, *, attempt, refuse):
        """`attempt()` (a sign-in view) unless the attempts are used up, when `refuse(seconds)`
        answers with a 429; a failure is counted, a success (a redirect) remembers the browser."""
        keys = self.keys(request, username)
        waiting = self.limit.retry_after(*keys)
        if waiting:
            response = refuse(waiting)
            response.status_code = 429
            response["Retry-After"] = str(waiting)
            return response
        response = attempt()
        if response.status_code == 302:
            device = {"a": address_key(username), "n": secrets.token_urlsafe(12)}
            response.set_cookie(
                self.cookie,
                signing.dumps(device, salt=self.salt),
                max_age=self.cookie_age,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        else:
            self.limit.hit(*keys)
        return response
