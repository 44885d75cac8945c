"""The admin of booth reservations: held ones first, nearest deadline on top, confirmed or
rejected with a reason by the organisers; never typed in here."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import MalformedPostMixin

from .. import services
from ..enums import ReservationStatus
from ..models import BoothReservation
from .review import reject_with_reason


class HeldUntilListFilter(admin.SimpleListFilter):
    """What is held and about to expire, for the organisers' daily round."""

    title = _("held until")
    parameter_name = "held_until"

    def lookups(self, request, model_admin):
        return [
            ("24h", _("Expires within 24 hours")),
            ("3d", _("Expires within 3 days")),
            ("lapsed", _("Deadline passed")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        held = queryset.filter(status=ReservationStatus.HELD)
        if self.value() == "24h":
            return held.filter(held_until__gt=now, held_until__lte=now + datetime.timedelta(hours=24))
        if self.value() == "3d":
            return held.filter(held_until__gt=now, held_until__lte=now + datetime.timedelta(days=3))
        if self.value() == "lapsed":
            return held.filter(held_until__lte=now)
        return queryset


@admin.register(BoothReservation)
class BoothReservationAdmin(MalformedPostMixin, admin.ModelAdmin):
    list_display = ["booth", "exhibitor", "status", "price", "held_until", "decided_by", "created"]
    list_filter = ["status", HeldUntilListFilter, "booth__hall"]
    list_select_related = ["booth", "exhibitor", "decided_by"]
    search_fields = ["booth__code", "exhibitor__name_zh_hans", "exhibitor__name_en"]
    autocomplete_fields = ["exhibitor", "booth"]
    readonly_fields = ["status", "price", "held_until", "reason", "decided_by", "decided_at"]
    date_hierarchy = "created"
    # Held reservations (the ones waiting for a decision) first, the nearest deadline on top.
    ordering = [
        Case(When(status=ReservationStatus.HELD, then=Value(0)), default=Value(1)),
        F("held_until").asc(nulls_last=True),
        "-created",
    ]
    actions = ["confirm", "reject"]

    def has_add_permission(self, request):
        # Reservations come from exhibitors through booth_reserve, never typed in here.
        return False

    @admin.action(description=_("Confirm selected reservations"), permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, confirm=True)

    @admin.action(description=_("Reject selected reservations, with a reason"), permissions=["change"])
    def reject(self, request, queryset):
        return reject_with_reason(
            self,
            request,
            queryset,
            lambda items, reason: self._decide(request, items, confirm=False, reason=reason),
        )

    def _decide(self, request, queryset, *, confirm, reason=""):
        done = 0
        for reservation in queryset.select_related("booth"):
            try:
                services.reservation_decide(
                    reservation=reservation, user=request.user, confirm=confirm, reason=reason
                )
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                done += 1
        if confirm:
            self.message_user(
                request,
                ngettext("%(count)d confirmed.", "%(count)d confirmed.", done) % {"count": done},
                messages.SUCCESS,
            )
        return done
