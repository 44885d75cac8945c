"""E-mails to visitors, in Chinese and English in one message, sent once the transaction that
caused them has committed."""

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from common.sites import site_url

LANGUAGES = ("zh-hans", "en")
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


def send(*, template, context, recipient):
    """Send `visitors/email/<template>.txt` (first line the subject) in both languages."""
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(render_to_string(f"visitors/email/{template}.txt", context).strip())
    subject = " / ".join(dict.fromkeys(text.splitlines()[0] for text in texts))
    body = "\n\n———\n\n".join("\n".join(text.splitlines()[1:]).strip() for text in texts)
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))


def registration_created(registration):
    send(
        template="confirm_registration",
        context={"registration": registration, "link": _link("confirm", confirmation_token(registration))},
        recipient=registration.email,
    )


def registration_confirmed(registration):
    send(
        template="badge",
        context={"registration": registration, "link": _link("badge", badge_token(registration))},
        recipient=registration.email,
    )
