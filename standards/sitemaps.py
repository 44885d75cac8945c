from django.contrib.sitemaps import Sitemap

from .models import Article, Publication, Standard


class StandardSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Standard.objects.order_by("code")

    def lastmod(self, item):
        return item.updated


class ArticleSitemap(StandardSitemap):
    def items(self):
        return Article.objects.published().order_by("-published_at", "pk")


class PublicationSitemap(StandardSitemap):
    def items(self):
        return Publication.objects.order_by("-year", "pk")
