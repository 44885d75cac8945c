from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article
from .selectors import article_for_listing

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    """Standards news as RSS 2.0, in the language of the address (/news/feed/ or /en/...)."""

    title = _("Smart city standards news")
    description = _(
        "Standards news from the China Smart City Construction Technology Conference and Equipment Expo."
    )

    def link(self):
        return reverse("standards:article_list")

    def items(self):
        return article_for_listing(Article.objects.published())[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [standard.code for standard in item.related_standards.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
