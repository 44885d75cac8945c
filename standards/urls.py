from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

app_name = "standards"

# Placeholders until standards and news land, so that the navigation never leads to a 404.
urlpatterns = [
    path(
        "standards/",
        TemplateView.as_view(template_name="coming_soon.html", extra_context={"title": _("Standards")}),
        name="standard_list",
    ),
    path(
        "news/",
        TemplateView.as_view(template_name="coming_soon.html", extra_context={"title": _("News")}),
        name="article_list",
    ),
]
