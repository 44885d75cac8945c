"""The edition and who organises it: Conference (one edition of the conference, which everything
in the programme and the expo hangs off), the bodies that host, organise or support it, and the
time-zone helpers the edition's days are reckoned with."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel

from ..enums import OrganiserRole


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name. Use an IANA name such as Asia/Shanghai."),
            params={"value": value},
            code="invalid_time_zone",
        )


def local_midnight(day, time_zone):
    """The moment `day` begins in a time zone, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(time_zone))


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
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    acronym = models.SlugField(
        _("acronym"),
        max_length=50,
        blank=True,
        help_text=_("Short name schedule apps know the edition by, such as smartcity12. Empty: smartcity12."),
    )
    day_change = models.TimeField(
        _("day change"),
        default=datetime.time(0),
        help_text=_(
            "When one conference day ends and the next begins. Sessions before it belong to the day before."
        ),
    )
    timeslot_minutes = models.PositiveSmallIntegerField(
        _("time slot (minutes)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("The step of the programme's times, given to schedule apps."),
    )
    # The expo's hall doors, the same every day of the edition: meetings with exhibitors are
    # requested within them.
    expo_opens = models.TimeField(_("expo opens"), default=datetime.time(9))
    expo_closes = models.TimeField(_("expo closes"), default=datetime.time(17))
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
            models.CheckConstraint(
                condition=Q(expo_closes__gt=F("expo_opens")),
                name="events_conference_expo_closes_after_opening",
                violation_error_message=_("The expo must close after it opens."),
            ),
            # An import finds its edition by acronym, and schedule apps key editions on it.
            models.UniqueConstraint(
                fields=["acronym"],
                condition=~Q(acronym=""),
                name="events_conference_unique_acronym",
                violation_error_message=_("Another edition already has this acronym."),
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

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def day_of(self, moment):
        """The conference day a moment belongs to: before the day change (06:00, say), the day
        before, as frab counts a session at 00:30 into the evening before it."""
        shift = datetime.timedelta(hours=self.day_change.hour, minutes=self.day_change.minute)
        return (moment.astimezone(self.zone) - shift).date()

    @property
    def day_after_last_day_ends(self):
        """Midnight at the end of the day after the last day: no session of the edition ends later."""
        return datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=2), datetime.time(0), tzinfo=self.zone
        )

    def day_begins(self, day):
        """The moment a conference day begins: its date at the day change, in the edition's zone."""
        return datetime.datetime.combine(day, self.day_change, tzinfo=self.zone)

    @property
    def opens_at(self):
        return local_midnight(self.start_date, self.time_zone)

    @property
    def closes_at(self):
        return local_midnight(self.end_date + datetime.timedelta(days=1), self.time_zone)

    @property
    def has_ended(self):
        return timezone.now() >= self.closes_at


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
