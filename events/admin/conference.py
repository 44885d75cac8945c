"""The back office of the editions and their organising bodies, with the page that imports a
programme from a frab file (the import_schedule command as an upload)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.admin import MalformedPostMixin, form_page
from common.forms import HTTPS_URL_FIELDS

from .. import frab, services
from ..models import Conference, ConferenceOrganisation, Organisation


class ConferenceOrganisationInline(MalformedPostMixin, admin.TabularInline):
    model = ConferenceOrganisation
    autocomplete_fields = ["organisation"]
    extra = 1


# The back office shows this many of an import's warnings; the command lists them all.
WARNINGS_SHOWN = 20

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
    time_zone = forms.CharField(
        label=_("Time zone"),
        required=False,
        max_length=64,
        help_text=_(
            "Only for a file that names none and whose times carry no offset (pentabarf), or to "
            "override the file's: a name such as Asia/Shanghai."
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
                    programme=frab.read(
                        form.cleaned_data["file"].read(frab.MAX_BYTES + 1),
                        time_zone=form.cleaned_data["time_zone"].strip() or None,
                    ),
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
                for warning in report.warnings[:WARNINGS_SHOWN]:
                    self.message_user(request, warning, messages.WARNING)
                if len(report.warnings) > WARNINGS_SHOWN:
                    self.message_user(
                        request,
                        _("…and %(count)s more repairs or links left out (import_schedule lists them all).")
                        % {"count": len(report.warnings) - WARNINGS_SHOWN},
                        messages.WARNING,
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
