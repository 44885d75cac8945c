from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Expo")

    def ready(self):
        from common import pagecache
        from common.sorting import keep_sort_key
        from standards.extensions import STANDARD_PAGE_EXTENSIONS

        from . import models, search
        from .selectors import conforming_equipment_context

        STANDARD_PAGE_EXTENSIONS.append(conforming_equipment_context)
        keep_sort_key(models.Exhibitor, source="name_zh_hans", target="name_sort")
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
        search.register()
