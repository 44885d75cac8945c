"""E-mails to visitors, in Chinese and English in one message, sent once the transaction that
caused them has committed."""

from django.urls import reverse

from common.mail import send_bilingual
from common.sites import site_url
from exhibitors.notifications import exhibitor_addresses

from .tokens import badge_token, confirmation_token


def _link(name, token):
    """An absolute link in the language of the page that caused the e-mail."""
    return site_url() + reverse(f"visitors:{name}", args=[token])


def send(*, template, context, recipients, typed=False):
    """Send `visitors/email/<template>.txt` (first line the subject) in both languages."""
    send_bilingual(
        template=f"visitors/email/{template}.txt", context=context, recipients=recipients, typed=typed
    )


def registration_created(registration):
    send(
        template="confirm_registration",
        context={"registration": registration, "link": _link("confirm", confirmation_token(registration))},
        recipients=[registration.email],
        typed=True,
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
