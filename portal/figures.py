"""The expo at a glance, for organisers: booths, reserved area and revenue, visitors and leads
of one edition, each in a fixed number of queries whatever the edition's size."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Conference
from exhibitors.enums import ReservationStatus
from exhibitors.models import Booth, BoothReservation, BoothType, Exhibitor, Hall
from visitors.models import Lead, Registration
from visitors.selectors import registrations_per_day

TOP_EXHIBITORS = 20

# The rows the page counts; an organiser sees them, a member of staff without these does not.
# (Leads have no admin page of their own; the page shows only their number per exhibitor.)
PERMISSIONS = [
    "exhibitors.view_booth",
    "exhibitors.view_boothreservation",
    "exhibitors.view_exhibitor",
    "visitors.view_registration",
]

AMOUNT = DecimalField(max_digits=14, decimal_places=2)
BOOTH_STATUSES = ["confirmed", "held", "free"]
RESERVATION_SUMS = [
    f"{status}_{measure}" for status in ("confirmed", "held") for measure in ("booths", "area", "revenue")
]


def may_view_figures(user):
    return user.is_active and user.is_staff and user.has_perms(PERMISSIONS)


def edition_for(number):
    """The edition with this number (as typed in the address), else the current one, else the
    latest; None when there is none of the kind asked for."""
    editions = Conference.objects.all()
    if number is not None:
        if not number.isdigit() or len(number) > 5:
            return None
        return editions.filter(number=int(number)).first()
    return editions.order_by("-is_current", "-start_date").first()


def booths_by_hall(conference, *, now):
    """Each hall with its booths counted as confirmed, held and free, as the floor plan shows
    them (`with_availability`: a hold past its deadline is free): two queries."""
    counted = (
        Booth.objects.filter(conference=conference)
        .with_availability(now)
        .order_by()
        .values("hall")
        .annotate(
            confirmed=Count("pk", filter=Q(is_booked=True)),
            held=Count("pk", filter=Q(is_booked=False, is_held=True)),
            free=Count("pk", filter=Q(is_booked=False, is_held=False)),
        )
    )
    counts = {row.pop("hall"): row for row in counted}
    nothing = dict.fromkeys(BOOTH_STATUSES, 0)
    return [
        {"hall": hall, **counts.get(hall.pk, nothing)} for hall in Hall.objects.filter(conference=conference)
    ]


def reservations_by_booth_type(conference, *, now):
    """Each booth type with the booths, area (m²) and recorded prices (CNY) of its confirmed and
    of its held reservations (live holds only, as on the floor plan): two queries."""
    statuses = {
        "confirmed": Q(status=ReservationStatus.CONFIRMED),
        "held": Q(status=ReservationStatus.HELD, held_until__gt=now),
    }
    area = ExpressionWrapper(F("booth__width") * F("booth__depth"), output_field=AMOUNT)
    sums = {}
    for status, condition in statuses.items():
        sums[f"{status}_booths"] = Count("pk", filter=condition)
        sums[f"{status}_area"] = Sum(area, filter=condition, default=0, output_field=AMOUNT)
        sums[f"{status}_revenue"] = Sum("price", filter=condition, default=0, output_field=AMOUNT)
    summed = (
        BoothReservation.objects.filter(booth__conference=conference)
        .filter(statuses["confirmed"] | statuses["held"])
        .order_by()
        .values("booth__booth_type")
        .annotate(**sums)
    )
    by_type = {row.pop("booth__booth_type"): row for row in summed}
    nothing = dict.fromkeys(RESERVATION_SUMS, 0)
    return [
        {"booth_type": booth_type, **by_type.get(booth_type.pk, nothing)}
        for booth_type in BoothType.objects.filter(conference=conference)
    ]


def leads_by_exhibitor(conference, *, top=TOP_EXHIBITORS):
    """The `top` exhibitors by leads (most first), and the edition's leads and exhibitors with
    leads in all: two queries."""
    totals = Lead.objects.filter(exhibitor__conference=conference).aggregate(
        total=Count("pk"), exhibitor_count=Count("exhibitor", distinct=True)
    )
    exhibitors = (
        Exhibitor.objects.filter(conference=conference)
        .annotate(lead_count=Count("leads"))
        .filter(lead_count__gt=0)
        .order_by("-lead_count", "name", "pk")[:top]
    )
    return {"exhibitors": list(exhibitors), **totals}


def expo_figures(conference, *, now=None):
    """All four figures of one edition: eight queries, whatever its size. Days are counted in
    the edition's time zone."""
    now = now or timezone.now()
    halls = booths_by_hall(conference, now=now)
    booth_types = reservations_by_booth_type(conference, now=now)
    registrations = Registration.objects.filter(conference=conference)
    days = registrations_per_day(registrations, zone=conference.zone)
    return {
        "halls": halls,
        "hall_totals": {key: sum(row[key] for row in halls) for key in BOOTH_STATUSES},
        "booth_types": booth_types,
        "booth_type_totals": {key: sum(row[key] for row in booth_types) for key in RESERVATION_SUMS},
        "days": days,
        "day_totals": {key: sum(row[key] for row in days) for key in ("registered", "checked_in")},
        "leads": leads_by_exhibitor(conference),
    }


def figures_view(request, *, site):
    """The expo at a glance (admin/figures.html), for the edition in `?edition=` or the current
    one."""
    if not may_view_figures(request.user):
        raise PermissionDenied
    conference = edition_for(request.GET.get("edition"))
    if conference is None:
        raise Http404(_("There is no such edition."))
    figures = expo_figures(conference)
    context = {
        **site.each_context(request),
        "title": _("The expo at a glance"),
        "conference": conference,
        "editions": Conference.objects.order_by("-start_date", "-number"),
        "top_exhibitors": TOP_EXHIBITORS,
        **figures,
    }
    return TemplateResponse(request, "admin/figures.html", context)
