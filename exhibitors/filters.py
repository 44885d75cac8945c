import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.search import by_slug_or_name, search_words
from common.sorting import sorted_by_pinyin
from standards.models import Standard

from .enums import ReservationStatus
from .models import Equipment, EquipmentCategory, Exhibitor, Hall


def search_field(placeholder):
    return django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class ExhibitorFilter(django_filters.FilterSet):
    q = search_field(_("Company name or description"))
    category = django_filters.ModelChoiceFilter(
        label=_("Field"),
        queryset=EquipmentCategory.objects.filter(parent__isnull=True),
        to_field_name="slug",
        field_name="categories",
        empty_label=_("All fields"),
    )
    hall = django_filters.ModelChoiceFilter(
        label=_("Hall"), queryset=Hall.objects.none(), method="in_hall", empty_label=_("All halls")
    )
    region = django_filters.ChoiceFilter(label=_("Region"), method="in_region", empty_label=_("All regions"))

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["hall"].queryset = Hall.objects.filter(conference=conference)
        field = f"region_{get_language().replace('-', '_')}"
        regions = (
            Exhibitor.objects.approved()
            .filter(conference=conference)
            # An English region is empty or NULL (no translation) for many a company.
            .exclude(**{field: ""})
            .exclude(**{f"{field}__isnull": True})
            # Without the model's ordering, which DISTINCT would count in: one option per company.
            .order_by()
            .values_list(field, flat=True)
            .distinct()
        )
        self.filters["region"].extra["choices"] = [(region, region) for region in sorted_by_pinyin(regions)]

    def search(self, queryset, name, value):
        return search_words(
            queryset, value, ["name_zh_hans", "name_en", "description_zh_hans", "description_en"]
        )

    def in_hall(self, queryset, name, value):
        return queryset.filter(
            reservations__status=ReservationStatus.CONFIRMED, reservations__booth__hall=value
        ).distinct()

    def in_region(self, queryset, name, value):
        return queryset.filter(Q(region_zh_hans=value) | Q(region_en=value))


class EquipmentFilter(django_filters.FilterSet):
    q = search_field(_("Product name or summary"))
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=EquipmentCategory.objects.select_related("parent"),
        to_field_name="slug",
        method="in_category",
        empty_label=_("All categories"),
    )
    standard = django_filters.ModelChoiceFilter(
        label=_("Conforms to"),
        # EXISTS, one index probe a standard, not DISTINCT over a join with every listing's
        # standards (60 ms at four times the design's size).
        queryset=Standard.objects.filter(
            Exists(Equipment.standards.through.objects.filter(standard=OuterRef("pk")))
        ),
        to_field_name="slug",
        field_name="standards",
        empty_label=_("Any standard"),
    )
    # A box, not a list of 1,500 companies: it takes part of a name, or the address name (slug)
    # that an exhibitor's page links with.
    exhibitor = django_filters.CharFilter(
        label=_("Exhibitor"),
        method="by_exhibitor",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Company name")}),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)

    def search(self, queryset, name, value):
        return search_words(queryset, value, ["name_zh_hans", "name_en", "summary_zh_hans", "summary_en"])

    def by_exhibitor(self, queryset, name, value):
        return queryset.filter(exhibitor__in=by_slug_or_name(Exhibitor.objects.all(), value))

    def in_category(self, queryset, name, value):
        # A field (top level) includes the kinds of equipment within it.
        return queryset.filter(Q(category=value) | Q(category__parent=value))
