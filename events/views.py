import datetime
import zoneinfo

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView

from standards.selectors import search_words
from standards.views import FilteredListView, ForgivingPaginationMixin

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
