"""Shared pages: public pages that every visitor sees alike, kept whole (plain and compressed)
and served without rendering until their data changes.

A page is kept under its address and carries the version of each area of data it shows
("programme", "expo", "standards", and "edition" for every page). Any write to a model of an
area gives that area a new random version (signals connected in each app's ready(), so the
services, the admin and the commands are all covered), which makes every page rendered under
the old one stale at once, in every process: versions live in Redis (the counts cache, which
never evicts; or, without
Redis, in files every process of the machine reads: version_store()). A random
version rather than a counter, so that a version evicted from the cache can never come back as
one that old pages were rendered under.

A stale page is rendered again by one request at a time (a lock in the shared cache), while
the others get the stale copy (shared_page). One entry per address: a new rendering replaces
the old, so edits do not pile up copies.

Bodies are kept in this process's memory (a small LRU) in front of the shared cache, since
moving a megabyte from Redis on every hit costs more than serving it.

A page is only stored when rendering it looked at nothing personal: no session or user, no
messages, no CSRF token, no cookie set. Per-visitor parts (stars, the agenda count) are filled
in by the page's script from /agenda/state/, so the stored page holds nothing of anyone's.
"""

import hashlib
import io
import secrets
import time
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache, caches
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.utils.translation import get_language

from .cache import counts_cache, on_recovery
from .pages import LocalPages, page_from, serve

# The query parameters public pages read (filters, pages, search, the grid's rooms, a booth on
# the floor plan, a sitemap section's p); others are left out of a shared page's key and
# request (known_query). tests/common/test_pagecache_keys.py checks every filter's name is here.
QUERY_PARAMETERS = frozenset(
    {
        *("at", "booth", "category", "day", "exhibitor", "hall", "kind", "language", "p", "page"),
        *("price", "q", "region", "room", "rooms", "speaker", "standard", "status", "track", "year"),
    }
)
VERSION_KEY = "pages:version:{}"
CHANGED_KEY = "pages:changed:{}"
# Written by pages that do not vary on anything time-dependent; a safety net only, since a
# change retires a page at once.
DEFAULT_SECONDS = 60 * 60
# A page stays in the shared cache this long after it stops being fresh: the stale copy that is
# served while one request renders it again.
STALE_KEPT_SECONDS = 10 * 60
# A page with a query string is fresh for this long at most, and kept this long past it.
VARIANT_SECONDS = 10 * 60
VARIANT_STALE_KEPT_SECONDS = 60
# How long one rendering may hold a page's lock; the others are served the stale copy meanwhile,
# or wait (checking every WAIT_STEP_SECONDS) when there is none.
RENDER_LOCK_SECONDS = 10
WAIT_STEP_SECONDS = 0.05
# A page whose data changed this recently is not rendered by a request when a job builds it
# after changes and a stale copy is there (the job's debounce and build take a few seconds).
BUILD_GRACE_SECONDS = 60


local_pages = LocalPages(settings.SHARED_PAGES_LOCAL_BYTES)

# Every area a page or a model names, to retire them all when the cache comes back after failing
# here: a write made meanwhile could not give its area a new version.
known_areas = {"edition"}
on_recovery(lambda: bump(*known_areas))


# What to do once a change to an area is committed (area -> callables): the programme's
# exports are built again off the request path (events/prebuild.py).
after_change_callbacks = {}


def after_change(area, callback):
    """Call `callback()` after each committed change to the area (a storm of saves calls it
    as often: it debounces itself)."""
    callbacks = after_change_callbacks.setdefault(area, [])
    if callback not in callbacks:
        callbacks.append(callback)


def retire(*areas):
    """Retire every shared page that shows data of these areas: for writes that send no
    signal (QuerySet.update, bulk_create). Model saves and deletes retire on their own."""
    bump(*areas)
    # Again once the data is committed: a page rendered in between by another process
    # saw the old rows under the new version.
    transaction.on_commit(lambda: bump(*areas))
    for area in areas:
        for callback in after_change_callbacks.get(area, ()):
            transaction.on_commit(callback)


def version_store():
    """Where the areas' versions live: with Redis, the counts cache (a Redis that never evicts,
    so no flood of pages pushes a version out); with no shared cache (`make run`), the
    file-based "versions" cache that every process of this machine reads, so that a change
    saved by a command shows on the running server at once."""
    return caches["versions"] if "versions" in settings.CACHES else counts_cache()


def kept_per_process():
    """Whether each process keeps its own pages (no shared cache): a page another process
    renders is not seen here."""
    return "versions" in settings.CACHES


def bump(*areas):
    now = time.time()
    version_store().set_many(
        {
            **{VERSION_KEY.format(area): secrets.token_hex(6) for area in areas},
            **{CHANGED_KEY.format(area): now for area in areas},
        },
        timeout=None,
    )


def stale_seconds(areas):
    """How long ago the last of these areas changed (infinity when nobody knows)."""
    changed = version_store().get_many([CHANGED_KEY.format(area) for area in areas]).values()
    return time.time() - max(changed) if changed else float("inf")


def versions(areas):
    """The current version of each area, in one round trip to the cache (two the first time);
    None while the cache keeps nothing (Redis down), since a change could not be seen then."""
    store = version_store()
    keys = [VERSION_KEY.format(area) for area in areas]
    found = store.get_many(keys)
    for key in keys:
        if key not in found:
            store.add(key, secrets.token_hex(6), timeout=None)
            found[key] = store.get(key)
            if found[key] is None:
                return None
    return [found[key] for key in keys]


def watch(area, models):
    """Retire the area's pages whenever one of these models (or one of their many-to-many
    links) is saved or deleted."""

    known_areas.add(area)

    def changed(**kwargs):
        retire(area)

    for model in models:
        uid = f"pagecache:{area}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
        for relation in model._meta.local_many_to_many:
            m2m_changed.connect(
                changed,
                sender=relation.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}:{relation.name}",
            )


def known_query(request):
    """The request with only the query parameters public pages read (QUERY_PARAMETERS): a
    cache-busting `?_=123` or `?utm_source=` would otherwise make a stored page per value. The
    view sees the same query the key holds, so the stored page is exactly what it names."""
    given = request.GET
    if all(name in QUERY_PARAMETERS for name in given):
        return request
    kept = QueryDict(mutable=True)
    for name in given:
        if name in QUERY_PARAMETERS:
            kept.setlist(name, given.getlist(name))
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()
    return request


def page_key(request):
    """The page's address: scheme, host, language, path and query. One entry per address, not
    per version of its data, so a new rendering takes the place of the old one, which stays
    there (stale) until then."""
    parts = [
        request.scheme,
        request.get_host(),
        get_language(),
        request.path,
        request.META.get("QUERY_STRING", ""),
    ]
    return "pages:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def is_personal(request, response):
    """Whether making the response looked at the visitor or set anything for them."""
    session = getattr(request, "session", None)
    storage = getattr(request, "_messages", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.accessed)
        or (storage is not None and (storage.used or storage._queued_messages))
    )


def store(key, page, seconds, *, variant=False):
    """Keep a page for every process; the shared cache holds it a while past its freshness, as
    the stale copy served while it is rendered again. A `variant` (a query string: a search, a
    filter, a page 40) is kept shortly, so that rare ones do not fill the cache."""
    if variant:
        cache.set(key, page, min(seconds, VARIANT_SECONDS) + VARIANT_STALE_KEPT_SECONDS)
    else:
        cache.set(key, page, seconds + STALE_KEPT_SECONDS)
    local_pages.put(key, page)


def rendering(key):
    """The lock that lets one request (or the export build) render a page while the others
    are served the stale copy; it expires by itself if the renderer dies."""
    return f"{key}:rendering"


def _wait_for(key, versions):
    """The page another process is rendering, once it is there; None if it is not within the
    render lock's time."""
    deadline = time.monotonic() + RENDER_LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        page = cache.get(key)
        if page is not None and page.is_fresh(versions):
            return page
        if cache.get(rendering(key)) is None:
            return None
    return None


def never():
    return False


def shared_page(*areas, seconds=DEFAULT_SECONDS, built_after_changes=never):
    """Serve a view's GET answers from the shared page cache, keyed on the address; a page is
    fresh while the areas it shows (plus the edition, which every page shows) keep the versions
    it was rendered with. Pages that change with the clock pass a short `seconds`.

    After a change, one request renders the page again (single flight, by a lock in the shared
    cache) while the others are served the stale copy, as a proxy does with
    stale-while-revalidate: a save costs one rendering, not one per waiting visitor. Without a
    stale copy the others wait for that rendering, for the lock's time at most.

    `built_after_changes()`: whether a job renders the page after changes (wrapped.refresh), asked
    when a request finds it stale (it may ask for the build then); if so, for BUILD_GRACE_SECONDS
    after a change no request renders it while a stale copy is there."""
    areas = ("edition", *areas)
    known_areas.update(areas)

    def decorator(view):
        def render(request, args, kwargs, key, current):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code != 200 or is_personal(request, response):
                return response, None
            variant = bool(request.GET)
            page = page_from(response, min(seconds, VARIANT_SECONDS) if variant else seconds, current)
            store(key, page, seconds, variant=variant)
            return response, page

        def render_once(request, args, kwargs, key, current):
            """Render holding the page's lock; (None, None) when another holds it."""
            if not cache.add(rendering(key), 1, RENDER_LOCK_SECONDS):
                return None, None
            try:
                return render(request, args, kwargs, key, current)
            finally:
                cache.delete(rendering(key))

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            current = versions(areas)
            if current is None:
                # Without the versions a stored page could be out of date: render every time.
                return view(request, *args, **kwargs)
            request = known_query(request)
            key = page_key(request)
            page = local_pages.get(key)
            if page is not None and page.is_fresh(current):
                return serve(request, page)
            shared = cache.get(key)
            if shared is not None and shared.is_fresh(current):
                local_pages.put(key, shared)
                return serve(request, shared)
            stale = shared or page
            if stale is not None and stale_seconds(areas) < BUILD_GRACE_SECONDS and built_after_changes():
                return serve(request, stale)
            response, page = render_once(request, args, kwargs, key, current)
            if response is None:
                if stale is not None:
                    return serve(request, stale)
                page = _wait_for(key, current)
                if page is not None:
                    local_pages.put(key, page)
                    return serve(request, page)
                response, page = render(request, args, kwargs, key, current)
            return serve(request, page) if page else response

        def refresh(request, *args, **kwargs):
            """Render the page for this request now and keep it (a job after a change), unless
            it is fresh or being rendered; whether it was rendered."""
            current = versions(areas)
            if current is None:
                return False
            key = page_key(request)
            found = cache.get(key)
            if found is not None and found.is_fresh(current):
                return False
            response, _page = render_once(request, args, kwargs, key, current)
            return response is not None

        wrapped.shared_page_areas = areas
        wrapped.refresh = refresh
        return wrapped

    return decorator


def site_request(path):
    """A GET of `path` as a visitor of SITE_URL sends it, for a job rendering a page ahead."""
    site = urlsplit(settings.SITE_URL)
    secure = site.scheme == "https"
    return WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": site.hostname,
            "SERVER_PORT": str(site.port or (443 if secure else 80)),
            "HTTP_HOST": site.netloc,
            "HTTP_ACCEPT_ENCODING": "gzip",
            "wsgi.url_scheme": site.scheme,
            "wsgi.input": io.BytesIO(b""),
        }
    )
