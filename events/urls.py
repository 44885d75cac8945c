from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

app_name = "events"

# Placeholders until the programme lands (issue: the conference programme), so that the
# navigation never leads to a 404.
urlpatterns = [
    path(
        "schedule/",
        TemplateView.as_view(template_name="coming_soon.html", extra_context={"title": _("Programme")}),
        name="schedule",
    ),
    path(
        "speakers/",
        TemplateView.as_view(template_name="coming_soon.html", extra_context={"title": _("Speakers")}),
        name="speaker_list",
    ),
]
