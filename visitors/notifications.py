"""E-mails to visitors, in Chinese and English in one message, sent once the transaction that
caused them has committed."""

from django.core import signing
from django.urls import reverse

from common.mail import send_bilingual
from common.sites import site_url
from exhibitors.notifications import exhibitor_addresses

CONFIRM_SALT = "visitors.confirm"
BADGE_SALT = "visitors.badge"
CONFIRM_MAX_AGE = 14 * 24 * 3600


def confirmation_token(registration):
    return signing.dumps(registration.pk, salt=CONFIRM_SALT)


def badge_token(registration):
    """The badge page's address: signed, so it cannot be made from the badge code or the row's key."""
    return signing.dumps(registration.pk, salt=BADGE_SALT)


def registration_from_token(token, *, salt, max_age=None, registrations):
    """The registration a token names, or None when it is tampered with, expired or unknown."""
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return registrations.filter(pk=pk).first()


def _link(name, token):
    """An absolute link in the language of the page that caused the e-mail."""
    return site_url() + reverse(f"visitors:{name}", args=[token])


def send(*, template, context, recipients):
    """Send `visitors/email/<template>.txt` (first line the subject) in both languages."""
    send_bilingual(template=f"visitors/email/{template}.txt", context=context, recipients=recipients)


def registration_created(registration):
    send(
        template="confirm_registration",
        context={"registration": registration, "link": _link("confirm", confirmation_token(registration))},
        recipients=[registration.email],
    )


def registration_confirmed(registration):
    send(
        template="badge",
        context={"registration": registration, "link": _link("badge", badge_token(registration))},
        recipients=[registration.email],
    )


def meeting_changed(meeting):
    """Tell the visitor and the exhibitor that a meeting was requested, answered or cancelled."""
    registration = meeting.registration
    context = {
        "meeting": meeting,
        "registration": registration,
        "exhibitor": meeting.exhibitor,
        "time_zone": registration.conference.time_zone,
        "badge_link": _link("badge", badge_token(registration)),
        "exhibitor_link": site_url() + meeting.exhibitor.get_absolute_url(),
        "portal_link": site_url() + reverse("visitors:meeting_list"),
    }
    send(template="meeting_visitor", context=context, recipients=[registration.email])
    send(template="meeting_exhibitor", context=context, recipients=exhibitor_addresses(meeting.exhibitor))


def badge_path(registration):
    """The badge page's address on this site (for a page; e-mails use the absolute link)."""
    return reverse("visitors:badge", args=[badge_token(registration)])
