from django_filters.views import FilterView


class ForgivingPaginationMixin:
    """`?page=` past the end, below 1 or not a number shows the nearest page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class FilteredListView(ForgivingPaginationMixin, FilterView):
    """A paginated list with django-filter. An invalid filter value is reported on the form
    and ignored (strict off), rather than emptying the list; `is_filtered` tells whether any
    filter is in use, for the "clear filters" link."""

    strict = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_filtered"] = any(
            value for key, value in self.request.GET.items() if key in self.filterset.filters
        )
        return context
