import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView

from events.selectors import current_conference, programme_now_and_next

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    # The current edition comes with every page (context_processors.site).
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conference = current_conference()
        if conference is not None:
            context["programme"] = programme_now_and_next(conference, timezone.now())
        return context


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitors: 200 while the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
