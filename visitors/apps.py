from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitorsConfig(AppConfig):
    name = "visitors"
    verbose_name = _("Visitors")

    def ready(self):
        from events.extensions import AGENDA_CALENDAR_SOURCES, AGENDA_SECTIONS
        from exhibitors.extensions import DASHBOARD_SECTIONS, EQUIPMENT_PAGE_ACTIONS, EXHIBITOR_PAGE_ACTIONS

        from .agenda import agenda_meetings, agenda_section

        DASHBOARD_SECTIONS.extend(
            ["visitors/includes/dashboard_leads.html", "visitors/includes/dashboard_meetings.html"]
        )
        EXHIBITOR_PAGE_ACTIONS.append("visitors/includes/exhibitor_actions.html")
        EQUIPMENT_PAGE_ACTIONS.append("visitors/includes/equipment_actions.html")
        AGENDA_SECTIONS.append(agenda_section)
        AGENDA_CALENDAR_SOURCES.append(agenda_meetings)
