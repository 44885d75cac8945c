import copy
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import pagecache

from .enums import SessionStatus
from .models import Agenda, Conference, Session, SessionChange, new_agenda_secret

# An agenda is one visitor's choice; the cap stops a script from filling the table through it.
AGENDA_MAX_SESSIONS = 300


@transaction.atomic
def conference_make_current(*, conference):
    """Make this edition the one the public site shows, retiring the one shown before."""
    for previous in Conference.objects.current().exclude(pk=conference.pk).select_for_update():
        previous.is_current = False
        previous.save(update_fields=["is_current", "updated"])
    conference.is_current = True
    conference.full_clean()
    conference.save(update_fields=["is_current", "updated"])
    return conference


def _record_change(previous, session, moment):
    """Note a move, a room change or a status change of a session visitors could see.
    Edits of drafts, and of titles or texts, are not news."""
    was_visible = previous.status in (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)
    is_visible = session.status in (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)
    change = SessionChange(
        session=session,
        created=moment,
        previous_start=previous.start,
        previous_end=previous.end,
        start=session.start,
        end=session.end,
        previous_room_id=previous.room_id,
        room_id=session.room_id,
        previous_status=previous.status,
        status=session.status,
    )
    if not (was_visible and is_visible) or not (change.moved or change.room_changed or change.status_changed):
        return None
    change.save()
    Session.objects.filter(pk=session.pk).update(changed_at=moment)
    session.changed_at = moment
    return change


@transaction.atomic
def session_save(*, session):
    """Save a new or edited session; a move, a room change or a cancellation of a session
    visitors could already see goes on the changes page. Returns the SessionChange or None."""
    previous = Session.objects.select_for_update().filter(pk=session.pk).first() if session.pk else None
    session.full_clean()
    session.save()
    return _record_change(previous, session, timezone.now()) if previous else None


@transaction.atomic
def session_set_status(*, sessions, status):
    """Publish, unpublish (back to draft) or cancel sessions; returns how many changed.
    Cancelling or reinstating a public session is recorded as a schedule change."""
    moment = timezone.now()
    changing = list(
        Session.objects.select_for_update()
        .filter(pk__in=[session.pk for session in sessions])
        .exclude(status=status)
    )
    for session in changing:
        previous = copy.copy(session)
        session.status = status
        _record_change(previous, session, moment)
    pagecache.retire("programme")
    return Session.objects.filter(pk__in=[session.pk for session in changing]).update(
        status=status, updated=moment
    )


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
