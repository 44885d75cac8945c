"""The site's own address, for links that leave it (e-mails)."""

from urllib.parse import urlsplit

from django.conf import settings


def site_url():
    """SITE_URL, the address the site is published at: never the Host of the request that
    caused the e-mail, which a client writes (a forged Host, or an allowed name with another
    port, would put its own address into a password-reset link)."""
    return settings.SITE_URL


def site_domain():
    """SITE_URL's host (and port), and whether it is served over HTTPS."""
    site = urlsplit(settings.SITE_URL)
    return site.netloc, site.scheme == "https"
