from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from exhibitors.models import Booth, Equipment, Exhibitor
from exhibitors.services import DOWN, booths_generate_row, equipment_review, exhibitor_review
from tests.factories import BoothFactory, BoothTypeFactory, EquipmentFactory, ExhibitorFactory, HallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return HallFactory(width=Decimal("66"), depth=Decimal("40"))


@pytest.fixture
def shell(hall):
    return BoothTypeFactory(conference=hall.conference)


def test_generate_a_row_of_twenty_booths_in_one_step(hall, shell):
    booths = booths_generate_row(
        hall=hall, booth_type=shell, prefix="A-", first_number=101, count=20, x=Decimal(3), y=Decimal(6)
    )

    assert len(booths) == 20
    rows = list(Booth.objects.order_by("x").values_list("code", "x", "y", "width", "depth", "is_corner"))
    assert rows[0] == ("A-101", Decimal(3), Decimal(6), Decimal(3), Decimal(3), True)
    assert rows[1] == ("A-102", Decimal(6), Decimal(6), Decimal(3), Decimal(3), False)
    assert rows[-1] == ("A-120", Decimal(60), Decimal(6), Decimal(3), Decimal(3), True)


def test_generate_a_column_of_booths(hall, shell):
    booths_generate_row(
        hall=hall,
        booth_type=shell,
        prefix="B",
        first_number=1,
        count=3,
        x=Decimal(0),
        y=Decimal(0),
        direction=DOWN,
    )

    assert list(Booth.objects.order_by("y").values_list("code", "y")) == [("B1", 0), ("B2", 3), ("B3", 6)]


def test_a_row_reaching_outside_the_hall_creates_nothing(hall, shell):
    with pytest.raises(ValidationError) as error:
        booths_generate_row(
            hall=hall, booth_type=shell, prefix="A-", first_number=1, count=30, x=Decimal(0), y=Decimal(0)
        )

    assert error.value.messages[0] == "A-23: 展位超出了展馆范围（66 米 × 40 米）。"
    assert not Booth.objects.exists()


def test_a_row_with_a_taken_code_creates_nothing(hall, shell):
    BoothFactory(hall=hall, booth_type=shell, code="A-105", x=Decimal(0), y=Decimal(30))

    with pytest.raises(ValidationError) as error:
        booths_generate_row(
            hall=hall, booth_type=shell, prefix="A-", first_number=101, count=10, x=Decimal(0), y=Decimal(0)
        )

    assert error.value.messages == ["A-105: 本届会议已有该编号的展位。"]
    assert Booth.objects.count() == 1


def test_exhibitor_review_records_who_and_when(django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer")
    exhibitor = ExhibitorFactory(review_status="pending")

    assert exhibitor_review(exhibitors=[exhibitor], decision="approved", user=reviewer) == 1

    exhibitor.refresh_from_db()
    assert (exhibitor.review_status, exhibitor.reviewed_by, exhibitor.reviewed_at is not None) == (
        "approved",
        reviewer,
        True,
    )


def test_rejection_needs_a_reason_and_changes_nothing_without_one(django_user_model):
    exhibitor = ExhibitorFactory(review_status="pending")

    with pytest.raises(ValidationError):
        exhibitor_review(exhibitors=[exhibitor], decision="rejected", user=None, reason="  ")

    assert Exhibitor.objects.get().review_status == "pending"


def test_equipment_rejection_keeps_the_reason():
    item = EquipmentFactory(status="submitted")

    equipment_review(items=[item], decision="rejected", reason="Photos are missing")

    assert list(Equipment.objects.values_list("status", "review_reason")) == [
        ("rejected", "Photos are missing")
    ]
