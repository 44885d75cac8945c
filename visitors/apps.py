from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitorsConfig(AppConfig):
    name = "visitors"
    verbose_name = _("Visitors")

    def ready(self):
        from exhibitors.exhibit_views import DASHBOARD_SECTIONS

        DASHBOARD_SECTIONS.append("visitors/includes/dashboard_leads.html")
