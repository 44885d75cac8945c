from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from common.ratelimit import SignInGuard, wait_message

from . import figures


class PortalAdminSite(admin.AdminSite):
    """The back office: Django's admin with the portal's titles and a throttled sign-in."""

    site_header = _("Smart City Expo back office")
    site_title = _("Smart City Expo back office")
    index_title = _("Run the conference")

    def get_urls(self):
        figures_view = self.admin_view(partial(figures.figures_view, site=self))
        return [path("figures/", figures_view, name="figures"), *super().get_urls()]

    def get_app_list(self, request, app_label=None):
        # The figures page heads the expo's section, in the index and the side bar alike.
        app_list = super().get_app_list(request, app_label)
        expo = next((app for app in app_list if app["app_label"] == "exhibitors"), None)
        if expo is not None and figures.may_view_figures(request.user):
            expo["models"].insert(
                0,
                {
                    "name": _("The expo at a glance"),
                    "object_name": "Figures",
                    "admin_url": reverse("admin:figures", current_app=self.name),
                    "add_url": None,
                    "view_only": True,
                    "perms": {"view": True},
                },
            )
        return app_list

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        guard = SignInGuard(
            action="admin-sign-in",
            limit=settings.ADMIN_SIGN_IN_LIMIT,
            window=settings.EXHIBIT_RATE_WINDOW_SECONDS,
        )
        return guard.sign_in(
            request,
            request.POST.get("username", ""),
            attempt=lambda: super(PortalAdminSite, self).login(request, extra_context),
            refuse=lambda seconds: self.refused_login(request, seconds),
        )

    def refused_login(self, request, seconds):
        """The sign-in page again, with when to try again and nothing checked."""
        messages.error(request, wait_message(seconds))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "app_path": request.get_full_path(),
            "form": AdminAuthenticationForm(request),
            REDIRECT_FIELD_NAME: request.GET.get(REDIRECT_FIELD_NAME, ""),
        }
        return TemplateResponse(request, self.login_template or "admin/login.html", context)
