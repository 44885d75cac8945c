from django.urls import path
from django.views.decorators.http import require_safe

from common.pagecache import shared_page

from . import feeds, views

# An article scheduled for later goes live by the clock, without a write: pages that list
# news are looked at again after this long.
PUBLISH_CHECK_SECONDS = 5 * 60
news = shared_page("standards", seconds=PUBLISH_CHECK_SECONDS)

app_name = "standards"

urlpatterns = [
    path("standards/", news(views.StandardListView.as_view()), name="standard_list"),
    path(
        "standards/<slug:slug>/",
        shared_page("standards", "expo", seconds=PUBLISH_CHECK_SECONDS)(views.StandardDetailView.as_view()),
        name="standard_detail",
    ),
    path("news/", news(views.ArticleListView.as_view()), name="article_list"),
    # Before news/<slug>/, so that the feeds are never taken for an article.
    path("news/feed/", news(require_safe(feeds.LatestArticlesFeed())), name="article_feed"),
    path("news/feed/atom/", news(require_safe(feeds.LatestArticlesAtomFeed())), name="article_feed_atom"),
    path("news/<slug:slug>/", news(views.ArticleDetailView.as_view()), name="article_detail"),
    path("publications/", news(views.PublicationListView.as_view()), name="publication_list"),
    path("publications/<slug:slug>/", news(views.PublicationDetailView.as_view()), name="publication_detail"),
]
