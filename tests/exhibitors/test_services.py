import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import resolve

from exhibitors import services, tokens
from exhibitors.enums import EquipmentStatus
from exhibitors.models import Booth, Equipment, EquipmentImage, Exhibitor
from exhibitors.services import DOWN, booths_generate_row, equipment_review, exhibitor_review
from tests.factories import BoothFactory, BoothTypeFactory, EquipmentFactory, ExhibitorFactory, HallFactory
from tests.utils import upload

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


def emailed_link(message):
    """The path and arguments of the portal link in an e-mail."""
    return resolve(re.search(r"https?://[^/\s]+(/\S+)", message.body)[1])


def test_account_create_opens_an_inactive_account_and_emails_its_confirmation_link(
    django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.account_create(email="li@ab.example", password="a long enough secret")

    assert (user.username, user.email, user.is_active, user.check_password("a long enough secret")) == (
        "li@ab.example",
        "li@ab.example",
        False,
        True,
    )
    assert mail.outbox[0].to == ["li@ab.example"]
    link = emailed_link(mail.outbox[0])
    assert link.view_name == "exhibitors:confirm_address"
    assert tokens.unconfirmed_account(link.kwargs["uidb64"], link.kwargs["token"]) == user


def test_account_create_of_an_address_taken_a_moment_ago_raises_and_sends_nothing(
    django_user_model, django_capture_on_commit_callbacks
):
    services.account_create(email="li@ab.example", password="a long enough secret")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(IntegrityError):
        services.account_create(email="li@ab.example", password="another long secret")

    assert django_user_model.objects.count() == 1
    assert mail.outbox == []


def test_account_activate_activates_the_account_once(django_user_model):
    user = django_user_model.objects.create_user("li@ab.example", "li@ab.example", is_active=False)
    uidb64, token = tokens.address_confirmation_args(user)

    assert services.account_activate(uidb64=uidb64, token=token) == user
    assert django_user_model.objects.get().is_active is True
    assert services.account_activate(uidb64=uidb64, token=token) is None


@pytest.mark.parametrize("link", [("Mg", "forged-token"), ("not base64!", "x"), ("", "")])
def test_account_activate_of_a_bad_link_changes_nothing(django_user_model, link):
    django_user_model.objects.create_user("li@ab.example", "li@ab.example", is_active=False)

    assert services.account_activate(uidb64=link[0], token=link[1]) is None
    assert django_user_model.objects.get().is_active is False


def test_exhibitor_update_saves_the_profile_and_its_related_rows():
    exhibitor = ExhibitorFactory(name_en="Old name")
    exhibitor.name_en = "New name"
    related = []

    services.exhibitor_update(exhibitor=exhibitor, save_related=lambda: related.append("saved"))

    assert (Exhibitor.objects.get().name_en, related) == ("New name", ["saved"])


def test_team_invite_emails_a_link_for_the_address_as_typed_lower_cased(
    django_user_model, django_capture_on_commit_callbacks
):
    exhibitor = ExhibitorFactory()
    inviter = django_user_model.objects.create_user("li@ab.example", "li@ab.example")

    with django_capture_on_commit_callbacks(execute=True):
        email = services.team_invite(exhibitor=exhibitor, inviter=inviter, email=" Wang@AB.example ")

    assert email == "wang@ab.example"
    assert mail.outbox[0].to == ["wang@ab.example"]
    link = emailed_link(mail.outbox[0])
    assert link.view_name == "exhibitors:join"
    assert tokens.invitation_from_token(link.kwargs["token"]) == (exhibitor.pk, "wang@ab.example")


def test_team_join_adds_the_invited_account_to_the_company(django_user_model):
    exhibitor = ExhibitorFactory()
    user = django_user_model.objects.create_user("wang@ab.example", "Wang@AB.example")

    joined = services.team_join(user=user, exhibitor_pk=exhibitor.pk, email="wang@ab.example")

    assert joined == exhibitor
    assert list(exhibitor.users.all()) == [user]


def test_team_join_refuses_an_account_with_another_address(django_user_model):
    exhibitor = ExhibitorFactory()
    user = django_user_model.objects.create_user("zhao@ab.example", "zhao@ab.example")

    with pytest.raises(PermissionDenied):
        services.team_join(user=user, exhibitor_pk=exhibitor.pk, email="wang@ab.example")

    assert list(exhibitor.users.all()) == []


def test_team_join_of_a_company_deleted_since_raises(django_user_model):
    user = django_user_model.objects.create_user("wang@ab.example", "wang@ab.example")

    with pytest.raises(Exhibitor.DoesNotExist):
        services.team_join(user=user, exhibitor_pk=404, email="wang@ab.example")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (EquipmentStatus.PUBLISHED, EquipmentStatus.DRAFT),
        (EquipmentStatus.REJECTED, EquipmentStatus.DRAFT),
        (EquipmentStatus.SUBMITTED, EquipmentStatus.SUBMITTED),
        (EquipmentStatus.DRAFT, EquipmentStatus.DRAFT),
    ],
)
def test_equipment_update_sends_a_reviewed_listing_back_to_draft(before, after):
    item = EquipmentFactory(status=before, name_en="Old")
    item.name_en = "New"

    services.equipment_update(item=item)

    assert list(Equipment.objects.values_list("name_en", "status")) == [("New", after)]


@pytest.mark.parametrize("before", [EquipmentStatus.DRAFT, EquipmentStatus.REJECTED])
def test_equipment_submit_sends_a_draft_or_rejected_listing_to_review(before):
    item = EquipmentFactory(status=before)

    assert services.equipment_submit(item=item) is True
    assert Equipment.objects.get().status == EquipmentStatus.SUBMITTED


@pytest.mark.parametrize("before", [EquipmentStatus.SUBMITTED, EquipmentStatus.PUBLISHED])
def test_equipment_submit_leaves_a_listing_under_review_or_published_as_it_is(before):
    item = EquipmentFactory(status=before)

    assert services.equipment_submit(item=item) is False
    assert Equipment.objects.get().status == before


def test_equipment_delete_removes_the_listing_and_its_pictures():
    item = EquipmentFactory()
    EquipmentImage.objects.create(equipment=item, image=upload())

    services.equipment_delete(item=item)

    assert (Equipment.objects.count(), EquipmentImage.objects.count()) == (0, 0)


def test_equipment_image_add_puts_the_picture_last_and_sends_a_published_listing_back_to_draft():
    item = EquipmentFactory(status=EquipmentStatus.PUBLISHED)
    EquipmentImage.objects.create(equipment=item, image=upload(), order=0)

    image = services.equipment_image_add(item=item, image=EquipmentImage(image=upload()))

    assert (image.equipment, image.order) == (item, 1)
    assert Equipment.objects.get().status == EquipmentStatus.DRAFT


def test_equipment_image_add_leaves_a_listing_under_review_as_it_is():
    item = EquipmentFactory(status=EquipmentStatus.SUBMITTED)

    services.equipment_image_add(item=item, image=EquipmentImage(image=upload()))

    assert Equipment.objects.get().status == EquipmentStatus.SUBMITTED


def test_equipment_image_delete_removes_only_that_picture():
    item = EquipmentFactory()
    kept, removed = (EquipmentImage.objects.create(equipment=item, image=upload()) for _ in range(2))

    services.equipment_image_delete(image=removed)

    assert list(EquipmentImage.objects.all()) == [kept]
