"""Language switching. URL patterns are the same in every language; only the prefix differs
(none for Chinese, /en/ for English), so another language's address of a page is its path
with the prefix swapped. That holds for pages that do not resolve too, so a 404 page can
still offer the visitor their language."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language_from_path


def path_in_language(path, language):
    """The same path under another language's prefix."""
    current = get_language_from_path(path)
    if current:
        path = path[len(current) + 1 :]
    # One leading slash only: "//host/" would make a link to another site.
    path = "/" + path.lstrip("/")
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return path


def language_links(request):
    """One entry per language: code, name, the current page's address in it, and whether active."""
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        # The 400 page answering a forged Host header must not build links from it.
        return []
    path = escape_uri_path(request.path)
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, name in settings.LANGUAGES:
        url = path_in_language(path, code) + (f"?{query}" if query else "")
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": origin + url,
                "active": code == request.LANGUAGE_CODE,
            }
        )
    return links
