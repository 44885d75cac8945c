import logging
import re
import uuid
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView

from common import search
from common.cache import evictable_counts_reason, unbounded_reason
from events.selectors import current_conference, programme_now_and_next
from exhibitors.selectors import booth_by_code

from .forms import KIND_ORDER, SearchForm

# What a visitor types for a booth: A-101, a101, Ａ－１０１, 3B-12.
BOOTH_CODE = re.compile(r"[^\W_]{1,6}[-‐－ ]?\d{1,5}")

logger = logging.getLogger(__name__)


class KindPages:
    """One kind's results for the paginator, which knows their number from the counts already
    read and asks for one page at a time."""

    def __init__(self, query, kind, count):
        self.query, self.kind, self.count_ = query, kind, count

    def __len__(self):
        return self.count_

    def __getitem__(self, page):
        return self.query.page(self.kind, offset=page.start, limit=page.stop - page.start)


class SearchView(TemplateView):
    """One search over every kind of page: the best few of each kind with how many there are,
    or one kind page by page. A handful of queries at any size (common.search)."""

    template_name = "portal/search.html"
    per_kind = 5
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        context["form"] = form
        conference = current_conference()
        if not form.is_valid() or not form.cleaned_data["q"].strip() or conference is None:
            return context
        text, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
        query = search.Query(text, edition_id=conference.pk, now=timezone.now())
        context.update(query=text, kind=kind)
        if kind:
            counts = query.counts()
            context["page_obj"] = Paginator(
                KindPages(query, kind, counts.get(kind, 0)), self.paginate_by
            ).get_page(self.request.GET.get("page"))
        else:
            best = query.best_of_each_kind(self.per_kind)
            counts = {entry.kind: entry.kind_count for entry in best}
            context["groups"] = self._groups(best)
            context["booth"] = booth_by_code(conference, text) if BOOTH_CODE.fullmatch(text) else None
        context["counts"] = [
            (name, search.KINDS[name].label, counts[name]) for name in KIND_ORDER if name in counts
        ]
        context["total"] = sum(counts.values())
        return context

    @staticmethod
    def _groups(best):
        """Entries grouped by kind, the group with the best match first."""
        groups = {}
        for entry in best:
            groups.setdefault(entry.kind, []).append(entry)
        ranked = sorted(groups.items(), key=lambda item: (-item[1][0].score, KIND_ORDER.index(item[0])))
        return [(search.KINDS[name], entries[0].kind_count, entries) for name, entries in ranked]


class HomeView(TemplateView):
    # The current edition comes with every page (context_processors.site).
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conference = current_conference()
        if conference is not None:
            context["programme"] = programme_now_and_next(conference, timezone.now())
        return context


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_answers():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("The cache did not keep a value.")
    cache.delete(key)


def _store_answers():
    # A read, not a write: the top of the store (a few folders) is listed, so that a missing
    # bucket or permission is an error rather than an absent file. A local folder is made
    # first: a fresh deploy has none until the first upload, and is healthy.
    if isinstance(default_storage, FileSystemStorage):
        Path(default_storage.location).mkdir(parents=True, exist_ok=True)
    default_storage.listdir("")


HEALTH_CHECKS = {"database": _database_answers, "cache": _cache_answers, "store": _store_answers}


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitors: 503 (saying which) when the database or the media store
    does not answer. Without the cache the site goes on, slower (common.cache), and every app
    process is without it alike, so that is "degraded" with a 200: a load balancer keeps
    sending requests, a monitor reads the body, which also warns of a cache that may grow
    without bound."""
    report = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check: the %s did not answer", name)
            report[name] = "error"
        else:
            report[name] = "ok"
    reasons = [reason for reason in (unbounded_reason(), evictable_counts_reason()) if reason]
    if report["cache"] == "ok" and reasons:
        for reason in reasons:
            logger.warning("Health check: %s", reason)
        report["warnings"] = reasons
    if report["database"] != "ok" or report["store"] != "ok":
        return JsonResponse({"status": "unavailable", **report}, status=503)
    return JsonResponse({"status": "ok" if report["cache"] == "ok" else "degraded", **report})


@require_safe
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /exhibit/",
        "Disallow: /en/exhibit/",
        "Disallow: /agenda/",
        "Disallow: /en/agenda/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A forged or stale form post: the site's own page, in the visitor's language, saying what to do."""
    return render(request, "403_csrf.html", status=403)
