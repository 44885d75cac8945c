import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .enums import OrganiserRole


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name. Use an IANA name such as Asia/Shanghai."),
            params={"value": value},
            code="invalid_time_zone",
        )


class ConferenceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Conference(TimeStampedModel):
    """One edition of the conference; everything in the programme and the expo hangs off one."""

    number = models.PositiveSmallIntegerField(
        _("edition number"), unique=True, help_text=_("12 for the 12th conference.")
    )
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    venue_name = models.CharField(_("venue"), max_length=200)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_current = models.BooleanField(
        _("current edition"),
        default=False,
        help_text=_("The edition the public site shows. Only one edition can be current."),
    )
    organisations = models.ManyToManyField(
        "Organisation",
        through="ConferenceOrganisation",
        related_name="conferences",
        verbose_name=_("organising bodies"),
    )

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("conference edition")
        verbose_name_plural = _("conference editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="events_conference_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            # The public site shows exactly one edition; the database refuses a second.
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="events_conference_single_current",
                violation_error_message=_(
                    "Another edition is already current. Use the “Make current” action "
                    "in the list of editions to switch."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_single_day(self):
        return self.start_date == self.end_date


class Organisation(TimeStampedModel):
    """A body that hosts, organises or supports editions of the conference."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class ConferenceOrganisation(models.Model):
    """The role a body plays in one edition, in the order the edition lists them."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="organising_bodies",
        verbose_name=_("conference edition"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganiserRole)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("organising body")
        verbose_name_plural = _("organising bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation", "role"],
                name="events_conferenceorganisation_unique_role",
                violation_error_message=_("This organisation already has this role."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"
