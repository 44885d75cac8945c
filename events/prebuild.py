"""The programme's exports (iCalendar, frab XML and JSON, in each language), built into the
shared page cache by a job a few seconds after the programme changes, so that no visitor's
request renders them: at four times full size one takes seconds and weighs 20 MB. Meanwhile
requests get the last build (shared_page(built_after_changes=build_soon)); a storm of saves
gives one build every EXPORT_BUILD_DELAY_SECONDS."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.urls import resolve
from django.utils import translation

from common import jobs, pagecache

PENDING_KEY = "events:exports:build-pending"
FORMATS = ["ics", "xml", "json"]


def export_paths():
    """(language, path) of each export as visitors fetch it: the default language unprefixed."""
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        for fmt in FORMATS:
            yield code, f"{prefix}/schedule/export/schedule.{fmt}"


def builds_on():
    """Whether a job builds the exports after changes (else requests render them)."""
    return bool(settings.EXPORT_BUILD_DELAY_SECONDS)


def exports_changed():
    """After a committed change to the programme or the edition: build the exports in a few
    seconds, once however many changes come meanwhile. Where each process keeps its own pages
    (no Redis), a build here would be seen by this process only, which may be a command: the
    serving process asks for its own when a request finds the exports stale (build_soon)."""
    if builds_on() and not pagecache.kept_per_process():
        _schedule()


def build_soon():
    """Whether a job builds the exports (for a request that finds them stale): asks for a build
    unless one is already coming."""
    if not builds_on():
        return False
    _schedule()
    return True


def _schedule():
    delay = settings.EXPORT_BUILD_DELAY_SECONDS
    if cache.add(PENDING_KEY, 1, delay):
        jobs.enqueue_later(delay, build_exports)


def build_exports():
    """Render each export that is not fresh into the shared page cache (the job); how many."""
    built = 0
    for language, path in export_paths():
        with translation.override(language):
            match = resolve(path)
            try:
                built += match.func.refresh(pagecache.site_request(path), *match.args, **match.kwargs)
            except Http404:
                return built  # no current edition: nothing to export
    return built
