from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, on the portal's own site (see portal.adminsite)."""

    default = False  # portal's own AppConfig stays the default of this module
    default_site = "portal.adminsite.PortalAdminSite"
