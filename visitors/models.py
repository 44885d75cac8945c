from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from events.models import Agenda, Conference
from exhibitors.models import Equipment, EquipmentCategory, Exhibitor

from .badges import LENGTH, grouped
from .enums import MeetingStatus

# Loose on purpose: visitors come from many countries and write numbers in many ways.
validate_mobile = RegexValidator(
    r"^(?=(?:\D*\d){6})[0-9 +\-]{6,20}$",
    _("Enter a mobile number of 6 to 20 characters: digits, spaces, + and - only."),
    code="invalid_mobile",
)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def checked_in(self):
        return self.filter(checked_in_at__isnull=False)


class Registration(TimeStampedModel):
    """A visitor registered for one edition of the expo, with a badge to show at the entrance."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="visitor_registrations",
        verbose_name=_("conference edition"),
    )
    name = models.CharField(_("name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=100, blank=True)
    # Stored lower-cased, so that the unique constraint holds whatever the case typed.
    email = models.EmailField(_("e-mail"), max_length=254)
    mobile = models.CharField(_("mobile number"), max_length=20, validators=[validate_mobile])
    interests = models.ManyToManyField(
        EquipmentCategory,
        blank=True,
        related_name="visitor_registrations",
        verbose_name=_("interests"),
        limit_choices_to={"parent__isnull": True},
    )
    share_contact = models.BooleanField(
        _("shares contact details with exhibitors who scan the badge"), default=False
    )
    badge_code = models.CharField(_("badge code"), max_length=LENGTH, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visitor_check_ins",
        verbose_name=_("checked in by"),
    )

    # What the visitor follows at the expo, beside the sessions starred in their agenda. The
    # agenda is the one this visitor's browsers share once the badge link is opened in them.
    agenda = models.OneToOneField(
        Agenda,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="registration",
        verbose_name=_("personal agenda"),
    )
    followed_exhibitors = models.ManyToManyField(
        Exhibitor, blank=True, related_name="followers", verbose_name=_("followed exhibitors")
    )
    followed_equipment = models.ManyToManyField(
        Equipment, blank=True, related_name="followers", verbose_name=_("followed equipment")
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "pk"]
        verbose_name = _("visitor registration")
        verbose_name_plural = _("visitor registrations")
        permissions = [("check_in_registration", _("Can check visitors in"))]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "email"],
                name="visitors_registration_unique_email",
                violation_error_message=_("This e-mail address is already registered for this edition."),
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=False) | Q(checked_in_by__isnull=True),
                name="visitors_registration_checked_in_by_needs_time",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def grouped_badge_code(self):
        return grouped(self.badge_code)

    def clean(self):
        self.email = (self.email or "").strip().lower()
        if self.checked_in_by_id and not self.checked_in_at:
            raise ValidationError({"checked_in_at": _("Say when the visitor checked in.")})


class Lead(TimeStampedModel):
    """A visitor whose badge an exhibitor's team scanned at the booth, with the team's note and
    rating. The visitor's contact details come from the registration, and only when the visitor
    agreed to share them (`contact`)."""

    RATINGS = [(number, str(number)) for number in range(1, 6)]

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="leads", verbose_name=_("exhibitor")
    )
    # CASCADE, not PROTECT: a lead is the exhibitor's copy of nothing but a link to the visitor's
    # registration, and a visitor who asks to be removed must be removable (PIPL) without
    # first asking every exhibitor that scanned the badge to delete its lead.
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="leads", verbose_name=_("visitor registration")
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), choices=RATINGS, null=True, blank=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scanned_leads",
        verbose_name=_("scanned by"),
    )

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "registration"],
                name="visitors_lead_unique_registration",
                violation_error_message=_("This visitor is already one of your leads."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="visitors_lead_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor} · {self.registration_id}"

    def get_absolute_url(self):
        return reverse("visitors:lead_edit", args=[self.pk])

    @property
    def contact(self):
        """The visitor's contact details when the visitor agreed to share them, else None: the
        one place the consent rule is kept, for the pages and the CSV alike."""
        registration = self.registration
        if not registration.share_contact:
            return None
        return {
            "name": registration.name,
            "organisation": registration.organisation,
            "position": registration.position,
            "email": registration.email,
            "mobile": registration.mobile,
        }


ONE_OPEN_REQUEST = _(
    "You have already asked this exhibitor for a meeting. Wait for the answer, or cancel that request first."
)


class MeetingQuerySet(models.QuerySet):
    def open(self):
        """Requested or accepted: the meetings that still take the visitor's time."""
        return self.filter(status__in=[MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED])

    def accepted(self):
        return self.filter(status=MeetingStatus.ACCEPTED)


class Meeting(TimeStampedModel):
    """A registered visitor's request to meet an exhibitor at its booth, at a time within the
    expo's opening hours, and the exhibitor's answer."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("visitor registration"),
    )
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("exhibitor")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    message = models.TextField(
        _("message"), max_length=1000, blank=True, validators=[MaxLengthValidator(1000)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus, default=MeetingStatus.REQUESTED
    )
    reply = models.TextField(_("reply"), max_length=1000, blank=True, validators=[MaxLengthValidator(1000)])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_decisions",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="visitors_meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            # One unanswered request per visitor and exhibitor: a second waits for the answer.
            models.UniqueConstraint(
                fields=["registration", "exhibitor"],
                condition=Q(status=MeetingStatus.REQUESTED),
                name="visitors_meeting_one_open_request",
                violation_error_message=ONE_OPEN_REQUEST,
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor} · {self.registration.name}"

    @property
    def is_open(self):
        return self.status in (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED)

    def can_be_cancelled(self, now=None):
        """What services.meeting_cancel allows: withdrawing a request, or calling off an accepted
        meeting that has not begun."""
        if self.status == MeetingStatus.ACCEPTED:
            return self.start > (now or timezone.now())
        return self.status == MeetingStatus.REQUESTED
