"""The admin of the equipment: its categories, and the listings with their pictures, published
or rejected with a reason by the organisers."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin import MalformedPostMixin
from common.uploads import ImageRenditionsMixin

from .. import services
from ..enums import EquipmentStatus
from ..forms import EQUIPMENT_IMAGE_RENDITIONS, SpecSheetMixin
from ..models import Equipment, EquipmentCategory, EquipmentImage
from .review import reject_with_reason


@admin.register(EquipmentCategory)
class EquipmentCategoryAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["__str__", "slug", "order"]
    list_filter = ["parent"]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class EquipmentImageForm(ImageRenditionsMixin, forms.ModelForm):
    image_renditions = EQUIPMENT_IMAGE_RENDITIONS

    class Meta:
        model = EquipmentImage
        fields = ["image"]


class EquipmentImageInline(TranslationTabularInline):
    model = EquipmentImage
    form = EquipmentImageForm
    fields = ["image", "alt_text", "order", "preview"]
    readonly_fields = ["preview"]
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, image):
        if not image.thumbnail:
            return "—"
        return format_html('<img src="{}" alt="" height="60">', image.thumbnail.url)


class EquipmentAdminForm(SpecSheetMixin, forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["spec_sheet"]


@admin.register(Equipment)
class EquipmentAdmin(MalformedPostMixin, TranslationAdmin):
    form = EquipmentAdminForm
    list_display = ["name", "exhibitor", "category", "status"]
    list_filter = ["status", "category", "exhibitor__conference"]
    list_select_related = ["exhibitor", "category__parent"]
    search_fields = ["name_zh_hans", "name_en", "slug", "exhibitor__name_zh_hans", "exhibitor__name_en"]
    autocomplete_fields = ["exhibitor", "standards"]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = [
        "exhibitor",
        "name",
        "slug",
        "category",
        "summary",
        "description",
        "spec_sheet",
        "standards",
        "status",
        "review_reason",
        "order",
    ]
    inlines = [EquipmentImageInline]
    actions = ["publish", "reject"]

    @admin.action(description=_("Publish selected listings"), permissions=["change"])
    def publish(self, request, queryset):
        changed = services.equipment_review(items=queryset, decision=EquipmentStatus.PUBLISHED)
        self.message_user(
            request, ngettext("%(count)d published.", "%(count)d published.", changed) % {"count": changed}
        )

    @admin.action(description=_("Reject selected listings, with a reason"), permissions=["change"])
    def reject(self, request, queryset):
        return reject_with_reason(
            self,
            request,
            queryset,
            lambda items, reason: services.equipment_review(
                items=items, decision=EquipmentStatus.REJECTED, reason=reason
            ),
        )
