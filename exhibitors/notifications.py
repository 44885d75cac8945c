"""E-mails to exhibitors and organisers, in Chinese and English in one message, sent once the
transaction that caused them has committed (a rolled-back change sends nothing)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from common.mail import send_bilingual
from common.sites import site_url

from . import tokens


def send(*, template, context, recipients, typed=False):
    """Send `exhibitors/email/<template>.txt` (first line the subject) to `recipients`; `typed`
    as common.mail.send_bilingual takes it."""
    send_bilingual(
        template=f"exhibitors/email/{template}.txt", context=context, recipients=recipients, typed=typed
    )


def address_confirmation(user):
    """The link that confirms a new account's address and activates the account."""
    path = reverse("exhibitors:confirm_address", args=tokens.address_confirmation_args(user))
    send(template="confirm_address", context={"link": site_url() + path}, recipients=[user.email], typed=True)


def team_invitation(*, exhibitor, inviter, email):
    """A colleague's invitation to manage the company, by a link for that address alone."""
    path = reverse("exhibitors:join", args=[tokens.invitation_token(exhibitor=exhibitor, email=email)])
    send(
        template="invitation",
        context={"exhibitor": exhibitor, "inviter": inviter.email, "link": site_url() + path},
        recipients=[email],
        typed=True,
    )


def exhibitor_addresses(exhibitor):
    return [exhibitor.email, *exhibitor.users.values_list("email", flat=True)]


def reservation_changed(reservation):
    send(
        template=f"reservation_{reservation.status}",
        context={"reservation": reservation, "site": site_url()},
        recipients=exhibitor_addresses(reservation.exhibitor),
    )


def organisers_new_reservation(reservation):
    organisers = get_user_model().objects.filter(groups__name="Organiser", is_active=True).exclude(email="")
    send(
        template="organisers_new_reservation",
        context={"reservation": reservation, "site": site_url()},
        recipients=[*settings.ORGANISER_EMAILS, *organisers.values_list("email", flat=True)],
    )
