from django.urls import path

from . import exhibit_views, views

app_name = "visitors"

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("register/badge/<str:token>/", views.BadgeView.as_view(), name="badge"),
    path("register/sign-out/", views.SignOutView.as_view(), name="sign_out"),
    # A registered visitor's follows and meeting requests (listed in their agenda).
    path(
        "register/follow/exhibitor/<int:pk>/",
        views.FollowView.as_view(),
        {"kind": "exhibitor"},
        name="follow_exhibitor",
    ),
    path(
        "register/follow/equipment/<int:pk>/",
        views.FollowView.as_view(),
        {"kind": "equipment"},
        name="follow_equipment",
    ),
    path("register/meet/<slug:slug>/", views.MeetingRequestView.as_view(), name="meeting_request"),
    path("register/meetings/<int:pk>/cancel/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    # The exhibitor portal's leads (the portal's other pages are in exhibitors/urls.py).
    path("exhibit/leads/", exhibit_views.LeadListView.as_view(), name="lead_list"),
    path("exhibit/leads/scan/", exhibit_views.LeadScanView.as_view(), name="lead_scan"),
    path("exhibit/leads/export.csv", exhibit_views.LeadExportView.as_view(), name="lead_export"),
    path("exhibit/leads/<int:pk>/", exhibit_views.LeadEditView.as_view(), name="lead_edit"),
    path("exhibit/meetings/", exhibit_views.MeetingListView.as_view(), name="meeting_list"),
    path("exhibit/meetings/<int:pk>/", exhibit_views.MeetingAnswerView.as_view(), name="meeting_answer"),
]
