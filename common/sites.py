"""The site's own address, for links that leave it (e-mails)."""

from contextvars import ContextVar

from django.conf import settings

_current_request = ContextVar("common.sites.current_request", default=None)


class CurrentRequestMiddleware:
    """Keeps the request being served where `site_url` can read it, for this request only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def site_url():
    """The scheme and host the visitor used (checked against ALLOWED_HOSTS), so links work on
    whatever port or name the site is served; SITE_URL where there is no request (cron jobs)."""
    request = _current_request.get()
    if request is None:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"
