from django.urls import path

from . import views

app_name = "exhibitors"

urlpatterns = [
    path("floor-plan/", views.FloorPlanView.as_view(), name="floor_plan"),
    path("exhibitors/", views.ExhibitorListView.as_view(), name="exhibitor_list"),
    path("exhibitors/<slug:slug>/", views.ExhibitorDetailView.as_view(), name="exhibitor_detail"),
    path("equipment/", views.EquipmentListView.as_view(), name="equipment_list"),
    path("equipment/<slug:slug>/", views.EquipmentDetailView.as_view(), name="equipment_detail"),
]
