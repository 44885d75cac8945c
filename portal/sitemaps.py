from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from standards.sitemaps import ArticleSitemap, PublicationSitemap, StandardSitemap


class SectionSitemap(Sitemap):
    """The home page and the section pages, in both languages."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "events:schedule",
            "events:speaker_list",
            "exhibitors:exhibitor_list",
            "exhibitors:equipment_list",
            "exhibitors:floor_plan",
            "events:schedule_grid",
            "events:changes",
            "standards:standard_list",
            "standards:article_list",
            "standards:publication_list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "standards": StandardSitemap,
    "news": ArticleSitemap,
    "publications": PublicationSitemap,
}
