"""E-mails in Chinese and English in one message, sent once the transaction that caused them has
committed (a rolled-back change sends nothing), by a job-queue worker when there is one."""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from . import jobs

LANGUAGES = ("zh-hans", "en")


def send_bilingual(*, template, context, recipients):
    """Send `template` (a text template whose first line is the subject) rendered in each
    language, Chinese first, to `recipients` (empty addresses and repeats dropped)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(render_to_string(template, context).strip())
    subject = " / ".join(dict.fromkeys(text.splitlines()[0] for text in texts))
    body = "\n\n———\n\n".join("\n".join(text.splitlines()[1:]).strip() for text in texts)
    transaction.on_commit(lambda: jobs.enqueue(send_mail, subject, body, None, recipients))
