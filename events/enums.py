from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


# What visitors see: published sessions, and cancelled ones (struck through).
PUBLIC_SESSION_STATUSES = [SessionStatus.PUBLISHED, SessionStatus.CANCELLED]


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    CHAIR = "chair", _("Chair")
    MODERATOR = "moderator", _("Moderator")
    HOST = "host", pgettext_lazy("session role", "Host")


# The session kinds every installation starts with (migration 0004 creates them; the demo
# loader makes sure they exist): slug, Chinese name, English name.
DEFAULT_SESSION_KINDS = [
    ("ceremony", "仪式", "Ceremony"),
    ("keynote", "主旨报告", "Keynote"),
    ("forum", "论坛", "Forum"),
    ("panel", "圆桌对话", "Panel"),
    ("workshop", "研讨", "Workshop"),
    ("launch", "发布", "Launch"),
    ("break", "休息", "Break"),
]
