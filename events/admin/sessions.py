"""The back office of the sessions: their speakers and links, the day and conflict filters, the
conflict column and warnings (in each edition's time zone), the publish, unpublish and cancel
actions, and the read-only change log behind the public changes page."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin import MalformedPostMixin
from common.forms import HTTPS_URL_FIELDS

from .. import services
from ..enums import SessionStatus
from ..languages import DEFAULT_LANGUAGES, split_codes
from ..models import (
    Conference,
    Session,
    SessionChange,
    SessionKind,
    SessionLanguage,
    SessionLink,
    SessionSpeaker,
    Speaker,
)
from ..selectors import language_choices, session_conflicts, sessions_in_language


class SessionSpeakerInline(MalformedPostMixin, admin.TabularInline):
    model = SessionSpeaker
    autocomplete_fields = ["speaker"]
    extra = 1


class SessionLinkInline(MalformedPostMixin, TranslationTabularInline):
    model = SessionLink
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0


class SessionForm(forms.ModelForm):
    """The session with its languages as one line of codes ("zh, en"), in the order shown."""

    languages = forms.CharField(
        label=_("languages"),
        required=False,
        max_length=200,
        help_text=_(
            "Language codes separated by commas, in the order to show them: zh, en, de. "
            "Leave it empty when the session names no language."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = self.instance.language_codes if self.instance.pk else DEFAULT_LANGUAGES
        self.fields["languages"].initial = ", ".join(codes)

    def clean_languages(self):
        codes, bad = split_codes(self.cleaned_data["languages"])
        if bad:
            raise forms.ValidationError(
                _(
                    "“%(value)s” is not a language code. Write codes such as zh, en or de, "
                    "separated by commas."
                ),
                params={"value": bad[0]},
            )
        return codes


class LanguageListFilter(admin.SimpleListFilter):
    """Sessions held in a language (among others), by its name."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return language_choices(SessionLanguage.objects.all())

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return sessions_in_language(queryset, self.value())


class DayListFilter(admin.SimpleListFilter):
    """Conference days, each edition's in its own time zone and from its day change."""

    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        conferences = {conference.pk: conference for conference in Conference.objects.all()}
        starts = Session.objects.order_by().values_list("start", "conference_id").distinct()
        days = sorted({conferences[conference].day_of(start) for start, conference in starts})
        return [(day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = datetime.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        during = Q(pk__in=[])
        for conference in Conference.objects.all():
            during |= Q(conference=conference) & Q(
                start__gte=conference.day_begins(day),
                start__lt=conference.day_begins(day + datetime.timedelta(days=1)),
            )
        return queryset.filter(during)


class ConflictListFilter(admin.SimpleListFilter):
    title = _("conflicts")
    parameter_name = "conflicts"

    def lookups(self, request, model_admin):
        return [("yes", _("Has conflicts")), ("no", _("No conflicts"))]

    def queryset(self, request, queryset):
        if self.value() not in {"yes", "no"}:
            return queryset
        ids = set(all_session_conflicts(request))
        return queryset.filter(pk__in=ids) if self.value() == "yes" else queryset.exclude(pk__in=ids)


def all_session_conflicts(request):
    """{session id: [Conflict]} of every edition, worked out once per request: the session
    list's filter, its annotation and its conflict column all read it."""
    if not hasattr(request, "_session_conflicts"):
        conflicts = {}
        for conference in Conference.objects.filter(sessions__isnull=False).distinct():
            conflicts.update(session_conflicts(conference))
        request._session_conflicts = conflicts
    return request._session_conflicts


@admin.register(Session)
class SessionAdmin(MalformedPostMixin, TranslationAdmin):
    # The conflict column comes second, where a narrow screen still shows it (get_list_display).
    list_display = ["title", "start", "end", "room", "track", "kind", "status"]
    list_filter = [
        ConflictListFilter,
        DayListFilter,
        LanguageListFilter,
        "status",
        "kind",
        "track",
        "room",
        "conference",
    ]
    list_select_related = ["room", "track", "kind"]
    search_fields = ["title_zh_hans", "title_en", "abstract_zh_hans", "abstract_en", "slug"]
    form = SessionForm
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [SessionSpeakerInline, SessionLinkInline]
    actions = ["publish", "unpublish", "cancel"]
    formfield_overrides = HTTPS_URL_FIELDS
    readonly_fields = ["guid"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "conference",
                    "title",
                    "subtitle",
                    "slug",
                    "kind",
                    "track",
                    "status",
                    "is_highlight",
                ]
            },
        ),
        (_("When and where"), {"fields": ["start", "end", "room", "languages"]}),
        (_("Content"), {"fields": ["abstract", "description"]}),
        (
            _("Recording and source"),
            {"fields": ["do_not_record", "do_not_stream", "recording_license", "url", "guid"]},
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name == "events_session_changelist":
            # One bulk check for the whole list, shown as a column.
            queryset = queryset.annotate(
                has_conflict=Case(
                    When(pk__in=set(all_session_conflicts(request)), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
        return queryset

    def get_list_display(self, request):
        """The list with a conflict column that says what each session clashes with (one query
        for the other sessions' titles, the conflicts shared with the filter)."""
        conflicts = all_session_conflicts(request)
        others = Session.objects.in_bulk(
            {conflict.other_id for found in conflicts.values() for conflict in found if conflict.other_id}
        )

        @admin.display(description=_("conflict"))
        def conflict(session):
            found = conflicts.get(session.pk)
            if not found:
                return ""
            notes = [conflict_note(conflict, others) for conflict in found[:CONFLICTS_NAMED]]
            if len(found) > CONFLICTS_NAMED:
                more = len(found) - CONFLICTS_NAMED
                notes.append(ngettext("and %(count)s more", "and %(count)s more", more) % {"count": more})
            return format_html('<span class="conflict-note">⚠ {}</span>', "; ".join(notes))

        title, *rest = super().get_list_display(request)
        return [title, conflict, *rest]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Times are shown and taken in the edition's time zone, not the site's: a Berlin 12:30
        # reads 12:30. The page is rendered inside, since its times are formatted then.
        with timezone.override(self._edition_zone(request, object_id)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def changelist_view(self, request, extra_context=None):
        with timezone.override(self._edition_zone(request)):
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Each edition has its own kinds: offer those of the session's (or the chosen) edition.
        conference = obj.conference if obj else self._edition(request)
        if conference is not None and "kind" in form.base_fields:
            form.base_fields["kind"].queryset = SessionKind.objects.filter(conference=conference)
        return form

    def _edition(self, request):
        chosen = request.POST.get("conference") or request.GET.get("conference") or ""
        conference = Conference.objects.filter(pk=chosen).first() if chosen.isdecimal() else None
        return conference or Conference.objects.current().first()

    def _edition_zone(self, request, object_id=None):
        """The edition's zone: the session's, the one posted or filtered on, else the current one's."""
        session = self.get_object(request, object_id) if object_id else None
        if session is not None:
            return session.conference.zone
        chosen = request.GET.get("conference__id__exact") or ""
        conference = Conference.objects.filter(pk=chosen).first() if chosen.isdecimal() else None
        conference = conference or self._edition(request)
        return conference.zone if conference else timezone.get_default_timezone()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            session = self.get_object(request, object_id)
            if session is not None:
                self._warn_about_conflicts(request, session)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        current = Conference.objects.current().first()
        if current and "conference" not in initial:
            initial["conference"] = current.pk
        return initial

    def save_model(self, request, obj, form, change):
        # The service notes moves, room changes and cancellations visitors should hear of.
        services.session_save(session=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.session_set_languages(session=form.instance, codes=form.cleaned_data["languages"])
        # "Save and continue" reopens the form, whose GET warns; warning here too would repeat it.
        if "_continue" not in request.POST:
            self._warn_about_conflicts(request, form.instance)

    def _warn_about_conflicts(self, request, session):
        for message in conflict_messages(session):
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Publish selected sessions"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, SessionStatus.PUBLISHED)

    @admin.action(description=_("Unpublish selected sessions (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, SessionStatus.DRAFT)

    @admin.action(description=_("Cancel selected sessions"), permissions=["change"])
    def cancel(self, request, queryset):
        self._set_status(request, queryset, SessionStatus.CANCELLED)

    def _set_status(self, request, queryset, status):
        changed = services.session_set_status(sessions=queryset, status=status)
        self.message_user(
            request,
            ngettext(
                "%(count)d session is now “%(status)s”.",
                "%(count)d sessions are now “%(status)s”.",
                changed,
            )
            % {"count": changed, "status": SessionStatus(status).label},
            messages.SUCCESS,
        )


@admin.register(SessionChange)
class SessionChangeAdmin(MalformedPostMixin, admin.ModelAdmin):
    """The record behind the public changes page; read-only, as it reports what happened.
    Delete a line to take it off the page (after undoing an accidental move, say)."""

    list_display = ["session", "created", "previous_start", "start", "previous_room", "room", "status"]
    list_filter = ["session__conference", "status"]
    list_select_related = ["session", "previous_room", "room"]
    search_fields = ["session__title_zh_hans", "session__title_en"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# How many clashes the session list names in a row (the session's page lists them all).
CONFLICTS_NAMED = 2


def conflict_note(conflict, others):
    """A short note for the list: "room: <other>", "speaker: <other>", "outside the dates"."""
    if conflict.kind == "dates":
        return str(_("outside the edition's dates"))
    label = _("room") if conflict.kind == "room" else _("speaker")
    return f"{label}: {others[conflict.other_id].title}"


def conflict_messages(session):
    """Sentences for the organiser about one session's conflicts, naming what it clashes with."""
    conflicts = session_conflicts(session.conference).get(session.pk, [])
    others = Session.objects.in_bulk({conflict.other_id for conflict in conflicts if conflict.other_id})
    speakers = Speaker.objects.in_bulk({conflict.speaker_id for conflict in conflicts if conflict.speaker_id})
    lines = []
    for conflict in conflicts:
        if conflict.kind == "dates":
            lines.append(_("This session is outside the dates of its edition."))
            continue
        other = others[conflict.other_id]
        params = {
            "other": other.title,
            "start": date_format(localtime(other.start, session.conference.zone), "DATETIME_FORMAT"),
            "end": date_format(localtime(other.end, session.conference.zone), "TIME_FORMAT"),
        }
        if conflict.kind == "room":
            params["room"] = session.room
            lines.append(
                _("Room “%(room)s” also holds “%(other)s” (%(start)s–%(end)s) at the same time.") % params
            )
        else:
            params["speaker"] = speakers[conflict.speaker_id]
            lines.append(
                _("%(speaker)s also speaks in “%(other)s” (%(start)s–%(end)s) at the same time.") % params
            )
    return lines
