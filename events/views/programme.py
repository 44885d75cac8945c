"""The programme's public pages: the schedule as a list and as a grid, a session, the speakers,
the schedule changes, and the programme exported (iCalendar, frab XML, frab JSON); with the
mixin every page of the current edition uses, here and in the apps built on the programme."""

import datetime
import zoneinfo

from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from common.search import search_words
from common.sorting import name_order
from common.views import FilteredListView, ForgivingPaginationMixin

from .. import exports
from ..filters import SessionFilter
from ..grid import build_grid
from ..models import SessionChange
from ..selectors import (
    conference_days,
    current_conference,
    group_by_day_and_time,
    public_changes,
    public_speakers,
    sessions_for_listing,
    sessions_in_full,
    speaker_sessions,
)


def current_conference_or_404():
    """Public pages show the current edition; without one there is nothing to show."""
    conference = current_conference()
    if conference is None:
        raise Http404("No current conference edition.")
    return conference


class CurrentConferenceMixin:
    @cached_property
    def conference(self):
        return current_conference_or_404()

    def get_context_data(self, **kwargs):
        return super().get_context_data(conference=self.conference, **kwargs)


class ScheduleView(CurrentConferenceMixin, FilteredListView):
    template_name = "events/schedule.html"
    filterset_class = SessionFilter
    paginate_by = 50

    def get_queryset(self):
        return sessions_for_listing(self.conference.sessions.public()).order_by("start", "room__order", "pk")

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "conference": self.conference}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["days"] = group_by_day_and_time(context["object_list"], self.conference)
        return context


class GridView(CurrentConferenceMixin, TemplateView):
    """One day as rooms across and times down, at most ROOMS_PER_PART rooms at a time
    (`?rooms=2` for the second part): about what a desktop screen shows side by side, and
    what keeps a day of a big congress a page of reasonable size. Sessions without a room
    (breaks, plenaries) span every part."""

    template_name = "events/grid.html"
    ROOMS_PER_PART = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = conference_days(self.conference)
        day = self.chosen_day(days)
        on_day = self.conference.sessions.public().on_day(day, self.conference)
        used = set(on_day.order_by().values_list("room_id", flat=True).distinct())
        rooms = [room for room in self.conference.rooms.all() if room.pk in used]
        size = self.ROOMS_PER_PART
        parts = [rooms[start : start + size] for start in range(0, len(rooms), size)] or [[]]
        part = self.chosen_part(len(parts))
        shown = parts[part - 1]
        sessions = sessions_for_listing(on_day.filter(Q(room__in=shown) | Q(room__isnull=True))).order_by(
            "start", "pk"
        )
        context.update(
            days=days,
            day=day,
            parts=[(number, rooms[0], rooms[-1]) for number, rooms in enumerate(parts, start=1) if rooms],
            part=part,
            grid=build_grid(list(sessions), shown, zoneinfo.ZoneInfo(self.conference.time_zone)),
        )
        return context

    def chosen_day(self, days):
        try:
            day = datetime.date.fromisoformat(self.request.GET.get("day", ""))
        except ValueError:
            return days[0]
        return day if day in days else days[0]

    def chosen_part(self, count):
        """1 to count; anything else (a typo, a part that no longer exists) is the first."""
        value = self.request.GET.get("rooms", "")
        return int(value) if value.isdecimal() and 1 <= int(value) <= count else 1


class SessionDetailView(CurrentConferenceMixin, DetailView):
    template_name = "events/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return sessions_in_full(self.conference.sessions.public()).prefetch_related(
            Prefetch(
                "changes",
                queryset=SessionChange.objects.select_related("previous_room", "room"),
                to_attr="change_log",
            )
        )


class SpeakerListView(CurrentConferenceMixin, ForgivingPaginationMixin, ListView):
    template_name = "events/speaker_list.html"
    context_object_name = "speakers"
    paginate_by = 48

    @cached_property
    def query(self):
        return self.request.GET.get("q", "").strip()[:100]

    def get_queryset(self):
        speakers = search_words(
            public_speakers(self.conference),
            self.query,
            ["name_zh_hans", "name_en", "organisation_zh_hans", "organisation_en"],
        )
        return speakers.order_by(*name_order("name_sort"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


class SpeakerDetailView(CurrentConferenceMixin, DetailView):
    template_name = "events/speaker_detail.html"
    context_object_name = "speaker"

    def get_object(self, queryset=None):
        speaker = get_object_or_404(
            public_speakers(self.conference).prefetch_related("links"), slug=self.kwargs["slug"]
        )
        speaker.public_sessions = list(speaker_sessions(speaker))
        return speaker


class ChangeListView(CurrentConferenceMixin, ForgivingPaginationMixin, ListView):
    """What moved, changed room or was cancelled after publication, newest first."""

    template_name = "events/changes.html"
    context_object_name = "changes"
    paginate_by = 50

    def get_queryset(self):
        return public_changes(self.conference)


EXPORT_TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


@require_GET
def schedule_export(request, fmt):
    """The published programme (filtered like /schedule/) as iCalendar, frab XML or frab JSON.
    Kept as a shared page (urls.py), so a warm export is served without a query."""
    conference = current_conference_or_404()
    sessions = SessionFilter(
        request.GET, queryset=sessions_in_full(conference.sessions.public()), conference=conference
    ).qs.order_by("start", "room__order", "pk")
    # Read a day at a time and written in pieces, which the page cache compresses as they come.
    programme = exports.Programme(sessions, conference=conference)
    absolute = request.build_absolute_uri
    if fmt == "ics":
        chunks = exports.icalendar_chunks(
            programme, conference=conference, name=conference.name, absolute=absolute
        )
    elif fmt == "xml":
        chunks = exports.frab_xml_chunks(programme, absolute=absolute)
    else:
        chunks = exports.frab_json_chunks(programme, absolute=absolute)
    response = StreamingHttpResponse(chunks, content_type=EXPORT_TYPES[fmt])
    if fmt == "ics":
        response["Content-Disposition"] = 'inline; filename="schedule.ics"'
    return response


@require_GET
def session_calendar(request, slug):
    """One session as an .ics file, for the "Add to calendar" link."""
    conference = current_conference_or_404()
    session = get_object_or_404(sessions_for_listing(conference.sessions.public()), slug=slug)
    body = exports.icalendar(
        [session], conference=conference, name=session.title, absolute=request.build_absolute_uri
    )
    response = HttpResponse(body, content_type=EXPORT_TYPES["ics"])
    response["Content-Disposition"] = f'attachment; filename="{session.slug}.ics"'
    response["Last-Modified"] = http_date(session.updated.timestamp())
    return response
