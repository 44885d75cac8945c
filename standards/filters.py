import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from common.search import search_words

from .enums import StandardCategory, StandardStatus
from .models import Standard
from .selectors import issue_years


class StandardFilter(django_filters.FilterSet):
    """The catalogue's filters; a value that is not a choice is reported and ignored."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code or title")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StandardStatus, empty_label=_("All statuses")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=StandardCategory, empty_label=_("All categories")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year of issue"), field_name="issued_on__year", empty_label=_("All years")
    )

    class Meta:
        model = Standard
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in issue_years()]

    def search(self, queryset, name, value):
        return search_words(queryset, value, ["code", "title_zh_hans", "title_en"])
