from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import TimeStampedModel
from common.storage import private_storage
from events.models import Conference
from standards.models import Standard

from .enums import (
    ACTIVE_RESERVATION_STATUSES,
    BoothAvailability,
    EquipmentStatus,
    Pricing,
    ReservationStatus,
    ReviewStatus,
)

METRES = {"max_digits": 6, "decimal_places": 1}


class Hall(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="halls", verbose_name=_("conference edition")
    )
    name = models.CharField(_("name"), max_length=100)
    width = models.DecimalField(_("plan width (m)"), **METRES)
    depth = models.DecimalField(_("plan depth (m)"), **METRES)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        constraints = [
            models.CheckConstraint(
                condition=Q(width__gt=0) & Q(depth__gt=0),
                name="exhibitors_hall_has_size",
                violation_error_message=_("A hall needs a width and a depth above zero."),
            ),
        ]

    def __str__(self):
        return self.name


class BoothType(models.Model):
    """What is sold: a 3 m × 3 m shell booth is the common unit; raw space is priced per m²."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="booth_types", verbose_name=_("conference edition")
    )
    name = models.CharField(_("name"), max_length=100)
    width = models.DecimalField(_("width (m)"), default=Decimal("3"), **METRES)
    depth = models.DecimalField(_("depth (m)"), default=Decimal("3"), **METRES)
    pricing = models.CharField(_("pricing"), max_length=10, choices=Pricing, default=Pricing.PER_BOOTH)
    price = models.DecimalField(_("price (CNY)"), max_digits=10, decimal_places=2)
    includes = models.TextField(_("what is included"), blank=True, max_length=2_000)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("booth type")
        verbose_name_plural = _("booth types")
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="exhibitors_boothtype_price_not_negative"),
        ]

    def __str__(self):
        return self.name


class BoothQuerySet(models.QuerySet):
    def with_availability(self, now=None):
        """Each booth with `is_booked` and `is_held`: a hold past its deadline counts as free
        at once, before any job marks it expired."""
        now = now or timezone.now()
        reservations = BoothReservation.objects.filter(booth=OuterRef("pk"))
        return self.annotate(
            is_booked=Exists(reservations.filter(status=ReservationStatus.CONFIRMED)),
            is_held=Exists(reservations.filter(status=ReservationStatus.HELD, held_until__gt=now)),
        )

    def available(self, now=None):
        return self.with_availability(now).filter(is_booked=False, is_held=False)


class Booth(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="booths", verbose_name=_("conference edition")
    )
    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="booths", verbose_name=_("hall"))
    booth_type = models.ForeignKey(
        BoothType, on_delete=models.PROTECT, related_name="booths", verbose_name=_("booth type")
    )
    code = models.CharField(pgettext_lazy("booth", "code"), max_length=20, help_text=_("Such as A-101."))
    x = models.DecimalField(_("x (m from the left)"), **METRES)
    y = models.DecimalField(_("y (m from the top)"), **METRES)
    width = models.DecimalField(_("width (m)"), **METRES)
    depth = models.DecimalField(_("depth (m)"), **METRES)
    price_override = models.DecimalField(
        _("price override (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    is_corner = models.BooleanField(_("corner booth"), default=False)
    open_sides = models.PositiveSmallIntegerField(_("open sides"), default=1)

    objects = BoothQuerySet.as_manager()

    class Meta:
        ordering = ["hall__order", "code"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "code"],
                name="exhibitors_booth_unique_code",
                violation_error_message=_("This edition already has a booth with this code."),
            ),
            models.CheckConstraint(
                condition=Q(width__gt=0) & Q(depth__gt=0) & Q(x__gte=0) & Q(y__gte=0),
                name="exhibitors_booth_on_the_plan",
                violation_error_message=_("A booth needs a size above zero and a position inside the hall."),
            ),
            models.CheckConstraint(
                condition=Q(open_sides__gte=1) & Q(open_sides__lte=4),
                name="exhibitors_booth_open_sides",
                violation_error_message=_("A booth has one to four open sides."),
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        if not (self.hall_id and self.x is not None and self.y is not None and self.width and self.depth):
            return
        errors = {}
        if self.conference_id and self.hall.conference_id != self.conference_id:
            errors["hall"] = _("Choose a hall of the same edition as the booth.")
        if self.x + self.width > self.hall.width or self.y + self.depth > self.hall.depth:
            errors["x"] = _("The booth reaches outside the hall (%(width)s m × %(depth)s m).") % {
                "width": floatformat(self.hall.width, -1),
                "depth": floatformat(self.hall.depth, -1),
            }
        if errors:
            raise ValidationError(errors)

    @property
    def area(self):
        return self.width * self.depth

    @property
    def price(self):
        """The price in CNY: the override, or the type's price (per booth or per m²)."""
        if self.price_override is not None:
            return self.price_override
        if self.booth_type.pricing == Pricing.PER_SQUARE_METRE:
            return (self.booth_type.price * self.area).quantize(Decimal("0.01"))
        return self.booth_type.price

    @property
    def availability(self):
        """Needs `with_availability()`."""
        if self.is_booked:
            return BoothAvailability.BOOKED
        if self.is_held:
            return BoothAvailability.HELD
        return BoothAvailability.AVAILABLE


class EquipmentCategory(models.Model):
    """Two levels: fields such as IoT sensing, and kinds of equipment within them."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("equipment category")
        verbose_name_plural = _("equipment categories")

    def __str__(self):
        return f"{self.parent} › {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError({"parent": _("Categories have two levels: choose a top-level parent.")})


class ExhibitorQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(review_status=ReviewStatus.APPROVED)


class Exhibitor(TimeStampedModel):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("conference edition")
    )
    name = models.CharField(_("company name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    logo = models.ImageField(_("logo"), upload_to="exhibitors/", blank=True)
    logo_thumbnail = models.ImageField(
        _("logo thumbnail"), upload_to="exhibitors/", blank=True, editable=False
    )
    description = models.TextField(_("description"), blank=True, max_length=5_000)
    website = models.URLField(_("website"), blank=True)
    country = models.CharField(_("country"), max_length=100, default="中国")
    region = models.CharField(_("region"), max_length=100, blank=True, help_text=_("Province or city."))
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    categories = models.ManyToManyField(
        EquipmentCategory,
        blank=True,
        related_name="exhibitors",
        limit_choices_to={"parent__isnull": True},
        verbose_name=_("fields"),
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="exhibitors", verbose_name=_("managing accounts")
    )
    review_status = models.CharField(
        _("review status"), max_length=20, choices=ReviewStatus, default=ReviewStatus.PENDING
    )
    review_reason = models.TextField(_("reason given"), blank=True, max_length=2_000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = ExhibitorQuerySet.as_manager()

    # The Chinese name in pinyin, for lists in Chinese (common.sorting; kept by a signal).
    name_sort = models.CharField(_("sort key"), max_length=300, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="exhibitors_exhibitor_unique_slug",
                violation_error_message=_("This edition already has an exhibitor with this slug."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exhibitors:exhibitor_detail", kwargs={"slug": self.slug})


class BoothReservation(TimeStampedModel):
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.PROTECT, related_name="reservations", verbose_name=_("exhibitor")
    )
    booth = models.ForeignKey(
        Booth, on_delete=models.PROTECT, related_name="reservations", verbose_name=_("booth")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReservationStatus, default=ReservationStatus.HELD
    )
    price = models.DecimalField(_("price at reservation (CNY)"), max_digits=10, decimal_places=2)
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    reason = models.TextField(_("reason given"), blank=True, max_length=2_000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("booth reservation")
        verbose_name_plural = _("booth reservations")
        constraints = [
            # The final guard against double booking: whatever races above it, the database
            # keeps at most one held or confirmed reservation per booth.
            models.UniqueConstraint(
                fields=["booth"],
                condition=Q(status__in=ACTIVE_RESERVATION_STATUSES),
                name="exhibitors_reservation_one_active_per_booth",
                violation_error_message=_("This booth is already held or confirmed for an exhibitor."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReservationStatus.HELD) | Q(held_until__isnull=False),
                name="exhibitors_reservation_hold_has_deadline",
                violation_error_message=_("A held reservation needs a deadline."),
            ),
        ]

    def __str__(self):
        return f"{self.booth} · {self.exhibitor} ({self.get_status_display()})"


class EquipmentQuerySet(models.QuerySet):
    def public(self):
        """Published listings of approved exhibitors."""
        return self.filter(status=EquipmentStatus.PUBLISHED, exhibitor__review_status=ReviewStatus.APPROVED)


class Equipment(TimeStampedModel):
    """An exhibitor's product listing."""

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="equipment", verbose_name=_("exhibitor")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    category = models.ForeignKey(
        EquipmentCategory, on_delete=models.PROTECT, related_name="equipment", verbose_name=_("category")
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    # Private until the listing is published: served by exhibitors.views.private_file.
    spec_sheet = models.FileField(
        _("spec sheet (PDF)"), upload_to="equipment/specs/", storage=private_storage, blank=True
    )
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="conforming_equipment", verbose_name=_("conforms to")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EquipmentStatus, default=EquipmentStatus.DRAFT
    )
    review_reason = models.TextField(_("reason given"), blank=True, max_length=2_000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        ordering = ["exhibitor", "order", "pk"]
        indexes = [
            # The catalogue lists public listings by name in the visitor's language, 24 at a
            # time out of tens of thousands: walked in index order, not sorted whole.
            models.Index(fields=["name_zh_hans", "id"], name="exhibitors_equipment_name_zh"),
            models.Index(fields=["name_en", "id"], name="exhibitors_equipment_name_en"),
            models.Index(fields=["status", "exhibitor"], name="exhibitors_equipment_public"),
        ]
        verbose_name = _("equipment listing")
        verbose_name_plural = _("equipment listings")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exhibitors:equipment_detail", kwargs={"slug": self.slug})


class EquipmentImage(models.Model):
    equipment = models.ForeignKey(
        Equipment, on_delete=models.CASCADE, related_name="images", verbose_name=_("equipment listing")
    )
    image = models.ImageField(_("image"), upload_to="equipment/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="equipment/", blank=True, editable=False)
    alt_text = models.CharField(_("description for screen readers"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("equipment image")
        verbose_name_plural = _("equipment images")

    def __str__(self):
        return self.alt_text or self.image.name
