"""The back office of the lists an edition's sessions are placed in and sorted by: rooms,
tracks (with their colour) and session kinds."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.admin import MalformedPostMixin

from ..models import Room, SessionKind, Track


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
