import re

from django.core.exceptions import BadRequest

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
