"""The programme's signed links: the address of a personal agenda's calendar subscription,
made and read here side by side. The token carries the agenda's id and secret, signed with the
site's key; renewing the agenda's secret retires every token made before."""

from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Agenda

# A salt, not a secret: it keeps these signatures from being valid anywhere else the key signs.
AGENDA_TOKEN_SALT = "events.agenda.subscription"  # noqa: S105


def agenda_subscription_token(agenda):
    """The private part of the agenda's calendar address: its id and secret, signed."""
    return signing.Signer(salt=AGENDA_TOKEN_SALT).sign_object({"a": agenda.pk, "s": agenda.secret})


def agenda_from_token(token):
    """The agenda a subscription token opens, or None for a forged, altered or retired token."""
    try:
        payload = signing.Signer(salt=AGENDA_TOKEN_SALT).unsign_object(token)
        agenda_id, secret = int(payload["a"]), str(payload["s"])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None
    agenda = Agenda.objects.select_related("conference").filter(pk=agenda_id).first()
    if agenda is None or not constant_time_compare(agenda.secret, secret):
        return None
    return agenda
