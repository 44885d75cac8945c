from django.contrib.sitemaps import Sitemap

from .models import Session
from .selectors import current_conference, public_speakers


class ProgrammeSitemap(Sitemap):
    """The current edition's public pages of one kind, in both languages."""

    i18n = True
    alternates = True
    x_default = True
    # Items per sitemap page; with two languages each is two addresses and their alternates.
    limit = 5_000

    def lastmod(self, item):
        return item.updated


class SessionSitemap(ProgrammeSitemap):
    def items(self):
        conference = current_conference()
        if conference is None:
            return Session.objects.none()
        return conference.sessions.public().only("slug", "updated").order_by("start", "pk")


class SpeakerSitemap(ProgrammeSitemap):
    def items(self):
        conference = current_conference()
        if conference is None:
            return []
        return public_speakers(conference).only("slug", "updated").order_by("pk")
