from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganiserRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co_host", _("Co-host")
    ORGANISER = "organiser", _("Organiser")
    SUPPORTER = "supporter", _("Supporter")

    @property
    def heading(self):
        """How a group of bodies with this role is introduced on a page."""
        return {
            self.HOST: _("Hosted by"),
            self.CO_HOST: _("Co-hosted by"),
            self.ORGANISER: _("Organised by"),
            self.SUPPORTER: _("Supported by"),
        }[self]
