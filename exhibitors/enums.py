from django.db import models
from django.utils.translation import gettext_lazy as _


class Pricing(models.TextChoices):
    PER_BOOTH = "per_booth", _("Per booth")
    PER_SQUARE_METRE = "per_m2", _("Per square metre (raw space)")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ReservationStatus(models.TextChoices):
    HELD = "held", _("Held")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


# Reservations that occupy their booth; the database allows one per booth.
ACTIVE_RESERVATION_STATUSES = [ReservationStatus.HELD, ReservationStatus.CONFIRMED]


class BoothAvailability(models.TextChoices):
    """Derived from reservations, never stored."""

    AVAILABLE = "available", _("Available")
    HELD = "held", _("Held")
    BOOKED = "booked", _("Booked")


class EquipmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
