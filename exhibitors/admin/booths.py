"""The admin of the floor: halls, booth types and booths, with a booth list filtered by
availability and a page that lays out a whole row of booths in one step."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from common.admin import MalformedPostMixin, form_page

from .. import services
from ..enums import BoothAvailability
from ..models import Booth, BoothType, Hall


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
