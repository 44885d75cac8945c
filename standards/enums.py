from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DRAFTING = "drafting", _("Drafting")
    APPROVED = "approved", _("Approved for formulation")
    ISSUED = "issued", _("Issued")
    IN_FORCE = "in_force", _("In force")
    REVISED = "revised", _("Revised")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StandardCategory(models.TextChoices):
    BASIC = "basic", _("Basic and general")
    TECHNOLOGY = "technology", _("Technology")
    MANAGEMENT = "management", _("Management")
    SERVICE = "service", _("Service")
    SECURITY = "security", _("Security")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
