from django.apps import AppConfig
from django.db.models import IntegerField
from django.utils.translation import gettext_lazy as _

from .lookups import IntegerIn


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("shared pieces")

    def ready(self):
        from . import checks  # noqa: F401 (registers the deployment checks)

        IntegerField.register_lookup(IntegerIn)
