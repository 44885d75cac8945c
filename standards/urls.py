from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "standards"

urlpatterns = [
    path("standards/", views.StandardListView.as_view(), name="standard_list"),
    path("standards/<slug:slug>/", views.StandardDetailView.as_view(), name="standard_detail"),
    path("news/", views.ArticleListView.as_view(), name="article_list"),
    # Before news/<slug>/, so that the feeds are never taken for an article.
    path("news/feed/", require_safe(feeds.LatestArticlesFeed()), name="article_feed"),
    path("news/feed/atom/", require_safe(feeds.LatestArticlesAtomFeed()), name="article_feed_atom"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("publications/<slug:slug>/", views.PublicationDetailView.as_view(), name="publication_detail"),
]
