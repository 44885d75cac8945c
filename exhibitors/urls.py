from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

app_name = "exhibitors"

# Placeholders until the expo lands, so that the navigation never leads to a 404.
urlpatterns = [
    path(
        "exhibitors/",
        TemplateView.as_view(template_name="coming_soon.html", extra_context={"title": _("Exhibitors")}),
        name="exhibitor_list",
    ),
    path(
        "equipment/",
        TemplateView.as_view(template_name="coming_soon.html", extra_context={"title": _("Equipment")}),
        name="equipment_list",
    ),
    path(
        "floor-plan/",
        TemplateView.as_view(template_name="coming_soon.html", extra_context={"title": _("Floor plan")}),
        name="floor_plan",
    ),
]
