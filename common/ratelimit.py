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

from .addresses import normalised_email
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
    """An e-mail address (or any identifier) as a key: normalised (every width a keyboard types
    counts as one), hashed, never stored as is."""
    return hashlib.sha256(normalised_email(address).encode()).hexdigest()


@dataclass(frozen=True)
class RateLimit:
    """`limit` attempts per `window` seconds for each key of one `action`. An attempt is
    counted before it is compared (one atomic increment: Redis INCR, or the local cache's
    lock), so that requests arriving at the same instant cannot all read "not yet"."""

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

    def _counted(self, key, now, delta=1):
        """The key's count once `delta` is added to it, in one step."""
        cache = counting_cache()
        cache_key = self._cache_key(key, now)
        cache.add(cache_key, 0, self._seconds_left(now) + 1)
        try:
            return cache.incr(cache_key, delta)
        except ValueError:
            # The key expired between add() and incr(): this attempt starts the new window.
            count = max(delta, 0)
            cache.set(cache_key, count, self._seconds_left(now) + 1)
            return count

    def hit(self, *keys, now=None):
        """Count one attempt for each key."""
        now = time.time() if now is None else now
        for key in keys:
            if key:
                self._counted(key, now)

    def forget(self, *keys, now=None):
        """Take back one attempt for each key (one that turned out to be no attempt at all)."""
        now = time.time() if now is None else now
        for key in keys:
            if key:
                self._counted(key, now, delta=-1)

    def attempt(self, *keys, now=None):
        """Count this attempt for each key, then compare: the seconds to wait if it is one too
        many for any key, else 0. Every attempt is counted, refused ones too."""
        now = time.time() if now is None else now
        counts = [self._counted(key, now) for key in keys if key]
        if any(count > self.limit for count in counts):
            return self._seconds_left(now)
        return 0


def wait_message(seconds):
    """ "Too many attempts" with when to try again, in the visitor's language."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts. Try again in %(minutes)d minute.",
        "Too many attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class SignInGuard:
    """Sign-in attempts, as OWASP's authentication cheat sheet counts them. A browser that has
    signed in to an account before carries a signed cookie and has attempts of its own (device
    cookies). Any other browser is counted per (user name, address) pair and per address
    (`per_address` times the limit, as colleagues share an office's address). A user name
    that fails from many addresses is not locked, which would let anyone who knows it keep its
    owner out: it is slowed, each address getting one attempt a minute for that name. Every
    attempt is counted before the password is checked, and a success is taken back."""

    SLOW_SECONDS = 60

    def __init__(self, *, action, limit, window, per_address=4, per_name=10, cookie_days=180):
        self.limit = RateLimit(action, limit, window)
        self.per_address = RateLimit(f"{action}-address", limit * per_address, window)
        self.per_name = RateLimit(f"{action}-name", limit * per_name, window)
        self.slowed = RateLimit(f"{action}-slowed", 1, self.SLOW_SECONDS)
        self.cookie = f"{action}-device"
        self.cookie_age = cookie_days * 24 * 3600
        self.salt = f"common.ratelimit.device.{action}"

    def device(self, request, username):
        """The key of this browser when it has signed in to this account before, else ""."""
        try:
            cookie = request.COOKIES.get(self.cookie, "")
            device = signing.loads(cookie, salt=self.salt, max_age=self.cookie_age)
            if constant_time_compare(device["a"], address_key(username)):
                return f"device:{device['n']}"
        except (signing.BadSignature, KeyError, TypeError):
            pass
        return ""

    def limits(self, request, username):
        """The (RateLimit, key) pairs this attempt counts against."""
        device = self.device(request, username)
        if device:
            return [(self.limit, device)]
        ip = client_ip(request)
        pair = f"pair:{address_key(username)}:{ip}"
        limits = [(self.limit, pair), (self.per_address, f"ip:{ip}")]
        if self.per_name.retry_after(f"name:{address_key(username)}"):
            limits.append((self.slowed, pair))
        return limits

    def sign_in(self, request, username, *, attempt, refuse):
        """`attempt()` (a sign-in view) unless this attempt is one too many, when `refuse(seconds)`
        answers with a 429; a success (a redirect) is taken back and remembers the browser."""
        limits = self.limits(request, username)
        waiting = max(limit.attempt(key) for limit, key in limits)
        if waiting:
            response = refuse(waiting)
            response.status_code = 429
            response["Retry-After"] = str(waiting)
            return response
        response = attempt()
        if response.status_code == 302:
            for limit, key in limits:
                limit.forget(key)
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
            self.per_name.hit(f"name:{address_key(username)}")
        return response
