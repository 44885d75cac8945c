"""The admin of the companies: their profiles and accounts, their review (approve, or reject
with a reason) and the export of their booths and contacts."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from common.admin import MalformedPostMixin
from common.csvfiles import csv_response
from common.forms import HTTPS_URL_FIELDS
from common.uploads import ImageRenditionsMixin

from .. import services
from ..enums import ReservationStatus, ReviewStatus
from ..forms import LOGO_RENDITIONS
from ..models import Exhibitor
from .review import reject_with_reason


class ExhibitorAdminForm(ImageRenditionsMixin, forms.ModelForm):
    image_renditions = LOGO_RENDITIONS

    class Meta:
        model = Exhibitor
        fields = ["logo"]


@admin.register(Exhibitor)
class ExhibitorAdmin(MalformedPostMixin, TranslationAdmin):
    form = ExhibitorAdminForm
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "review_status", "region", "booths", "conference"]
    list_filter = ["review_status", "categories", "conference"]
    search_fields = ["name_zh_hans", "name_en", "contact_person", "email"]
    prepopulated_fields = {"slug": ["name_en"]}
    # Not autocomplete: organisers may link accounts without the right to browse all users.
    filter_horizontal = ["categories", "users"]
    readonly_fields = ["reviewed_by", "reviewed_at"]
    fields = [
        "conference",
        "name",
        "slug",
        "logo",
        "description",
        "website",
        "country",
        "region",
        "categories",
        "contact_person",
        "email",
        "phone",
        "users",
        "review_status",
        "review_reason",
        "reviewed_by",
        "reviewed_at",
    ]
    actions = ["approve", "reject", "export_csv"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reservations__booth")

    @admin.display(description=_("booths"))
    def booths(self, exhibitor):
        return ", ".join(
            reservation.booth.code
            for reservation in exhibitor.reservations.all()
            if reservation.status == ReservationStatus.CONFIRMED
        )

    @admin.action(description=_("Approve selected exhibitors"), permissions=["change"])
    def approve(self, request, queryset):
        changed = services.exhibitor_review(
            exhibitors=queryset, decision=ReviewStatus.APPROVED, user=request.user
        )
        self.message_user(
            request, ngettext("%(count)d approved.", "%(count)d approved.", changed) % {"count": changed}
        )

    @admin.action(description=_("Reject selected exhibitors, with a reason"), permissions=["change"])
    def reject(self, request, queryset):
        return reject_with_reason(
            self,
            request,
            queryset,
            lambda items, reason: services.exhibitor_review(
                exhibitors=items, decision=ReviewStatus.REJECTED, user=request.user, reason=reason
            ),
        )

    @admin.action(
        description=_("Export selected exhibitors with booths and contacts (CSV)"), permissions=["view"]
    )
    def export_csv(self, request, queryset):
        return csv_response(
            filename="exhibitors.csv",
            header=[
                _("company name"),
                _("company name (English)"),
                _("review status"),
                _("booths"),
                _("contact person"),
                _("e-mail"),
                _("phone"),
                _("website"),
                _("region"),
            ],
            rows=(
                [
                    exhibitor.name_zh_hans,
                    exhibitor.name_en,
                    exhibitor.get_review_status_display(),
                    self.booths(exhibitor),
                    exhibitor.contact_person,
                    exhibitor.email,
                    exhibitor.phone,
                    exhibitor.website,
                    exhibitor.region,
                ]
                for exhibitor in queryset.order_by("name_zh_hans")
            ),
        )
