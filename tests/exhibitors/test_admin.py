import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exhibitors.models import Booth, Equipment, EquipmentImage, Exhibitor
from tests.factories import (
    BoothFactory,
    BoothTypeFactory,
    EquipmentFactory,
    ExhibitorFactory,
    HallFactory,
    ReservationFactory,
)
from tests.utils import image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["hall", "boothtype", "booth", "exhibitor", "boothreservation", "equipmentcategory", "equipment"]
)
def test_organiser_opens_every_expo_list_and_form(organiser_client, model):
    # Reservations come only from exhibitors, through booth_reserve.
    add_status = 403 if model == "boothreservation" else 200

    assert organiser_client.get(reverse(f"admin:exhibitors_{model}_changelist")).status_code == 200
    assert organiser_client.get(reverse(f"admin:exhibitors_{model}_add")).status_code == add_status


def test_organiser_creates_a_row_of_twenty_booths_in_one_step(organiser_client):
    hall = HallFactory()
    booth_type = BoothTypeFactory(conference=hall.conference)

    response = organiser_client.post(
        reverse("admin:exhibitors_booth_generate_row"),
        {
            "hall": hall.pk,
            "booth_type": booth_type.pk,
            "prefix": "A-",
            "first_number": "101",
            "count": "20",
            "x": "0",
            "y": "3",
            "direction": "across",
        },
        follow=True,
    )

    assert Booth.objects.count() == 20
    assert [str(m) for m in response.context["messages"]] == ["已创建 20 个展位。"]


def test_generator_reports_a_row_that_does_not_fit_and_creates_nothing(organiser_client):
    hall = HallFactory()
    booth_type = BoothTypeFactory(conference=hall.conference)

    response = organiser_client.post(
        reverse("admin:exhibitors_booth_generate_row"),
        {"hall": hall.pk, "booth_type": booth_type.pk, "prefix": "A-", "first_number": "1", "count": "25",
         "x": "0", "y": "0", "direction": "across"},
    )  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0] == "A-21: 展位超出了展馆范围（60 米 × 40 米）。"
    assert not Booth.objects.exists()


def test_generator_is_forbidden_without_the_add_permission(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    client.force_login(viewer)

    assert client.get(reverse("admin:exhibitors_booth_generate_row")).status_code == 403


def test_booth_availability_filter(organiser_client):
    ReservationFactory(booth__code="A-1", status="confirmed")
    ReservationFactory(booth__code="A-2", status="held")

    response = organiser_client.get(reverse("admin:exhibitors_booth_changelist"), {"availability": "held"})

    assert [booth.code for booth in response.context["cl"].result_list] == ["A-2"]


def test_reject_asks_for_a_reason_then_rejects(organiser_client):
    exhibitor = ExhibitorFactory(review_status="pending")
    url = reverse("admin:exhibitors_exhibitor_changelist")

    asked = organiser_client.post(url, {"action": "reject", "_selected_action": [exhibitor.pk]})
    done = organiser_client.post(
        url, {"action": "reject", "_selected_action": [exhibitor.pk], "reason": "Business licence missing"}
    )

    assert asked.status_code == 200
    assert "admin/exhibitors/reject_with_reason.html" in [t.name for t in asked.templates]
    assert done.status_code == 302
    exhibitor.refresh_from_db()
    assert (exhibitor.review_status, exhibitor.review_reason) == ("rejected", "Business licence missing")


def test_reject_with_an_empty_reason_changes_nothing(organiser_client):
    exhibitor = ExhibitorFactory(review_status="pending")

    response = organiser_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {"action": "reject", "_selected_action": [exhibitor.pk], "reason": ""},
    )

    assert response.status_code == 200
    assert Exhibitor.objects.get().review_status == "pending"


def test_approve_action(organiser_client):
    exhibitor = ExhibitorFactory(review_status="pending")

    organiser_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {"action": "approve", "_selected_action": [exhibitor.pk]},
    )

    assert Exhibitor.objects.get().review_status == "approved"


def test_csv_export_has_booths_and_contacts(organiser_client):
    reservation = ReservationFactory(
        booth__code="A-101", exhibitor__name_zh_hans="艾克米", exhibitor__email="sales@acme.example",
        exhibitor__contact_person="王经理", status="confirmed",
    )  # fmt: skip

    response = organiser_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {"action": "export_csv", "_selected_action": [reservation.exhibitor.pk]},
    )

    text = response.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert text.startswith("\ufeff")
    assert rows[1][0] == "艾克米"
    assert rows[1][3:6] == ["A-101", "王经理", "sales@acme.example"]


def test_equipment_publish_and_reject_actions(organiser_client):
    first, second = EquipmentFactory(status="submitted"), EquipmentFactory(status="submitted")
    url = reverse("admin:exhibitors_equipment_changelist")

    organiser_client.post(url, {"action": "publish", "_selected_action": [first.pk]})
    organiser_client.post(
        url, {"action": "reject", "_selected_action": [second.pk], "reason": "Blurry photos"}
    )

    assert dict(Equipment.objects.values_list("pk", "status")) == {
        first.pk: "published",
        second.pk: "rejected",
    }


def equipment_form(item, **extra):
    data = {
        "exhibitor": item.exhibitor.pk,
        "name_zh_hans": item.name_zh_hans,
        "name_en": item.name_en,
        "slug": item.slug,
        "category": item.category.pk,
        "summary_zh_hans": "",
        "summary_en": "",
        "description_zh_hans": "",
        "description_en": "",
        "status": "published",
        "review_reason": "",
        "order": "0",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def test_equipment_image_is_re_encoded_with_a_thumbnail(organiser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = EquipmentFactory()

    response = organiser_client.post(
        reverse("admin:exhibitors_equipment_change", args=[item.pk]),
        equipment_form(
            item,
            **{
                "images-TOTAL_FORMS": "1",
                "images-0-image": upload(content=image_bytes(size=(3200, 2400), exif_comment="GPS")),
                "images-0-alt_text_zh_hans": "图",
                "images-0-alt_text_en": "Picture",
                "images-0-order": "0",
            },
        ),
    )

    assert response.status_code == 302
    image = EquipmentImage.objects.get()
    assert (image.image.width, image.thumbnail.width) == (1600, 480)


def test_equipment_fake_spec_sheet_is_refused(organiser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = EquipmentFactory()
    fake = SimpleUploadedFile("spec.pdf", b"<?php echo 1; ?>", "application/pdf")

    response = organiser_client.post(
        reverse("admin:exhibitors_equipment_change", args=[item.pk]), equipment_form(item, spec_sheet=fake)
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["spec_sheet"]
    assert not Equipment.objects.get().spec_sheet


def test_csv_export_disarms_formulas_typed_by_exhibitors(organiser_client):
    reservation = ReservationFactory(
        exhibitor__name_zh_hans='=HYPERLINK("http://evil.example","点击")',
        exhibitor__name_en="=cmd|' /C calc'!A0",
        exhibitor__contact_person="@SUM(1+1)", exhibitor__phone="+86 10 1234 5678",
    )  # fmt: skip

    response = organiser_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {"action": "export_csv", "_selected_action": [reservation.exhibitor.pk]},
    )

    row = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))[1]
    assert row[:2] == ['\'=HYPERLINK("http://evil.example","点击")', "'=cmd|' /C calc'!A0"]
    assert row[4] == "'@SUM(1+1)"
    assert row[6] == "+86 10 1234 5678"


def test_the_booth_list_heads_its_code_column_as_a_booth_number(organiser_client):
    BoothFactory()

    content = organiser_client.get("/admin/exhibitors/booth/").content.decode()

    assert ">展位号</a>" in content
    assert "标准号" not in content


def test_held_reservations_come_first_in_the_back_office(organiser_client):
    confirmed = ReservationFactory(status="confirmed", held_until=None)
    held = ReservationFactory(status="held")

    response = organiser_client.get("/admin/exhibitors/boothreservation/")

    assert list(response.context["cl"].result_list) == [held, confirmed]
