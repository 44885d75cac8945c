from django.urls import path

from . import views

app_name = "visitors"

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("register/badge/<str:token>/", views.BadgeView.as_view(), name="badge"),
]
