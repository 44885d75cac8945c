from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.decorators.http import require_safe

from common.pagecache import shared_page
from exhibitors import views as exhibitor_views

from . import views
from .sitemaps import SITEMAPS

# Pages that show something of every area.
everything = shared_page("programme", "expo", "standards")

# Operations, crawlers and the back office have one address in every language.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Private uploads (spec sheets), for whoever may read them (settings.PRIVATE_MEDIA_URL).
    path("private-media/<path:name>", exhibitor_views.private_file, name="private_file"),
    path("sitemap.xml", everything(require_safe(sitemaps.index)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        everything(require_safe(sitemaps.sitemap)),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

# Visitor pages: Chinese at /, English at /en/.
urlpatterns += i18n_patterns(
    path(
        "", shared_page("programme", "expo", "standards", seconds=60)(views.HomeView.as_view()), name="home"
    ),
    # Results show news from its publish time on, so a page is looked at again within minutes.
    path(
        "search/",
        shared_page("programme", "expo", "standards", seconds=5 * 60)(views.SearchView.as_view()),
        name="search",
    ),
    path("", include("events.urls")),
    path("", include("exhibitors.urls")),
    path("", include("standards.urls")),
    path("", include("visitors.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
