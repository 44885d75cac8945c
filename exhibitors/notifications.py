"""E-mails to exhibitors and organisers, in Chinese and English in one message, sent once the
transaction that caused them has committed (a rolled-back change sends nothing)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from common.sites import site_url

LANGUAGES = ("zh-hans", "en")


def _bilingual(template, context):
    parts = []
    for language in LANGUAGES:
        with translation.override(language):
            parts.append(render_to_string(template, context).strip())
    return parts


def send(*, template, context, recipients):
    """Send `exhibitors/email/<template>.txt` (first line the subject) to `recipients`."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    texts = _bilingual(f"exhibitors/email/{template}.txt", context)
    subjects = [text.splitlines()[0] for text in texts]
    bodies = ["\n".join(text.splitlines()[1:]).strip() for text in texts]
    subject = " / ".join(dict.fromkeys(subjects))
    body = "\n\n———\n\n".join(bodies)
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


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
