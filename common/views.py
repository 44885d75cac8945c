import functools

from django.contrib import messages
from django.utils.http import url_has_allowed_host_and_scheme
from django_filters.views import FilterView

from .middleware import CAMERA_POLICY
from .ratelimit import wait_message


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


class RateLimitedPostMixin:
    """A form view whose posts are counted (`post_rate_limit()`, a RateLimit, per
    `post_rate_keys(request)`): past the limit the form comes back with how long to wait, as a
    429 with Retry-After, and nothing is done."""

    def post(self, request, *args, **kwargs):
        waiting = self.post_rate_limit().attempt(*self.post_rate_keys(request))
        if waiting:
            messages.error(request, wait_message(waiting))
            response = self.render_to_response(self.get_context_data(form=self.get_form()), status=429)
            response["Retry-After"] = str(waiting)
            return response
        return super().post(request, *args, **kwargs)


def safe_next(request, target, fallback):
    """`target` when it is a page of this site (without its fragment), else `fallback`: a
    "back to where you were" address from a form never sends the visitor elsewhere."""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target.split("#")[0]
    return fallback


def uses_camera(view):
    """A view whose page reads QR codes with the camera (the badge scanner): the one place the
    Permissions-Policy allows it, for this site only."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Permissions-Policy"] = CAMERA_POLICY
        return response

    return wrapped
