"""The expo's writes, the only path its views, admin actions and commands take: accounts and
the companies they manage (`accounts`), booths and their reservations (`booths`), equipment
listings and their pictures (`equipment`), and the organisers' review of companies and listings
(`review`). Import them from here, `exhibitors.services`."""

from .accounts import (
    account_activate,
    account_create,
    exhibitor_create,
    exhibitor_update,
    team_invite,
    team_join,
)
from .booths import (
    ACROSS,
    DOWN,
    BoothTaken,
    booth_reserve,
    booths_generate_row,
    reservation_cancel,
    reservation_decide,
    reservations_expire,
    similar_free_booths,
)
from .equipment import (
    equipment_create,
    equipment_delete,
    equipment_image_add,
    equipment_image_delete,
    equipment_submit,
    equipment_update,
)
from .review import equipment_review, exhibitor_review

__all__ = [
    "ACROSS",
    "DOWN",
    "BoothTaken",
    "account_activate",
    "account_create",
    "booth_reserve",
    "booths_generate_row",
    "equipment_create",
    "equipment_delete",
    "equipment_image_add",
    "equipment_image_delete",
    "equipment_review",
    "equipment_submit",
    "equipment_update",
    "exhibitor_create",
    "exhibitor_review",
    "exhibitor_update",
    "reservation_cancel",
    "reservation_decide",
    "reservations_expire",
    "similar_free_booths",
    "team_invite",
    "team_join",
]
