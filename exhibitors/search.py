"""The expo in the site search: exhibitors (found by their booth codes too) and equipment."""

from django.db.models import Prefetch
from django.utils.translation import pgettext_lazy

from common import search

from .models import Booth, BoothReservation, Equipment, Exhibitor
from .selectors import confirmed_reservations


def exhibitor_documents(ids):
    exhibitors = search.chosen(Exhibitor.objects.approved(), ids).prefetch_related(
        Prefetch("reservations", queryset=confirmed_reservations().order_by("booth__code"), to_attr="booked")
    )
    for exhibitor in exhibitors.iterator(chunk_size=500):
        codes = [reservation.booth.code for reservation in exhibitor.booked]
        region = search.both(exhibitor, "region")
        document = search.Document(
            object_id=exhibitor.pk,
            slug=exhibitor.slug,
            title=search.both(exhibitor, "name"),
            detail=search.joined(region, *codes),
            excerpt=search.excerpts(exhibitor, "description"),
            edition_id=exhibitor.conference_id,
        )
        document.add(search.both(exhibitor, "name"), search.TITLE, prefixes=True, single=True)
        document.add(search.pinyin_of(exhibitor.name_zh_hans), search.NAME, prefixes=True)
        document.add(codes, search.TITLE)
        document.add(region, search.DETAIL)
        document.add(search.body(exhibitor, "description"), search.BODY)
        yield document


def equipment_documents(ids):
    equipment = search.chosen(Equipment.objects.public(), ids).select_related("exhibitor", "category")
    for listing in equipment.iterator(chunk_size=500):
        company = search.both(listing.exhibitor, "name")
        category = search.both(listing.category, "name")
        document = search.Document(
            object_id=listing.pk,
            slug=listing.slug,
            title=search.both(listing, "name"),
            detail=search.joined(company, category),
            excerpt=search.excerpts(listing, "summary"),
            edition_id=listing.exhibitor.conference_id,
        )
        document.add(search.both(listing, "name"), search.TITLE, prefixes=True, single=True)
        document.add(search.both(listing, "summary"), search.DETAIL)
        document.add([*company.values(), *category.values()], search.DETAIL)
        document.add(search.body(listing, "description"), search.BODY)
        yield document


def reviewed(model, ids):
    """Index what a review decided with update() again: an exhibitor's listings are found only
    while it is approved."""
    if model is Exhibitor:
        search.reindex("exhibitor", ids)
        ids = Equipment.objects.filter(exhibitor__in=ids).values_list("pk", flat=True)
    search.reindex("equipment", ids)


def register():
    search.register(
        search.Kind(
            "exhibitor",
            pgettext_lazy("search results", "Exhibitors"),
            "exhibitors:exhibitor_detail",
            exhibitor_documents,
            Exhibitor,
        ),
        follows=[
            (BoothReservation, lambda reservation: [reservation.exhibitor_id]),
            (Booth, lambda booth: booth.reservations.values_list("exhibitor_id", flat=True)),
        ],
    )
    search.register(
        search.Kind(
            "equipment",
            pgettext_lazy("search results", "Equipment"),
            "exhibitors:equipment_detail",
            equipment_documents,
            Equipment,
        ),
        follows=[(Exhibitor, lambda exhibitor: exhibitor.equipment.values_list("pk", flat=True))],
    )
