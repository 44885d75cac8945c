import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone

from events.selectors import current_conference

from .enums import BoothAvailability, ReservationStatus, ReviewStatus
from .models import Booth, BoothReservation, Equipment, EquipmentImage, Exhibitor


def confirmed_reservations():
    return BoothReservation.objects.filter(status=ReservationStatus.CONFIRMED).select_related("booth__hall")


def exhibitors_for_listing(queryset):
    """Exhibitors with their fields and confirmed booths (as `confirmed_reservations`)."""
    return queryset.prefetch_related(
        "categories",
        Prefetch("reservations", queryset=confirmed_reservations(), to_attr="confirmed_reservations"),
    )


def equipment_for_listing(queryset):
    """Listings with exhibitor, category and images in order (as `ordered_images`)."""
    return queryset.select_related("exhibitor", "category__parent").prefetch_related(
        Prefetch("images", queryset=EquipmentImage.objects.order_by("order", "pk"), to_attr="ordered_images")
    )


def public_equipment(conference):
    return Equipment.objects.public().filter(exhibitor__conference=conference)


def public_exhibitors(conference):
    return Exhibitor.objects.approved().filter(conference=conference)


@dataclass(frozen=True)
class PlanBooth:
    booth: Booth
    exhibitor: Exhibitor | None
    highlighted: bool


@dataclass(frozen=True)
class HallPlan:
    hall: object
    booths: list

    @property
    def free_count(self):
        return sum(item.booth.availability == BoothAvailability.AVAILABLE for item in self.booths)

    @property
    def view_box(self):
        # Half a metre of margin, so that the outline's stroke is not cut off.
        return f"-0.5 -0.5 {self.hall.width + 1} {self.hall.depth + 1}"


def hall_plans(conference, *, halls=None, booths=None, highlight=()):
    """Each hall with its booths (or only `booths`, ids), their availability and, for confirmed
    booths of approved exhibitors, the exhibitor. Three queries, whatever the number of booths."""
    halls = list(halls if halls is not None else conference.halls.all())
    shown = Booth.objects.filter(hall__in=halls)
    if booths is not None:
        shown = shown.filter(pk__in=booths)
    shown = shown.with_availability().order_by("code")
    exhibitors = {
        reservation.booth_id: reservation.exhibitor
        for reservation in BoothReservation.objects.filter(
            booth__in=shown.values("pk"),
            status=ReservationStatus.CONFIRMED,
            exhibitor__review_status=ReviewStatus.APPROVED,
        ).select_related("exhibitor")
    }
    by_hall = {hall.pk: [] for hall in halls}
    for booth in shown:
        by_hall[booth.hall_id].append(PlanBooth(booth, exhibitors.get(booth.pk), booth.code in highlight))
    return [HallPlan(hall, by_hall[hall.pk]) for hall in halls]


def booth_by_code(conference, text):
    """The booth whose code is `text` (in any case, full-width too), with its availability,
    hall and exhibitor, as the site search shows it; or None. Two queries at most."""
    # Compared without case, dashes or spaces: a101, A 101 and Ａ－１０１ all name A-101.
    key = re.sub(r"[-‐－\s]", "", unicodedata.normalize("NFKC", text)).upper()
    joined = Replace(Replace(Upper("code"), Value("-"), Value("")), Value(" "), Value(""))
    booth = (
        Booth.objects.filter(conference=conference)
        .annotate(joined_code=joined)
        .filter(joined_code=key)
        .with_availability()
        .select_related("hall", "booth_type")
        .first()
    )
    if booth is None:
        return None
    reservation = (
        BoothReservation.objects.filter(
            booth=booth, status=ReservationStatus.CONFIRMED, exhibitor__review_status=ReviewStatus.APPROVED
        )
        .select_related("exhibitor")
        .first()
    )
    return PlanBooth(booth, reservation.exhibitor if reservation else None, highlighted=True)


def booths_to_choose(conference, *, exhibitor, now=None):
    """The edition's booths for the exhibitor portal: hall, type and availability, and
    `is_mine` where the exhibitor's own live reservation (held or confirmed) occupies the booth."""
    now = now or timezone.now()
    mine = BoothReservation.objects.filter(booth=OuterRef("pk"), exhibitor=exhibitor).filter(
        Q(status=ReservationStatus.CONFIRMED) | Q(status=ReservationStatus.HELD, held_until__gt=now)
    )
    return (
        Booth.objects.filter(conference=conference)
        .with_availability(now)
        .annotate(is_mine=Exists(mine))
        .select_related("hall", "booth_type")
    )


def hall_of_booth(conference, code):
    """The id of the hall holding the booth with this code, or None."""
    return Booth.objects.filter(conference=conference, code=code).values_list("hall_id", flat=True).first()


def conforming_equipment_context(standard):
    """For the standard's page: public equipment of the current edition that conforms to it."""
    conference = current_conference()
    if conference is None:
        return {"conforming_equipment": []}
    equipment = equipment_for_listing(public_equipment(conference).filter(standards=standard)).order_by(
        "name"
    )
    return {"conforming_equipment": list(equipment[:24])}
