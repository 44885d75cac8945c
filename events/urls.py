from django.urls import path, re_path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("schedule/", views.ScheduleView.as_view(), name="schedule"),
    path("schedule/grid/", views.GridView.as_view(), name="schedule_grid"),
    re_path(
        r"^schedule/export/schedule\.(?P<fmt>ics|xml|json)$", views.schedule_export, name="schedule_export"
    ),
    path("schedule/changes/", views.ChangeListView.as_view(), name="changes"),
    path("schedule/changes/feed/", require_safe(feeds.ScheduleChangesFeed()), name="changes_feed"),
    path("agenda/", views.AgendaView.as_view(), name="agenda"),
    path("agenda/star/", views.agenda_star, name="agenda_star"),
    path("agenda/renew/", views.agenda_renew_link, name="agenda_renew_link"),
    path("agenda/<str:token>/calendar.ics", views.agenda_calendar, name="agenda_calendar"),
    path("sessions/<slug:slug>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<slug:slug>/calendar.ics", views.session_calendar, name="session_calendar"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker_detail"),
]
