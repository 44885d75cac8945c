from django.urls import path, re_path
from django.views.decorators.http import require_safe

from common.pagecache import shared_page

from . import feeds, prebuild, views

# Pages every visitor sees alike, cached until the programme changes.
programme = shared_page("programme")

app_name = "events"

urlpatterns = [
    path("schedule/", programme(views.ScheduleView.as_view()), name="schedule"),
    path("schedule/grid/", programme(views.GridView.as_view()), name="schedule_grid"),
    re_path(
        r"^schedule/export/schedule\.(?P<fmt>ics|xml|json)$",
        # Built by a job after each change (events/prebuild.py); requests meanwhile get the last build.
        shared_page("programme", built_after_changes=prebuild.build_soon)(views.schedule_export),
        name="schedule_export",
    ),
    path("schedule/changes/", programme(views.ChangeListView.as_view()), name="changes"),
    path("schedule/changes/feed/", programme(require_safe(feeds.ScheduleChangesFeed())), name="changes_feed"),
    path("agenda/", views.AgendaView.as_view(), name="agenda"),
    path("agenda/star/", views.agenda_star, name="agenda_star"),
    path("agenda/state/", views.agenda_state, name="agenda_state"),
    path("agenda/renew/", views.agenda_renew_link, name="agenda_renew_link"),
    path("agenda/<str:token>/calendar.ics", views.agenda_calendar, name="agenda_calendar"),
    path("sessions/<slug:slug>/", programme(views.SessionDetailView.as_view()), name="session_detail"),
    path("sessions/<slug:slug>/calendar.ics", views.session_calendar, name="session_calendar"),
    path("speakers/", programme(views.SpeakerListView.as_view()), name="speaker_list"),
    path("speakers/<slug:slug>/", programme(views.SpeakerDetailView.as_view()), name="speaker_detail"),
]
