import re

from django.conf import settings
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; lone surrogates.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control_characters(text):
    return bool(CONTROL_CHARACTERS.search(text))


class RefuseControlCharactersMiddleware:
    """A query string with a NUL or another control character is a 400 before any view runs:
    no filter, search or page number needs one, and PostgreSQL refuses NUL in any string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        texts = (key + value for key, values in request.GET.lists() for value in values)
        if any(has_control_characters(text) for text in texts):
            raise BadRequest("Control characters in the query string.")
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """A request declaring a body larger than MAX_REQUEST_BYTES is a 413, decided from its
    Content-Length alone: the body is never read. (Under WSGI a body without Content-Length
    is not read at all.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            # Django reads a malformed length as no body.
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            context = {"limit": filesizeformat(settings.MAX_REQUEST_BYTES)}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
