"""The exhibitor portal under /exhibit/: accounts, the company, booth reservations and
equipment listings. Every object is looked up through the signed-in user's own company, so
another company's reservation or listing is a 404, never a 403 that confirms it exists."""

from .accounts import (
    ConfirmAddressView,
    PasswordResetConfirmView,
    PasswordResetView,
    SignInView,
    SignOutView,
    SignUpView,
)
from .booths import BoothDetailView, BoothListView, CancelReservationView, ReserveView
from .company import CompanyMixin, CompanyView, DashboardView, InviteView, JoinView
from .equipment import (
    EquipmentDeleteView,
    EquipmentFormView,
    EquipmentImageAddView,
    EquipmentImageDeleteView,
    EquipmentSubmitView,
)

__all__ = [
    "BoothDetailView",
    "BoothListView",
    "CancelReservationView",
    "CompanyMixin",
    "CompanyView",
    "ConfirmAddressView",
    "DashboardView",
    "EquipmentDeleteView",
    "EquipmentFormView",
    "EquipmentImageAddView",
    "EquipmentImageDeleteView",
    "EquipmentSubmitView",
    "InviteView",
    "JoinView",
    "PasswordResetConfirmView",
    "PasswordResetView",
    "ReserveView",
    "SignInView",
    "SignOutView",
    "SignUpView",
]
