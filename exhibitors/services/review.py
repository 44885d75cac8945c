"""Writes of the organisers' review: approving or rejecting companies and equipment listings,
a rejection always with the reason the exhibitor sees."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import pagecache

from .. import search as expo_search
from ..enums import EquipmentStatus, ReviewStatus
from ..models import Equipment, Exhibitor


def _review(queryset, *, model_status, decision, reason, extra):
    if decision == "rejected" and not reason.strip():
        raise ValidationError(_("Give the reason for the rejection; the exhibitor will see it."))
    pagecache.retire("expo")
    ids = list(queryset.exclude(**{model_status: decision}).values_list("pk", flat=True))
    changed = queryset.filter(pk__in=ids).update(
        **{model_status: decision}, review_reason=reason.strip(), updated=timezone.now(), **extra
    )
    expo_search.reviewed(queryset.model, ids)
    return changed


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
