from django.urls import path

from . import views

app_name = "visitors"

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("register/badge/<str:token>/", views.BadgeView.as_view(), name="badge"),
    # The exhibitor portal's leads (the portal's other pages are in exhibitors/urls.py).
    path("exhibit/leads/", views.LeadListView.as_view(), name="lead_list"),
    path("exhibit/leads/scan/", views.LeadScanView.as_view(), name="lead_scan"),
    path("exhibit/leads/export.csv", views.LeadExportView.as_view(), name="lead_export"),
    path("exhibit/leads/<int:pk>/", views.LeadEditView.as_view(), name="lead_edit"),
]
