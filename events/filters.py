import datetime

import django_filters
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.search import by_slug_or_name, search_words

from .models import Room, SessionKind, SessionSpeaker, Speaker, Track
from .selectors import conference_days, public_languages, sessions_in_language


class SessionFilter(django_filters.FilterSet):
    """The programme's filters. Choices come from the current edition only; a value that is
    not one of them is reported on the form and otherwise ignored."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or abstract")}),
    )
    day = django_filters.ChoiceFilter(label=_("Day"), method="on_day", empty_label=_("All days"))
    track = django_filters.ModelChoiceFilter(
        label=_("Track"), queryset=Track.objects.none(), to_field_name="slug", empty_label=_("All tracks")
    )
    room = django_filters.ModelChoiceFilter(
        label=_("Room"), queryset=Room.objects.none(), empty_label=_("All rooms")
    )
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind"), queryset=SessionKind.objects.none(), to_field_name="slug", empty_label=_("All kinds")
    )
    # Only where the edition's sessions are held in more than one language (see __init__).
    language = django_filters.ChoiceFilter(
        label=_("Language"), method="in_language", empty_label=_("All languages")
    )
    # A box, not a list of every speaker: part of a name, or the slug a speaker's page links with.
    speaker = django_filters.CharFilter(
        label=_("Speaker"),
        method="with_speaker",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Speaker's name")}),
    )

    def __init__(self, *args, conference, **kwargs):
        self.conference = conference
        super().__init__(*args, **kwargs)
        filters = self.filters
        filters["day"].extra["choices"] = [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in conference_days(conference)
        ]
        filters["track"].queryset = Track.objects.filter(conference=conference)
        filters["room"].queryset = Room.objects.filter(conference=conference)
        filters["kind"].queryset = SessionKind.objects.filter(conference=conference)
        languages = public_languages(conference)
        if len(languages) > 1:
            filters["language"].extra["choices"] = languages
        else:
            del filters["language"]

    def search(self, queryset, name, value):
        return search_words(queryset, value, ["title_zh_hans", "title_en", "abstract_zh_hans", "abstract_en"])

    def on_day(self, queryset, name, value):
        return queryset.on_day(datetime.date.fromisoformat(value), self.conference)

    def in_language(self, queryset, name, value):
        return sessions_in_language(queryset, value)

    def with_speaker(self, queryset, name, value):
        speakers = by_slug_or_name(Speaker.objects.filter(conference=self.conference), value)
        return queryset.filter(pk__in=SessionSpeaker.objects.filter(speaker__in=speakers).values("session"))
