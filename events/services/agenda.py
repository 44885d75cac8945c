"""Writes to a visitor's personal agenda: created, sessions starred and unstarred, two agendas
merged, its use noted, its subscription link renewed, and agendas nobody uses pruned."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Agenda, new_agenda_secret

# An agenda is one visitor's choice; the cap stops a script from filling the table through it.
AGENDA_MAX_SESSIONS = 300


def agenda_create(*, conference):
    """A new, empty agenda for a visitor of the edition."""
    return Agenda.objects.create(conference=conference)


@transaction.atomic
def agenda_star(*, agenda, session):
    """Add a session of the agenda's edition; starring it again changes nothing."""
    if session.conference_id != agenda.conference_id:
        raise ValidationError(_("This session belongs to another edition."), code="other_edition")
    if agenda.sessions.filter(pk=session.pk).exists():
        return agenda
    if agenda.sessions.count() >= AGENDA_MAX_SESSIONS:
        raise ValidationError(
            _("Your agenda already holds %(count)d sessions. Remove some before adding more."),
            params={"count": AGENDA_MAX_SESSIONS},
            code="agenda_full",
        )
    agenda.sessions.add(session)
    agenda.last_used = timezone.now()
    agenda.save(update_fields=["updated", "last_used"])
    return agenda


@transaction.atomic
def agenda_unstar(*, agenda, session):
    """Remove a session; removing one that is not there changes nothing."""
    agenda.sessions.remove(session)
    agenda.last_used = timezone.now()
    agenda.save(update_fields=["updated", "last_used"])
    return agenda


# A calendar polls its subscription every few minutes: one write an hour says it is in use.
AGENDA_TOUCH_EVERY = datetime.timedelta(hours=1)


@transaction.atomic
def agenda_merge(*, into, source):
    """Add the sessions starred in `source` to `into` (up to the agenda's limit), for a visitor
    whose browsers come to share one agenda; `source` itself is left as it is."""
    starred = set(into.sessions.values_list("pk", flat=True))
    room = AGENDA_MAX_SESSIONS - len(starred)
    adding = [
        pk for pk in source.sessions.order_by("start", "pk").values_list("pk", flat=True) if pk not in starred
    ]
    if adding and room > 0:
        into.sessions.add(*adding[:room])
    into.last_used = timezone.now()
    into.save(update_fields=["updated", "last_used"])
    return into


def agenda_touch(*, agenda, now=None):
    """Note that the visitor or their calendar read the agenda (at most one write an hour)."""
    now = now or timezone.now()
    if now - agenda.last_used >= AGENDA_TOUCH_EVERY:
        Agenda.objects.filter(pk=agenda.pk).update(last_used=now)
        agenda.last_used = now
    return agenda


def agenda_renew_link(*, agenda):
    """Give the agenda a new subscription link; every earlier link stops working."""
    agenda.secret = new_agenda_secret()
    agenda.save(update_fields=["secret", "updated"])
    return agenda


def agendas_prune(*, empty_for, unused_for):
    """Delete agendas without sessions untouched for `empty_for`, and agendas with stars that
    nobody (visitor or calendar) has used for `unused_for`; returns how many of each. A calendar
    that still follows an agenda keeps it in use, however old its stars."""
    now = timezone.now()
    empty = Agenda.objects.filter(updated__lt=now - empty_for, sessions__isnull=True)
    _, empty_deleted = Agenda.objects.filter(pk__in=empty.values("pk")).delete()
    _, unused_deleted = Agenda.objects.filter(last_used__lt=now - unused_for).delete()
    return {
        "empty": empty_deleted.get(Agenda._meta.label, 0),
        "unused": unused_deleted.get(Agenda._meta.label, 0),
    }
