from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("schedule/", views.ScheduleView.as_view(), name="schedule"),
    path("schedule/grid/", views.GridView.as_view(), name="schedule_grid"),
    path("sessions/<slug:slug>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker_detail"),
]
