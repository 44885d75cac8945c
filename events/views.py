import datetime
import hashlib
import json
import zoneinfo

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_GET
from django.views.generic import DetailView, ListView, TemplateView

from standards.selectors import search_words
from standards.views import FilteredListView, ForgivingPaginationMixin

from . import exports
from .filters import SessionFilter
from .grid import build_grid
from .selectors import (
    conference_days,
    current_conference,
    group_by_day_and_time,
    public_speakers,
    sessions_for_listing,
    speaker_sessions,
)


class CurrentConferenceMixin:
    """Public pages show the current edition; without one there is nothing to show."""

    @cached_property
    def conference(self):
        conference = current_conference()
        if conference is None:
            raise Http404("No current conference edition.")
        return conference

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
        context["days"] = group_by_day_and_time(context["object_list"], self.conference.time_zone)
        return context


class GridView(CurrentConferenceMixin, TemplateView):
    template_name = "events/grid.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = conference_days(self.conference)
        day = self.chosen_day(days)
        sessions = sessions_for_listing(
            self.conference.sessions.public().on_day(day, self.conference.time_zone)
        ).order_by("start", "pk")
        rooms = list(self.conference.rooms.all())
        context.update(
            days=days,
            day=day,
            grid=build_grid(list(sessions), rooms, zoneinfo.ZoneInfo(self.conference.time_zone)),
        )
        return context

    def chosen_day(self, days):
        try:
            day = datetime.date.fromisoformat(self.request.GET.get("day", ""))
        except ValueError:
            return days[0]
        return day if day in days else days[0]


class SessionDetailView(CurrentConferenceMixin, DetailView):
    template_name = "events/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return sessions_for_listing(self.conference.sessions.public())


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
        return speakers.order_by("name", "pk")

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


EXPORT_TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
EXPORT_CACHE_SECONDS = 60 * 60


def _programme_state(request):
    """(latest change, number of sessions) of the current edition: one query per request. Any
    edit moves the first, a deletion the second, so together they version the exports."""
    if not hasattr(request, "_programme_state"):
        conference = current_conference()
        state = conference.sessions.aggregate(latest=Max("updated"), count=Count("id")) if conference else {}
        request._programme_state = (state.get("latest"), state.get("count", 0))
    return request._programme_state


def _export_etag(request, fmt):
    latest, count = _programme_state(request)
    fingerprint = f"{fmt}|{get_language()}|{request.GET.urlencode()}|{latest}|{count}"
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:32]


@require_GET
@condition(
    etag_func=_export_etag,
    last_modified_func=lambda request, fmt: _programme_state(request)[0],
)
def schedule_export(request, fmt):
    """The published programme (filtered like /schedule/) as iCalendar, frab XML or frab JSON.
    Bodies are cached under their ETag, so a change to the programme retires them at once."""
    conference = current_conference()
    if conference is None:
        raise Http404("No current conference edition.")
    key = f"events:export:{_export_etag(request, fmt)}"
    body = cache.get(key)
    if body is None:
        sessions = SessionFilter(
            request.GET, queryset=sessions_for_listing(conference.sessions.public()), conference=conference
        ).qs.order_by("start", "room__order", "pk")
        sessions = list(sessions)
        absolute = request.build_absolute_uri
        if fmt == "ics":
            body = exports.icalendar(sessions, conference=conference, name=conference.name, absolute=absolute)
        elif fmt == "xml":
            body = exports.frab_xml(sessions, conference=conference, absolute=absolute)
        else:
            body = json.dumps(
                exports.frab_json(sessions, conference=conference, absolute=absolute), ensure_ascii=False
            )
        cache.set(key, body, EXPORT_CACHE_SECONDS)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    if fmt == "ics":
        response["Content-Disposition"] = 'inline; filename="schedule.ics"'
    return response


@require_GET
def session_calendar(request, slug):
    """One session as an .ics file, for the "Add to calendar" link."""
    conference = current_conference()
    if conference is None:
        raise Http404("No current conference edition.")
    session = get_object_or_404(sessions_for_listing(conference.sessions.public()), slug=slug)
    body = exports.icalendar(
        [session], conference=conference, name=session.title, absolute=request.build_absolute_uri
    )
    response = HttpResponse(body, content_type=EXPORT_TYPES["ics"])
    response["Content-Disposition"] = f'attachment; filename="{session.slug}.ics"'
    response["Last-Modified"] = http_date(session.updated.timestamp())
    return response
