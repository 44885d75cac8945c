from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import Conference, ConferenceOrganisation, Organisation


class ConferenceOrganisationInline(admin.TabularInline):
    model = ConferenceOrganisation
    autocomplete_fields = ["organisation"]
    extra = 1


@admin.register(Conference)
class ConferenceAdmin(TranslationAdmin):
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
    ]

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
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "website"]
    search_fields = ["name_zh_hans", "name_en"]
