import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Case, Q, Value, When
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin import MalformedPostMixin, form_page
from common.forms import HTTPS_URL_FIELDS
from common.uploads import ImageRenditionsMixin

from . import frab, services
from .enums import SessionStatus
from .models import (
    Conference,
    ConferenceOrganisation,
    Organisation,
    Room,
    Session,
    SessionChange,
    SessionKind,
    SessionLink,
    SessionSpeaker,
    Speaker,
    SpeakerLink,
    Track,
)
from .selectors import session_conflicts

# Photos: the detail page shows up to 400 CSS pixels, lists 80; both at double density.
SPEAKER_PHOTO_SIDE = 800
SPEAKER_THUMBNAIL_SIDE = 160


class ConferenceOrganisationInline(MalformedPostMixin, admin.TabularInline):
    model = ConferenceOrganisation
    autocomplete_fields = ["organisation"]
    extra = 1


# Importing writes sessions, speakers, rooms, tracks and kinds.
IMPORT_PERMISSIONS = [
    "events.add_session",
    "events.change_session",
    "events.add_speaker",
    "events.change_speaker",
    "events.add_room",
    "events.add_track",
    "events.add_sessionkind",
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Schedule file"),
        help_text=_("frab XML or frab JSON (schedule.xml, schedule.json), as pretalx and frab export it."),
    )
    edition = forms.IntegerField(
        label=_("Edition number"),
        required=False,
        min_value=1,
        max_value=32767,
        help_text=_(
            "The edition to fill, created if it does not exist. Empty: the edition with the file's acronym."
        ),
    )
    language = forms.TypedChoiceField(
        label=_("Language of the file"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
        empty_value=settings.LANGUAGE_CODE,
        help_text=_(
            "Its texts fill this language's fields. Import the same programme in the other language "
            "to add its translation."
        ),
    )
    make_current = forms.BooleanField(label=_("Make it the current edition"), required=False)


@admin.register(Conference)
class ConferenceAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["number", "name", "start_date", "end_date", "venue_name", "is_current"]
    list_display_links = ["number", "name"]
    list_filter = ["is_current"]
    search_fields = ["name_zh_hans", "name_en", "theme_zh_hans", "theme_en"]
    date_hierarchy = "start_date"
    inlines = [ConferenceOrganisationInline]
    actions = ["make_current"]
    fieldsets = [
        (None, {"fields": ["number", "name", "theme", "description", "is_current"]}),
        (
            _("When and where"),
            {"fields": ["start_date", "end_date", "time_zone", "venue_name", "venue_address"]},
        ),
        (_("Expo opening hours"), {"fields": ["expo_opens", "expo_closes"]}),
        (_("Schedule apps"), {"fields": ["acronym", "day_change", "timeslot_minutes"]}),
    ]

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="events_conference_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """The import_schedule command as an upload: checked first, all or nothing."""
        if not (self.has_add_permission(request) and request.user.has_perms(IMPORT_PERMISSIONS)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = services.schedule_import(
                    programme=frab.read(form.cleaned_data["file"].read(frab.MAX_BYTES + 1)),
                    edition=form.cleaned_data["edition"],
                    make_current=form.cleaned_data["make_current"],
                    language=form.cleaned_data["language"],
                )
            except frab.ProgrammeInvalid as invalid:
                form.add_error(None, _("The file was not imported; nothing changed."))
                for problem in invalid.problems:
                    form.add_error(None, problem)
            except ValidationError as invalid:
                form.add_error(None, _("The file was not imported; nothing changed."))
                for message in invalid.messages:
                    form.add_error(None, message)
            else:
                self.message_user(
                    request,
                    _(
                        "%(conference)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                        "%(removed)s removed; %(changes)s schedule changes recorded."
                    )
                    % {
                        "conference": report.conference,
                        "created": report.created,
                        "updated": report.updated,
                        "unchanged": report.unchanged,
                        "removed": report.removed,
                        "changes": report.changes,
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:events_conference_changelist")
        return form_page(
            request,
            self,
            form=form,
            title=_("Import a programme"),
            intro=_(
                "Sessions, speakers, rooms, tracks and kinds are created or updated from the file; an "
                "import of a changed file updates them in place (matched on the file's GUIDs), records "
                "moves and room changes on the changes page, and takes sessions the file no longer holds "
                "back to draft. Texts go into the fields of the file's language: the same programme "
                "exported in the other language fills in its translation. A file with problems changes "
                "nothing."
            ),
            submit_label=_("Import"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # A new edition starts with the usual session kinds.
            services.session_kinds_ensure_defaults(conference=obj)

    @admin.action(description=_("Make current (show on the public site)"), permissions=["change"])
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one edition to make current."), messages.ERROR)
            return
        conference = services.conference_make_current(conference=queryset.get())
        self.message_user(
            request,
            _("“%(conference)s” is now the current edition.") % {"conference": conference},
            messages.SUCCESS,
        )


@admin.register(Organisation)
class OrganisationAdmin(MalformedPostMixin, TranslationAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "website"]
    search_fields = ["name_zh_hans", "name_en"]


@admin.register(Room)
class RoomAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["name", "floor", "capacity", "order", "conference"]
    list_editable = ["order"]
    list_filter = ["conference"]
    search_fields = ["name_zh_hans", "name_en"]


@admin.register(Track)
class TrackAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["name", "slug", "colour_swatch", "order", "conference"]
    list_filter = ["conference"]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    @admin.display(description=_("colour"))
    def colour_swatch(self, track):
        return format_html(
            '<span style="display:inline-block;width:1em;height:1em;background:{};vertical-align:middle">'
            "</span> {}",
            track.colour,
            track.colour,
        )


@admin.register(SessionKind)
class SessionKindAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["name", "slug", "order", "conference"]
    list_editable = ["order"]
    list_filter = ["conference"]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class SpeakerLinkInline(TranslationTabularInline):
    model = SpeakerLink
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS


class SpeakerAdminForm(ImageRenditionsMixin, forms.ModelForm):
    """Photos are checked with Pillow and stored re-encoded, in two sizes, under new names."""

    image_renditions = {"photo": {"photo": SPEAKER_PHOTO_SIDE, "photo_thumbnail": SPEAKER_THUMBNAIL_SIDE}}

    class Meta:
        model = Speaker
        # SpeakerAdmin.fields lists the rest; the admin builds them with its widgets and overrides.
        fields = ["photo"]


@admin.register(Speaker)
class SpeakerAdmin(MalformedPostMixin, TranslationAdmin):
    form = SpeakerAdminForm
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["photo_preview", "name", "position", "organisation", "conference"]
    list_display_links = ["photo_preview", "name"]
    list_filter = ["conference"]
    search_fields = ["name_zh_hans", "name_en", "organisation_zh_hans", "organisation_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["photo_preview"]
    fields = [
        "conference",
        "name",
        "slug",
        "honorific",
        "position",
        "organisation",
        "biography",
        "photo",
        "photo_preview",
        "website",
    ]
    inlines = [SpeakerLinkInline]

    @admin.display(description=_("photo"))
    def photo_preview(self, speaker):
        if not speaker.photo_thumbnail:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="48" height="48" style="object-fit:cover;border-radius:50%">',
            speaker.photo_thumbnail.url,
        )


class SessionSpeakerInline(MalformedPostMixin, admin.TabularInline):
    model = SessionSpeaker
    autocomplete_fields = ["speaker"]
    extra = 1


class SessionLinkInline(MalformedPostMixin, TranslationTabularInline):
    model = SessionLink
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0


class DayListFilter(admin.SimpleListFilter):
    """Conference days, each edition's in its own time zone and from its day change."""

    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        conferences = {conference.pk: conference for conference in Conference.objects.all()}
        starts = Session.objects.values_list("start", "conference_id").distinct()
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
        "status",
        "kind",
        "track",
        "room",
        "conference",
    ]
    list_select_related = ["room", "track", "kind"]
    search_fields = ["title_zh_hans", "title_en", "abstract_zh_hans", "abstract_en", "slug"]
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
        (_("When and where"), {"fields": ["start", "end", "room", "language"]}),
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
            "start": date_format(localtime(other.start), "DATETIME_FORMAT"),
            "end": date_format(localtime(other.end), "TIME_FORMAT"),
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
