"""Writes of an exhibitor's equipment listings and their pictures. Any change a visitor would
see sends a published listing back to draft: what visitors see is always what an organiser
approved."""

from django.db import transaction

from common.slugs import save_with_unique_slug

from ..enums import EquipmentStatus
from ..models import Equipment


@transaction.atomic
def equipment_create(*, item, exhibitor, save_related=None):
    """Add an unsaved listing to the exhibitor's equipment, as a draft under a slug of its own."""
    item.exhibitor = exhibitor
    item.status = EquipmentStatus.DRAFT
    save_with_unique_slug(
        item,
        text=f"{exhibitor.slug} {item.name_en or 'item'}",
        fallback="item",
        siblings=Equipment.objects.all(),
        max_length=150,
    )
    if save_related:
        save_related()
    return item


@transaction.atomic
def equipment_update(*, item, save_related=None):
    """Save the edits to a listing, with its standards (`save_related`); a published or rejected
    listing goes back to draft."""
    if item.status in (EquipmentStatus.PUBLISHED, EquipmentStatus.REJECTED):
        item.status = EquipmentStatus.DRAFT
    item.save()
    if save_related:
        save_related()
    return item


@transaction.atomic
def equipment_submit(*, item):
    """Send a draft or rejected listing to the organisers' review; returns whether it was sent
    (a listing under review or published is left as it is)."""
    if item.status not in (EquipmentStatus.DRAFT, EquipmentStatus.REJECTED):
        return False
    item.status = EquipmentStatus.SUBMITTED
    item.save(update_fields=["status", "updated"])
    return True


@transaction.atomic
def equipment_delete(*, item):
    """Delete a listing; its pictures go with it."""
    item.delete()


@transaction.atomic
def equipment_image_add(*, item, image):
    """Add an unsaved picture (its renditions made by the form) after the listing's others; a
    published listing goes back to draft."""
    image.equipment = item
    image.order = item.images.count()
    image.save()
    if item.status == EquipmentStatus.PUBLISHED:
        item.status = EquipmentStatus.DRAFT
        item.save(update_fields=["status", "updated"])
    return image


@transaction.atomic
def equipment_image_delete(*, image):
    """Remove a picture from its listing."""
    image.delete()
