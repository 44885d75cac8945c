"""The personal agenda: a visitor's starred sessions of one edition, kept without an account."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel

from .conference import Conference
from .programme import Session


def new_agenda_secret():
    return secrets.token_urlsafe(24)


class Agenda(TimeStampedModel):
    """A visitor's starred sessions of one edition, kept without an account. The visitor's
    session holds its id; the subscription link carries the id and the secret, signed."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="agendas", verbose_name=_("conference edition")
    )
    sessions = models.ManyToManyField(
        Session, related_name="agendas", blank=True, verbose_name=_("starred sessions")
    )
    # Renewing the subscription link replaces the secret, which retires every older link.
    secret = models.CharField(_("secret"), max_length=64, default=new_agenda_secret, editable=False)
    # When the visitor or their calendar last starred, opened or fetched it; agendas nobody has
    # used for a long time are pruned, stars and all.
    last_used = models.DateTimeField(_("last used"), default=timezone.now, db_index=True, editable=False)

    class Meta:
        ordering = ["-created", "pk"]
        verbose_name = _("personal agenda")
        verbose_name_plural = _("personal agendas")

    def __str__(self):
        return _("Agenda %(number)s") % {"number": self.pk}
