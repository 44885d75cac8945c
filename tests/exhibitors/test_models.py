import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from exhibitors.enums import BoothAvailability, Pricing
from exhibitors.models import Booth, BoothReservation
from tests.factories import (
    BoothFactory,
    BoothTypeFactory,
    CategoryFactory,
    ConferenceFactory,
    ExhibitorFactory,
    HallFactory,
    ReservationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "second"), [("held", "held"), ("held", "confirmed"), ("confirmed", "confirmed")]
)
def test_a_booth_has_at_most_one_active_reservation(first, second):
    reservation = ReservationFactory(status=first)
    other = ExhibitorFactory(conference=reservation.booth.conference)

    with pytest.raises(IntegrityError), transaction.atomic():
        ReservationFactory(booth=reservation.booth, exhibitor=other, status=second)

    assert BoothReservation.objects.count() == 1


@pytest.mark.parametrize("finished", ["rejected", "cancelled", "expired"])
def test_a_finished_reservation_frees_the_booth_for_a_new_one(finished):
    old = ReservationFactory(status=finished)

    new = ReservationFactory(booth=old.booth, status="held")

    assert BoothReservation.objects.filter(booth=old.booth).count() == 2
    assert new.status == "held"


def test_second_active_reservation_is_a_clear_validation_error():
    reservation = ReservationFactory(status="confirmed")
    duplicate = BoothReservation(
        booth=reservation.booth, exhibitor=reservation.exhibitor, status="held", price=1,
        held_until=timezone.now() + datetime.timedelta(days=1),
    )  # fmt: skip

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert error.value.messages == ["该展位已被参展商预留或确认。"]


def test_a_hold_needs_a_deadline():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReservationFactory(status="held", held_until=None)


def test_booth_code_is_unique_within_an_edition():
    booth = BoothFactory(code="A-101")

    with pytest.raises(IntegrityError), transaction.atomic():
        BoothFactory(hall=booth.hall, code="A-101")


def test_booth_code_can_repeat_in_another_edition():
    BoothFactory(code="A-101")
    BoothFactory(code="A-101")

    assert Booth.objects.filter(code="A-101").count() == 2


def test_booth_outside_its_hall_is_a_validation_error():
    hall = HallFactory(width=Decimal("30"), depth=Decimal("20"))
    booth = BoothFactory.build(
        hall=hall, conference=hall.conference, booth_type=BoothTypeFactory(conference=hall.conference),
        code="A-1", x=Decimal("28"), y=Decimal("0"),
    )  # fmt: skip

    with pytest.raises(ValidationError) as error:
        booth.full_clean()

    assert error.value.message_dict["x"] == ["展位超出了展馆范围（30 米 × 20 米）。"]


def test_booth_in_a_hall_of_another_edition_is_a_validation_error():
    hall = HallFactory()
    other = ConferenceFactory()
    booth = BoothFactory.build(
        hall=hall, conference=other, booth_type=BoothTypeFactory(conference=other), code="A-1", x=0, y=0
    )

    with pytest.raises(ValidationError) as error:
        booth.full_clean()

    assert list(error.value.message_dict) == ["hall"]


def test_booth_with_negative_position_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        BoothFactory(x=Decimal("-1"))


def test_booth_price_per_booth_per_square_metre_and_override():
    shell = BoothFactory(booth_type__price=Decimal("12800"))
    raw = BoothFactory(
        booth_type__pricing=Pricing.PER_SQUARE_METRE, booth_type__price=Decimal("1280"),
        width=Decimal("9"), depth=Decimal("6"),
    )  # fmt: skip
    special = BoothFactory(price_override=Decimal("9999"))

    assert (shell.price, raw.price, special.price) == (Decimal("12800"), Decimal("69120.00"), Decimal("9999"))


def test_availability_is_derived_and_an_expired_hold_is_free_at_once():
    now = timezone.now()
    free = BoothFactory(code="F-1")
    held = ReservationFactory(booth__code="H-1", status="held").booth
    lapsed = ReservationFactory(
        booth__code="L-1", status="held", held_until=now - datetime.timedelta(seconds=1)
    ).booth
    booked = ReservationFactory(booth__code="B-1", status="confirmed").booth
    cancelled = ReservationFactory(booth__code="C-1", status="cancelled").booth

    found = {booth.code: booth.availability for booth in Booth.objects.with_availability(now)}

    assert found == {
        free.code: BoothAvailability.AVAILABLE,
        held.code: BoothAvailability.HELD,
        lapsed.code: BoothAvailability.AVAILABLE,
        booked.code: BoothAvailability.BOOKED,
        cancelled.code: BoothAvailability.AVAILABLE,
    }
    assert {booth.code for booth in Booth.objects.available(now)} == {"F-1", "L-1", "C-1"}


def test_categories_have_two_levels():
    top = CategoryFactory()
    child = CategoryFactory(parent=top)
    grandchild = CategoryFactory.build(parent=child)

    with pytest.raises(ValidationError) as error:
        grandchild.full_clean()

    assert list(error.value.message_dict) == ["parent"]
    assert str(child) == f"{top.name} › {child.name}"
