from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Expo")

    def ready(self):
        from standards.views import STANDARD_PAGE_EXTENSIONS

        from .selectors import conforming_equipment_context

        STANDARD_PAGE_EXTENSIONS.append(conforming_equipment_context)
