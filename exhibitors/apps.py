from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Expo")

    def ready(self):
        from common import pagecache
        from standards.views import STANDARD_PAGE_EXTENSIONS

        from . import models
        from .selectors import conforming_equipment_context

        STANDARD_PAGE_EXTENSIONS.append(conforming_equipment_context)
        pagecache.watch(
            "expo",
            [
                models.Hall,
                models.BoothType,
                models.Booth,
                models.EquipmentCategory,
                models.Exhibitor,
                models.BoothReservation,
                models.Equipment,
                models.EquipmentImage,
            ],
        )
