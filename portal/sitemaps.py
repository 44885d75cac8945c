from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.sitemaps import SessionSitemap, SpeakerSitemap
from exhibitors.sitemaps import EquipmentSitemap, ExhibitorSitemap
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
            "visitors:register",
        ]

    def location(self, item):
        return reverse(item)


# /sitemap.xml is an index of one sitemap per kind (paged beyond 5,000 items), so that 20,000
# equipment pages in two languages do not make one file of many megabytes.
SITEMAPS = {
    "sections": SectionSitemap,
    "sessions": SessionSitemap,
    "speakers": SpeakerSitemap,
    "exhibitors": ExhibitorSitemap,
    "equipment": EquipmentSitemap,
    "standards": StandardSitemap,
    "news": ArticleSitemap,
    "publications": PublicationSitemap,
}
