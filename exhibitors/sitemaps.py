from events.selectors import current_conference
from events.sitemaps import ProgrammeSitemap

from .models import Equipment, Exhibitor
from .selectors import public_equipment, public_exhibitors


class ExhibitorSitemap(ProgrammeSitemap):
    def items(self):
        conference = current_conference()
        if conference is None:
            return Exhibitor.objects.none()
        return public_exhibitors(conference).only("slug", "updated").order_by("pk")


class EquipmentSitemap(ProgrammeSitemap):
    def items(self):
        conference = current_conference()
        if conference is None:
            return Equipment.objects.none()
        return public_equipment(conference).only("slug", "updated").order_by("pk")
