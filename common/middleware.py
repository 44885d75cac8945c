import logging
import re

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# What boto3 raises when the object store is unreachable, slow or refuses (the local folder's
# own errors are ordinary OSErrors, which are left to the 500 page: a full disk is a fault).
STORE_ERRORS = (BotoCoreError, ClientError)
# How long the 503 page asks to wait before sending the form again.
STORE_RETRY_SECONDS = 60

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


class StoreUnavailableMiddleware:
    """A request the object store did not answer (an upload: pages link to media without asking
    the store) is a 503 that says to try again shortly, and for a form that nothing was saved,
    not a 500. Nothing is half-saved: a model's file is stored before its row is written, and
    the views and the admin save in one transaction."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, STORE_ERRORS):
            return None
        logger.error("The media store did not answer", exc_info=exception)
        sent = request.method not in ("GET", "HEAD")
        response = render(request, "store_unavailable.html", {"sent": sent}, status=503)
        response["Retry-After"] = str(STORE_RETRY_SECONDS)
        return response


def accepts_gzip(request):
    """Whether the client takes gzip: named, or "*", with a quality above zero."""
    qualities = {}
    for item in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = item.partition(";")
        quality = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            qualities[name.strip().lower()] = float(quality)
        except ValueError:
            qualities[name.strip().lower()] = 0.0
    return qualities.get("gzip", qualities.get("*", 0)) > 0


COMPRESSIBLE_TYPES = re.compile(r"^(text/|application/(json|xml|javascript|[a-z.+-]*\+xml)|image/svg\+xml)")


def carries_csrf(request, response):
    """Whether the response holds a CSRF token or sets its cookie. Django's get_token() puts
    CSRF_COOKIE_NEEDS_UPDATE into the request when a token is used, and the CSRF middleware
    sets it back to False once it has set the cookie, before an outer middleware looks: so
    the key's presence, not its value, says a token was rendered."""
    return "CSRF_COOKIE_NEEDS_UPDATE" in request.META or settings.CSRF_COOKIE_NAME in response.cookies


class CompressionMiddleware(GZipMiddleware):
    """Gzip for text answers that carry no secret. Shared pages come compressed from the page
    cache already; this covers the rest (error pages, the sitemap, feeds). A response that
    rendered a CSRF token, or one marked private (the agenda, with its subscription link), is
    left plain: compressing a secret next to text an attacker can choose is what BREACH
    reads. Pictures and files are already compressed."""

    def process_response(self, request, response):
        if carries_csrf(request, response):
            # Only this browser's: a shared cache must keep neither the token nor the cookie.
            patch_cache_control(response, private=True)
            return response
        if (
            response.streaming
            or not accepts_gzip(request)
            or "private" in response.get("Cache-Control", "")
            or not COMPRESSIBLE_TYPES.match(response.get("Content-Type", ""))
        ):
            return response
        return super().process_response(request, response)


# Powerful features no page of the site uses are refused to every frame, ours included; the
# badge scanner's page allows the camera for itself (common.views.uses_camera).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)
CAMERA_POLICY = PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")


class PermissionsPolicyMiddleware:
    """Every answer says which browser features its page may use: none, but where a view set
    its own policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
