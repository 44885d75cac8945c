from django.db.models import Count, Prefetch
from django.db.models.functions import TruncDate

from exhibitors.models import EquipmentCategory

from .badges import normalised
from .models import Lead, Registration


def registration_by_badge_code(typed, *, conference):
    """The edition's registration with this badge code (typed with or without dashes, in any
    case), or None."""
    code = normalised(typed)
    if not code:
        return None
    return (
        Registration.objects.select_related("checked_in_by")
        .filter(conference=conference, badge_code=code)
        .first()
    )


def registration_counts(registrations, *, zone):
    """Registrations and check-ins per day (in `zone`), and registrations per interest, of a
    queryset of registrations: three queries, whatever their number."""
    days = registrations_per_day(registrations, zone=zone)
    interests = list(
        EquipmentCategory.objects.filter(visitor_registrations__in=registrations.order_by().values("pk"))
        .annotate(count=Count("visitor_registrations"))
        .order_by("-count", "order", "pk")
    )
    return {"days": days, "interests": interests}


def registrations_per_day(registrations, *, zone):
    """Registrations and check-ins per day (in `zone`) of a queryset of registrations, oldest day
    first: two queries, whatever their number."""
    registrations = registrations.order_by()
    registered = dict(
        registrations.annotate(day=TruncDate("created", tzinfo=zone))
        .values_list("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    checked_in = dict(
        registrations.filter(checked_in_at__isnull=False)
        .annotate(day=TruncDate("checked_in_at", tzinfo=zone))
        .values_list("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    return [
        {"day": day, "registered": registered.get(day, 0), "checked_in": checked_in.get(day, 0)}
        for day in sorted({*registered, *checked_in})
    ]


def leads_of(exhibitor):
    """The exhibitor's leads, newest first, each with its visitor's registration, interests and
    the team member who scanned it: three queries, whatever their number."""
    return (
        Lead.objects.filter(exhibitor=exhibitor)
        .select_related("registration", "scanned_by")
        .prefetch_related(
            Prefetch("registration__interests", queryset=EquipmentCategory.objects.order_by("order", "pk"))
        )
        .order_by("-created", "-pk")
    )
