"""Exhibitor B tries every URL and form of exhibitor A: a 404, and nothing changes."""

import pytest
from django.urls import reverse

from exhibitors.models import BoothReservation, Equipment, EquipmentImage
from tests.factories import EquipmentFactory, ExhibitorFactory, ReservationFactory
from tests.utils import image_bytes, member_client, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_and_b(conference):
    company_a = ExhibitorFactory(conference=conference, name_en="A")
    item = EquipmentFactory(exhibitor=company_a, status="draft")
    image = EquipmentImage.objects.create(
        equipment=item, image="equipment/a.jpg", thumbnail="equipment/a-t.jpg"
    )
    reservation = ReservationFactory(exhibitor=company_a, booth__hall__conference=conference, status="held")
    b = member_client(ExhibitorFactory(conference=conference, name_en="B"), "eve@b.example")
    return {"item": item, "image": image, "reservation": reservation, "b": b}


def snapshot():
    return (
        list(Equipment.objects.values_list("pk", "name_en", "status")),
        list(EquipmentImage.objects.values_list("pk", flat=True)),
        list(BoothReservation.objects.values_list("pk", "status")),
    )


@pytest.mark.parametrize(
    ("method", "name", "args", "data"),
    [
        ("get", "equipment_edit", ("item",), None),
        ("post", "equipment_edit", ("item",), {"name_zh_hans": "x", "name_en": "Hijacked", "order": "0"}),
        ("post", "equipment_submit", ("item",), {}),
        ("post", "equipment_delete", ("item",), {}),
        ("post", "image_add", ("item",), "image"),
        ("post", "image_delete", ("item", "image"), {}),
        ("post", "reservation_cancel", ("reservation",), {}),
        ("get", "reservation_cancel", ("reservation",), None),
    ],
)
def test_exhibitor_b_cannot_touch_exhibitor_a(a_and_b, method, name, args, data):
    before = snapshot()
    url = reverse(f"exhibitors:{name}", args=[a_and_b[arg].pk for arg in args])
    if data == "image":
        data = {"image": upload(content=image_bytes())}

    response = getattr(a_and_b["b"], method)(url, data) if data is not None else a_and_b["b"].get(url)

    assert response.status_code == 404
    assert snapshot() == before


def test_b_sees_only_its_own_dashboard(a_and_b):
    content = a_and_b["b"].get("/en/exhibit/").content.decode()

    assert a_and_b["item"].name_en not in content
    assert a_and_b["reservation"].booth.code not in content
