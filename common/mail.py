"""E-mails in Chinese and English in one message, sent once the transaction that caused them has
committed (a rolled-back change sends nothing), by a job-queue worker when there is one."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from . import jobs
from .ratelimit import RateLimit, address_key

logger = logging.getLogger(__name__)

LANGUAGES = ("zh-hans", "en")


def to_typed_addresses():
    """Mail to addresses anyone may type into a form (a registration, a sign-up, an
    invitation): counted per mailbox, whichever form, address or width it was typed with, so
    that nobody can use the site to flood someone's inbox."""
    return RateLimit("mail-to", settings.MAILS_PER_TYPED_ADDRESS_PER_HOUR, 3600)


def send_bilingual(*, template, context, recipients, typed=False):
    """Send `template` (a text template whose first line is the subject) rendered in each
    language, Chinese first, to `recipients` (empty addresses and repeats dropped). `typed`:
    the addresses were typed by whoever filled in a form; past the limit per mailbox
    (to_typed_addresses) the mail is not sent, and the log says so."""
    recipients = sorted({address for address in recipients if address})
    if typed:
        limit = to_typed_addresses()
        allowed = [address for address in recipients if not limit.attempt(f"address:{address_key(address)}")]
        if len(allowed) < len(recipients):
            logger.warning(
                "Mail (%s) not sent to %d address(es) past their hourly limit",
                template,
                len(recipients) - len(allowed),
            )
        recipients = allowed
    if not recipients:
        return
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(render_to_string(template, context).strip())
    subject = " / ".join(dict.fromkeys(text.splitlines()[0] for text in texts))
    body = "\n\n———\n\n".join("\n".join(text.splitlines()[1:]).strip() for text in texts)
    transaction.on_commit(lambda: jobs.enqueue(send_mail, subject, body, None, recipients))
