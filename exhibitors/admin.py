import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin import MalformedPostMixin, form_page
from common.csvfiles import csv_response
from common.forms import HTTPS_URL_FIELDS
from common.uploads import ImageRenditionsMixin

from . import services
from .enums import BoothAvailability, EquipmentStatus, ReservationStatus, ReviewStatus
from .forms import EQUIPMENT_IMAGE_RENDITIONS, LOGO_RENDITIONS, SpecSheetMixin
from .models import (
    Booth,
    BoothReservation,
    BoothType,
    Equipment,
    EquipmentCategory,
    EquipmentImage,
    Exhibitor,
    Hall,
)


@admin.register(Hall)
class HallAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["name", "width", "depth", "order", "conference"]
    list_filter = ["conference"]
    search_fields = ["name_zh_hans", "name_en"]


@admin.register(BoothType)
class BoothTypeAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["name", "width", "depth", "pricing", "price", "conference"]
    list_filter = ["conference", "pricing"]


class AvailabilityListFilter(admin.SimpleListFilter):
    title = _("availability")
    parameter_name = "availability"

    def lookups(self, request, model_admin):
        return BoothAvailability.choices

    def queryset(self, request, queryset):
        queryset = queryset.with_availability()
        if self.value() == BoothAvailability.BOOKED:
            return queryset.filter(is_booked=True)
        if self.value() == BoothAvailability.HELD:
            return queryset.filter(is_held=True)
        if self.value() == BoothAvailability.AVAILABLE:
            return queryset.filter(is_booked=False, is_held=False)
        return queryset


class BoothRowForm(forms.Form):
    """Lay out a row of booths in one step."""

    hall = forms.ModelChoiceField(label=_("Hall"), queryset=Hall.objects.select_related("conference"))
    booth_type = forms.ModelChoiceField(label=_("Booth type"), queryset=BoothType.objects.all())
    prefix = forms.CharField(label=_("Code prefix"), max_length=10, initial="A-", help_text=_("Such as A-."))
    first_number = forms.IntegerField(label=_("First number"), min_value=0, initial=101)
    count = forms.IntegerField(label=_("Number of booths"), min_value=1, max_value=200, initial=20)
    x = forms.DecimalField(label=_("x of the first booth (m)"), min_value=0, max_digits=6, decimal_places=1)
    y = forms.DecimalField(label=_("y of the first booth (m)"), min_value=0, max_digits=6, decimal_places=1)
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[(services.ACROSS, _("Left to right")), (services.DOWN, _("Top to bottom"))],
    )

    def clean(self):
        cleaned_data = super().clean()
        hall, booth_type = cleaned_data.get("hall"), cleaned_data.get("booth_type")
        if hall and booth_type and hall.conference_id != booth_type.conference_id:
            raise ValidationError(_("Choose a booth type of the hall's edition."))
        return cleaned_data


@admin.register(Booth)
class BoothAdmin(MalformedPostMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "hall",
        "booth_type",
        "size",
        "price_display",
        "availability_display",
        "is_corner",
    ]
    list_filter = [AvailabilityListFilter, "hall", "booth_type", "conference"]
    list_select_related = ["hall", "booth_type"]
    search_fields = ["code"]
    change_list_template = "admin/exhibitors/booth/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_availability()

    @admin.display(description=_("size"))
    def size(self, booth):
        return f"{booth.width} m × {booth.depth} m"

    @admin.display(description=_("price (CNY)"))
    def price_display(self, booth):
        return booth.price

    @admin.display(description=_("availability"))
    def availability_display(self, booth):
        return booth.availability.label

    def get_urls(self):
        return [
            path(
                "generate-row/",
                self.admin_site.admin_view(self.generate_row_view),
                name="exhibitors_booth_generate_row",
            ),
            *super().get_urls(),
        ]

    def generate_row_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BoothRowForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                booths = services.booths_generate_row(**form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                self.message_user(
                    request,
                    ngettext("%(count)d booth created.", "%(count)d booths created.", len(booths))
                    % {"count": len(booths)},
                    messages.SUCCESS,
                )
                return redirect("admin:exhibitors_booth_changelist")
        return form_page(
            request,
            self,
            form=form,
            title=_("Generate a row of booths"),
            intro=_(
                "Booths take the size of their type and are placed side by side from the first position; "
                "the first and last are marked as corner booths. The whole row is created, or none of it."
            ),
            submit_label=_("Create the booths"),
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the exhibitor sees it)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


def reject_with_reason(modeladmin, request, queryset, review):
    """An admin action's intermediate page: ask for the reason, then reject."""
    form = ReasonForm(request.POST if "reason" in request.POST else None)
    if form.is_bound and form.is_valid():
        changed = review(queryset, form.cleaned_data["reason"])
        modeladmin.message_user(
            request, ngettext("%(count)d rejected.", "%(count)d rejected.", changed) % {"count": changed}
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": _("Reject with a reason"),
        "form": form,
        "queryset": queryset,
        "action": request.POST.get("action"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/exhibitors/reject_with_reason.html", context)


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


class HeldUntilListFilter(admin.SimpleListFilter):
    """What is held and about to expire, for the organisers' daily round."""

    title = _("held until")
    parameter_name = "held_until"

    def lookups(self, request, model_admin):
        return [
            ("24h", _("Expires within 24 hours")),
            ("3d", _("Expires within 3 days")),
            ("lapsed", _("Deadline passed")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        held = queryset.filter(status=ReservationStatus.HELD)
        if self.value() == "24h":
            return held.filter(held_until__gt=now, held_until__lte=now + datetime.timedelta(hours=24))
        if self.value() == "3d":
            return held.filter(held_until__gt=now, held_until__lte=now + datetime.timedelta(days=3))
        if self.value() == "lapsed":
            return held.filter(held_until__lte=now)
        return queryset


@admin.register(BoothReservation)
class BoothReservationAdmin(MalformedPostMixin, admin.ModelAdmin):
    list_display = ["booth", "exhibitor", "status", "price", "held_until", "decided_by", "created"]
    list_filter = ["status", HeldUntilListFilter, "booth__hall"]
    list_select_related = ["booth", "exhibitor", "decided_by"]
    search_fields = ["booth__code", "exhibitor__name_zh_hans", "exhibitor__name_en"]
    autocomplete_fields = ["exhibitor", "booth"]
    readonly_fields = ["status", "price", "held_until", "reason", "decided_by", "decided_at"]
    date_hierarchy = "created"
    # Held reservations (the ones waiting for a decision) first, the nearest deadline on top.
    ordering = [
        Case(When(status=ReservationStatus.HELD, then=Value(0)), default=Value(1)),
        F("held_until").asc(nulls_last=True),
        "-created",
    ]
    actions = ["confirm", "reject"]

    def has_add_permission(self, request):
        # Reservations come from exhibitors through booth_reserve, never typed in here.
        return False

    @admin.action(description=_("Confirm selected reservations"), permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, confirm=True)

    @admin.action(description=_("Reject selected reservations, with a reason"), permissions=["change"])
    def reject(self, request, queryset):
        return reject_with_reason(
            self,
            request,
            queryset,
            lambda items, reason: self._decide(request, items, confirm=False, reason=reason),
        )

    def _decide(self, request, queryset, *, confirm, reason=""):
        done = 0
        for reservation in queryset.select_related("booth"):
            try:
                services.reservation_decide(
                    reservation=reservation, user=request.user, confirm=confirm, reason=reason
                )
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                done += 1
        if confirm:
            self.message_user(
                request,
                ngettext("%(count)d confirmed.", "%(count)d confirmed.", done) % {"count": done},
                messages.SUCCESS,
            )
        return done
