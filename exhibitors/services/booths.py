"""Writes of the booths: laying out a row of them, and their reservations from hold to
confirmation, cancellation or expiry."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common import pagecache

from .. import notifications
from ..enums import ACTIVE_RESERVATION_STATUSES, ReservationStatus, ReviewStatus
from ..models import Booth, BoothReservation, Exhibitor

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
    pagecache.retire("expo")
    return Booth.objects.bulk_create(booths)


class BoothTaken(Exception):
    """The booth was reserved by someone else a moment ago; `alternatives` are similar free booths."""

    def __init__(self, booth, alternatives):
        super().__init__(booth.code)
        self.booth = booth
        self.alternatives = alternatives


def similar_free_booths(booth, *, limit=5):
    """Free booths of the same type, in the same hall first."""
    free = (
        Booth.objects.available()
        .filter(conference=booth.conference_id, booth_type=booth.booth_type_id)
        .select_related("hall", "booth_type")
    )
    same_hall = list(free.filter(hall=booth.hall_id).exclude(pk=booth.pk).order_by("code")[:limit])
    others = list(free.exclude(hall=booth.hall_id).order_by("code")[: limit - len(same_hall)])
    return same_hall + others


def _expire_lapsed_holds(queryset, now):
    lapsed = list(queryset.filter(status=ReservationStatus.HELD, held_until__lte=now))
    for reservation in lapsed:
        reservation.status = ReservationStatus.EXPIRED
        reservation.save(update_fields=["status", "updated"])
        notifications.reservation_changed(reservation)
    return lapsed


def booth_reserve(*, exhibitor, booth, now=None):
    """Hold a booth for an exhibitor until the deadline (settings.EXHIBIT_HOLD_DAYS). First come,
    first held: the booth row is locked, lapsed holds are expired, and the partial unique
    constraint is the final guard. A loser gets BoothTaken with similar free booths; a company
    asking again for a booth it holds gets its reservation back, and no second e-mail."""
    now = now or timezone.now()
    if exhibitor.review_status == ReviewStatus.REJECTED:
        raise ValidationError(_("Your company was not approved, so it cannot reserve booths."))
    with transaction.atomic():
        # The company first, then the booth, in every request: the company's lock keeps its
        # limit (two clicks on two booths at once), the booth's keeps it single, and one order
        # means two requests cannot wait for each other.
        exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
        booth = Booth.objects.select_for_update().select_related("booth_type").get(pk=booth.pk)
        _expire_lapsed_holds(booth.reservations.all(), now)
        mine = booth.reservations.filter(exhibitor=exhibitor, status__in=ACTIVE_RESERVATION_STATUSES).first()
        if mine is not None:
            # A second click on the same booth: the company already has it.
            return mine
        live = exhibitor.reservations.filter(
            Q(status=ReservationStatus.CONFIRMED) | Q(status=ReservationStatus.HELD, held_until__gt=now)
        )
        if live.count() >= settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS:
            raise ValidationError(
                _("Your company already has %(count)d active reservations, the most allowed.")
                % {"count": settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS}
            )
        reservation = BoothReservation(
            exhibitor=exhibitor,
            booth=booth,
            status=ReservationStatus.HELD,
            price=booth.price,
            held_until=now + datetime.timedelta(days=settings.EXHIBIT_HOLD_DAYS),
        )
        taken = booth.reservations.filter(status__in=ACTIVE_RESERVATION_STATUSES).exists()
        if not taken:
            try:
                with transaction.atomic():
                    reservation.save()
            except IntegrityError:
                taken = True
    if taken:
        raise BoothTaken(booth, similar_free_booths(booth))
    notifications.reservation_changed(reservation)
    notifications.organisers_new_reservation(reservation)
    return reservation


@transaction.atomic
def reservation_cancel(*, reservation):
    """The exhibitor withdraws a held reservation; the booth is free again at once."""
    reservation = BoothReservation.objects.select_for_update().get(pk=reservation.pk)
    if reservation.status != ReservationStatus.HELD:
        raise ValidationError(_("Only a held reservation can be cancelled here; contact the organisers."))
    reservation.status = ReservationStatus.CANCELLED
    reservation.save(update_fields=["status", "updated"])
    notifications.reservation_changed(reservation)
    return reservation


@transaction.atomic
def reservation_decide(*, reservation, user, confirm, reason="", now=None):
    """An organiser confirms a held reservation, or rejects it with a reason the exhibitor sees."""
    now = now or timezone.now()
    reservation = BoothReservation.objects.select_for_update().get(pk=reservation.pk)
    if reservation.status != ReservationStatus.HELD:
        raise ValidationError(
            _("Booth %(code)s: only held reservations can be decided; this one is %(status)s.")
            % {"code": reservation.booth.code, "status": reservation.get_status_display()}
        )
    if not confirm and not reason.strip():
        raise ValidationError(_("Give the reason for the rejection; the exhibitor will see it."))
    reservation.status = ReservationStatus.CONFIRMED if confirm else ReservationStatus.REJECTED
    reservation.reason = "" if confirm else reason.strip()
    reservation.decided_by = user
    reservation.decided_at = now
    reservation.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated"])
    notifications.reservation_changed(reservation)
    return reservation


def reservations_expire(*, now=None):
    """Mark every hold past its deadline expired (for cron); returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        return len(_expire_lapsed_holds(BoothReservation.objects.select_for_update(), now))
