from django.urls import path, re_path

from . import views

app_name = "events"

urlpatterns = [
    path("schedule/", views.ScheduleView.as_view(), name="schedule"),
    path("schedule/grid/", views.GridView.as_view(), name="schedule_grid"),
    re_path(
        r"^schedule/export/schedule\.(?P<fmt>ics|xml|json)$", views.schedule_export, name="schedule_export"
    ),
    path("sessions/<slug:slug>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<slug:slug>/calendar.ics", views.session_calendar, name="session_calendar"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker_detail"),
]
