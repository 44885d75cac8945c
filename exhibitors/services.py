from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import EquipmentStatus, ReviewStatus
from .models import Booth, Equipment, Exhibitor

ACROSS, DOWN = "across", "down"


@transaction.atomic
def booths_generate_row(
    *, hall, booth_type, prefix, first_number, count, x, y, direction=ACROSS, gap=Decimal(0)
):
    """Lay out `count` booths of one type side by side from (x, y), numbered from
    `first_number` with `prefix` ("A-" gives A-101, A-102...). All of them or none: a code
    already taken or a booth outside the hall refuses the whole row with the reasons."""
    booths, errors = [], []
    for index in range(count):
        offset = index * ((booth_type.width if direction == ACROSS else booth_type.depth) + gap)
        booth = Booth(
            conference=hall.conference,
            hall=hall,
            booth_type=booth_type,
            code=f"{prefix}{first_number + index}",
            x=x + offset if direction == ACROSS else x,
            y=y if direction == ACROSS else y + offset,
            width=booth_type.width,
            depth=booth_type.depth,
            is_corner=index in (0, count - 1),
            open_sides=2 if index in (0, count - 1) else 1,
        )
        try:
            booth.full_clean()
        except ValidationError as error:
            errors.extend(f"{booth.code}: {message}" for message in error.messages)
        booths.append(booth)
    if errors:
        raise ValidationError(errors)
    return Booth.objects.bulk_create(booths)


def _review(queryset, *, model_status, decision, reason, extra):
    if decision == "rejected" and not reason.strip():
        raise ValidationError(_("Give the reason for the rejection; the exhibitor will see it."))
    return queryset.exclude(**{model_status: decision}).update(
        **{model_status: decision}, review_reason=reason.strip(), updated=timezone.now(), **extra
    )


@transaction.atomic
def exhibitor_review(*, exhibitors, decision, user, reason=""):
    """Approve or reject exhibitors (a rejection needs a reason); returns how many changed."""
    return _review(
        Exhibitor.objects.filter(pk__in=[e.pk for e in exhibitors]),
        model_status="review_status",
        decision=ReviewStatus(decision),
        reason=reason,
        extra={"reviewed_by": user, "reviewed_at": timezone.now()},
    )


@transaction.atomic
def equipment_review(*, items, decision, reason=""):
    """Publish or reject equipment listings (a rejection needs a reason)."""
    return _review(
        Equipment.objects.filter(pk__in=[item.pk for item in items]),
        model_status="status",
        decision=EquipmentStatus(decision),
        reason=reason,
        extra={},
    )
