"""E-mails to exhibitors and organisers, in Chinese and English in one message, sent once the
transaction that caused them has committed (a rolled-back change sends nothing)."""

from django.conf import settings
from django.contrib.auth import get_user_model

from common.mail import send_bilingual
from common.sites import site_url


def send(*, template, context, recipients):
    """Send `exhibitors/email/<template>.txt` (first line the subject) to `recipients`."""
    send_bilingual(template=f"exhibitors/email/{template}.txt", context=context, recipients=recipients)


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
