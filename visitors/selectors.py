from django.db.models import Case, Count, Exists, OuterRef, Prefetch, When
from django.db.models.functions import TruncDate

from common.sorting import name_order
from exhibitors.models import EquipmentCategory
from exhibitors.selectors import public_equipment, public_exhibitors

from .badges import normalised
from .enums import MeetingStatus
from .models import Lead, Meeting, Registration


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


# Where a browser's Django session keeps the registration whose badge link it opened.
SIGNED_IN_PREFIX = "visitors:registration:"


def signed_in_key(conference):
    return f"{SIGNED_IN_PREFIX}{conference.pk}"


def signed_in_registration(request, conference):
    """The confirmed registration for the edition whose badge link this browser opened, or None."""
    registration_id = request.session.get(signed_in_key(conference))
    if registration_id is None:
        return None
    registrations = Registration.objects.confirmed().select_related("conference")
    return registrations.filter(pk=registration_id, conference=conference).first()


def meetings_for_listing(queryset):
    """Meetings with their visitor, exhibitor and whoever answered, by time."""
    return queryset.select_related("registration", "exhibitor", "decided_by").order_by("start", "pk")


def _accepted_overlapping(exhibitor_id, start, end, other_than):
    # Values for one meeting, or OuterRef()s for each row of a list.
    return Meeting.objects.filter(
        exhibitor_id=exhibitor_id, status=MeetingStatus.ACCEPTED, start__lt=end, end__gt=start
    ).exclude(pk=other_than)


def accepted_meetings_during(meeting):
    """The exhibitor's accepted meetings other than `meeting` whose time overlaps it."""
    overlapping = _accepted_overlapping(meeting.exhibitor_id, meeting.start, meeting.end, meeting.pk)
    return overlapping.select_related("registration").order_by("start", "pk")


def meetings_of_exhibitor(exhibitor):
    """The exhibitor's meeting requests: unanswered ones first, then by time; each knows
    whether it overlaps a meeting already accepted (`overlaps_accepted`), which a team may
    still want, so it is said, not refused."""
    overlapping = _accepted_overlapping(
        OuterRef("exhibitor_id"), OuterRef("start"), OuterRef("end"), OuterRef("pk")
    )
    return (
        meetings_for_listing(exhibitor.meetings.all())
        .annotate(overlaps_accepted=Exists(overlapping))
        .order_by(Case(When(status=MeetingStatus.REQUESTED, then=0), default=1), "start", "pk")
    )


def visitor_expo(registration):
    """What the visitor follows that is still on show, and their meetings, for their agenda:
    three queries."""
    conference = registration.conference
    exhibitors = public_exhibitors(conference).filter(followers=registration)
    equipment = public_equipment(conference).filter(followers=registration).select_related("exhibitor")
    return {
        "exhibitors": list(exhibitors.order_by(*name_order("name_sort"))),
        "equipment": list(equipment.order_by("name", "pk")),
        "meetings": list(meetings_for_listing(registration.meetings.all())),
    }
