"""The back office of the speakers: their links, and their photos checked and stored in two
sizes."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin import MalformedPostMixin
from common.forms import HTTPS_URL_FIELDS
from common.uploads import ImageRenditionsMixin

from ..models import Speaker, SpeakerLink

# Photos: the detail page shows up to 400 CSS pixels, lists 80; both at double density.
SPEAKER_PHOTO_SIDE = 800
SPEAKER_THUMBNAIL_SIDE = 160


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
