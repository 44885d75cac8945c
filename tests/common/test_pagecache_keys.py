"""A shared page's key and request hold only the query parameters public pages read, so that
cache-busting parameters (?_=123, ?utm_source=) neither store a page per value nor reach the
view."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from common import pagecache
from events.filters import SessionFilter
from exhibitors.filters import EquipmentFilter, ExhibitorFilter
from standards.filters import StandardFilter


def counting_view():
    seen = []

    def view(request):
        seen.append(request.META["QUERY_STRING"])
        return HttpResponse(f"page {len(seen)} for {dict(request.GET)}")

    return pagecache.shared_page("testarea")(view), seen


def test_unknown_parameters_leave_the_key_and_the_request_alone():
    view, seen = counting_view()

    first = view(RequestFactory().get("/list/", {"q": "sensor", "utm_source": "mail", "_": "1"}))
    second = view(RequestFactory().get("/list/", {"q": "sensor", "_": "2"}))
    third = view(RequestFactory().get("/list/", {"q": "sensor"}))

    assert seen == ["q=sensor"]
    assert first.content == second.content == third.content == b"page 1 for {'q': ['sensor']}"


def test_known_parameters_still_make_pages_of_their_own():
    view, seen = counting_view()

    view(RequestFactory().get("/list/", {"q": "sensor"}))
    view(RequestFactory().get("/list/", {"q": "lamp", "page": "2"}))

    assert seen == ["q=sensor", "q=lamp&page=2"]


@pytest.mark.parametrize("filterset", [SessionFilter, ExhibitorFilter, EquipmentFilter, StandardFilter])
def test_every_public_filter_is_a_known_parameter(filterset):
    assert set(filterset.base_filters) <= pagecache.QUERY_PARAMETERS


def test_a_page_with_a_query_is_kept_shortly(monkeypatch):
    kept = {}
    monkeypatch.setattr(pagecache.cache, "set", lambda key, page, timeout: kept.setdefault(key, timeout))
    view, _seen = counting_view()

    view(RequestFactory().get("/list/"))
    view(RequestFactory().get("/list/", {"q": "sensor"}))

    plain, variant = kept.values()
    assert plain == pagecache.DEFAULT_SECONDS + pagecache.STALE_KEPT_SECONDS
    assert variant == pagecache.VARIANT_SECONDS + pagecache.VARIANT_STALE_KEPT_SECONDS
