from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = _("Standards")

    def ready(self):
        from common import pagecache

        from . import search
        from .models import Article, Publication, Standard

        pagecache.watch("standards", [Standard, Article, Publication])
        search.register()
