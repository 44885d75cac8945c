from django.contrib.auth import views as auth_views
from django.urls import path

from common.pagecache import shared_page

from . import exhibit_views, views

expo = shared_page("expo")
# A hold past its deadline shows as free without any write, so the plan is looked at again soon.
HOLD_CHECK_SECONDS = 60

app_name = "exhibitors"

urlpatterns = [
    path(
        "floor-plan/",
        shared_page("expo", seconds=HOLD_CHECK_SECONDS)(views.FloorPlanView.as_view()),
        name="floor_plan",
    ),
    path("exhibitors/", expo(views.ExhibitorListView.as_view()), name="exhibitor_list"),
    path("exhibitors/<slug:slug>/", expo(views.ExhibitorDetailView.as_view()), name="exhibitor_detail"),
    path("equipment/", expo(views.EquipmentListView.as_view()), name="equipment_list"),
    path(
        "equipment/<slug:slug>/",
        shared_page("expo", "standards")(views.EquipmentDetailView.as_view()),
        name="equipment_detail",
    ),
    # The exhibitor portal.
    path("exhibit/", exhibit_views.DashboardView.as_view(), name="dashboard"),
    path("exhibit/sign-up/", exhibit_views.SignUpView.as_view(), name="sign_up"),
    path(
        "exhibit/confirm/<uidb64>/<token>/",
        exhibit_views.ConfirmAddressView.as_view(),
        name="confirm_address",
    ),
    path("exhibit/sign-in/", exhibit_views.SignInView.as_view(), name="sign_in"),
    path("exhibit/sign-out/", exhibit_views.SignOutView.as_view(), name="sign_out"),
    path("exhibit/password-reset/", exhibit_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "exhibit/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="exhibitors/exhibit/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "exhibit/password-reset/<uidb64>/<token>/",
        exhibit_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("exhibit/company/", exhibit_views.CompanyView.as_view(), name="company"),
    path("exhibit/company/invite/", exhibit_views.InviteView.as_view(), name="invite"),
    path("exhibit/join/<str:token>/", exhibit_views.JoinView.as_view(), name="join"),
    path("exhibit/booths/", exhibit_views.BoothListView.as_view(), name="booth_list"),
    path("exhibit/booths/<int:pk>/", exhibit_views.BoothDetailView.as_view(), name="booth_detail"),
    path("exhibit/booths/<int:pk>/reserve/", exhibit_views.ReserveView.as_view(), name="reserve"),
    path(
        "exhibit/reservations/<int:pk>/cancel/",
        exhibit_views.CancelReservationView.as_view(),
        name="reservation_cancel",
    ),
    path("exhibit/equipment/new/", exhibit_views.EquipmentFormView.as_view(), name="equipment_new"),
    path("exhibit/equipment/<int:pk>/", exhibit_views.EquipmentFormView.as_view(), name="equipment_edit"),
    path(
        "exhibit/equipment/<int:pk>/submit/",
        exhibit_views.EquipmentSubmitView.as_view(),
        name="equipment_submit",
    ),
    path(
        "exhibit/equipment/<int:pk>/delete/",
        exhibit_views.EquipmentDeleteView.as_view(),
        name="equipment_delete",
    ),
    path(
        "exhibit/equipment/<int:pk>/pictures/",
        exhibit_views.EquipmentImageAddView.as_view(),
        name="image_add",
    ),
    path(
        "exhibit/equipment/<int:pk>/pictures/<int:image_pk>/delete/",
        exhibit_views.EquipmentImageDeleteView.as_view(),
        name="image_delete",
    ),
]
