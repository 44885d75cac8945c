"""The back office of the editions and their organising bodies, with the page that imports a
programme from a frab file (the import_schedule command as an upload)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.admin import MalformedPostMixin, form_page
from common.forms import HTTPS_URL_FIELDS

from .. import frab, services
from ..models import Conference, ConferenceOrganisation, Organisation, ProgrammeUpload


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


def refusal(invalid):
    """What the organiser is told of a file the import refused (frab.ProgrammeInvalid, or a
    ValidationError from the database's side): that nothing changed, then each problem."""
    problems = invalid.problems if isinstance(invalid, frab.ProgrammeInvalid) else invalid.messages
    return [_("The file was not imported; nothing changed."), *problems]


def preview_outcomes(report):
    """(label, count, first titles, how many more) of each outcome a preview lists, in the order an organiser
    reads them: what is new, changed, moved, taken for a session made by hand, maybe doubled,
    and cancelled."""
    labels = [
        ("created", _("Created")),
        ("updated", _("Updated")),
        ("moved", _("Moved or in another room")),
        ("matched", _("Taken for a session made by hand (same title, start and room)")),
        ("duplicates", _("New, with the title of a session made by hand at another time or place")),
        ("removed", _("Cancelled: no longer in the file")),
    ]
    samples = report.get("samples", {})
    outcomes = []
    for name, label in labels:
        count, titles = report.get(name, 0), samples.get(name, [])
        outcomes.append((label, count, titles, count - len(titles)))
    return outcomes


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
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="events_conference_import"),
            path(
                "import/<uuid:upload_id>/",
                view(self.import_preview_view),
                name="events_conference_import_preview",
            ),
            *super().get_urls(),
        ]

    def _check_import_permissions(self, request):
        if not (self.has_add_permission(request) and request.user.has_perms(IMPORT_PERMISSIONS)):
            raise PermissionDenied

    def import_view(self, request):
        """The import_schedule command as an upload: read and imported as a dry run, then
        shown as a preview (import_preview_view) that the organiser confirms."""
        self._check_import_permissions(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                preview = services.programme_upload_preview(
                    user=request.user,
                    content=upload.read(frab.MAX_BYTES + 1),
                    name=upload.name,
                    edition=form.cleaned_data["edition"],
                    language=form.cleaned_data["language"],
                    time_zone=form.cleaned_data["time_zone"].strip(),
                    make_current=form.cleaned_data["make_current"],
                )
            except (frab.ProgrammeInvalid, ValidationError) as invalid:
                for problem in refusal(invalid):
                    form.add_error(None, problem)
            else:
                return redirect("admin:events_conference_import_preview", upload_id=preview.pk)
        return form_page(
            request,
            self,
            form=form,
            title=_("Import a programme"),
            intro=_(
                "Sessions, speakers, rooms, tracks and kinds are created or updated from the file; an "
                "import of a changed file updates them in place (matched on the file's GUIDs), records "
                "moves and room changes on the changes page, and cancels the sessions the file no "
                "longer holds. Texts go into the fields of the file's language: the same programme "
                "exported in the other language fills in its translation. You see what would change "
                "before anything does; a file with problems changes nothing."
            ),
            submit_label=_("Preview the import"),
        )

    def import_preview_view(self, request, upload_id):
        """What the upload's import would do; it is done when the organiser confirms, or the
        upload is dropped."""
        self._check_import_permissions(request)
        if request.method == "POST" and "discard" in request.POST:
            services.programme_upload_discard(upload_id=upload_id, user=request.user)
            self.message_user(request, _("The upload was dropped; nothing changed."), messages.INFO)
            return redirect("admin:events_conference_import")
        if request.method == "POST":
            try:
                report = services.programme_upload_apply(upload_id=upload_id, user=request.user)
            except (frab.ProgrammeInvalid, ValidationError) as invalid:
                for problem in refusal(invalid):
                    self.message_user(request, problem, messages.ERROR)
                return redirect("admin:events_conference_import_preview", upload_id=upload_id)
            if report is None:
                return self._upload_gone(request)
            self._tell_imported(request, report)
            return redirect("admin:events_conference_changelist")
        upload = ProgrammeUpload.objects.waiting().filter(pk=upload_id, uploaded_by=request.user).first()
        if upload is None:
            return self._upload_gone(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Preview of the import"),
            "upload": upload,
            "report": upload.report,
            "outcomes": preview_outcomes(upload.report),
            "warnings_shown": upload.report.get("warnings", [])[:WARNINGS_SHOWN],
            "changelist_url": reverse("admin:events_conference_changelist"),
            "import_url": reverse("admin:events_conference_import"),
        }
        return TemplateResponse(request, "admin/events/conference/import_preview.html", context)

    def _upload_gone(self, request):
        self.message_user(
            request,
            _("That upload was already imported, dropped or has expired. Upload the file again."),
            messages.WARNING,
        )
        return redirect("admin:events_conference_import")

    def _tell_imported(self, request, report):
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
