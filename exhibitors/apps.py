from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Expo")
