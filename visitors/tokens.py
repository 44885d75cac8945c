"""Signed links of a visitor's registration, each made and read side by side: the confirmation
link e-mailed at registration, and the badge link that is the visitor's secret (it shows the
badge and signs a browser in as the visitor)."""

from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "visitors.confirm"
BADGE_SALT = "visitors.badge"
CONFIRM_MAX_AGE = 14 * 24 * 3600


def confirmation_token(registration):
    return signing.dumps(registration.pk, salt=CONFIRM_SALT)


def registration_from_confirmation_token(token, *, registrations):
    """The registration a confirmation token names, or None (see `registration_from_token`)."""
    return registration_from_token(
        token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE, registrations=registrations
    )


def badge_token(registration):
    """The badge page's address: signed, so it cannot be made from the badge code or the row's key."""
    return signing.dumps(registration.pk, salt=BADGE_SALT)


def registration_from_badge_token(token, *, registrations):
    """The registration a badge token names, or None (see `registration_from_token`)."""
    return registration_from_token(token, salt=BADGE_SALT, registrations=registrations)


def badge_path(registration):
    """The badge page's address on this site (for a page; e-mails use the absolute link)."""
    return reverse("visitors:badge", args=[badge_token(registration)])


def registration_from_token(token, *, salt, max_age=None, registrations):
    """The registration a token names, or None when it is tampered with, expired or unknown."""
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return registrations.filter(pk=pk).first()
