"""Writes to the programme: an edition made current, its default session kinds, sessions saved
or published, unpublished and cancelled, with the moves, room changes and cancellations of public
sessions recorded for visitors (SessionChange)."""

import copy

from django.db import transaction
from django.utils import timezone

from common import pagecache

from .. import search as programme_search
from ..enums import DEFAULT_SESSION_KINDS, SessionStatus
from ..models import Conference, Session, SessionChange, SessionKind, SessionLanguage


def session_kinds_ensure_defaults(*, conference):
    """The usual kinds (DEFAULT_SESSION_KINDS) for an edition, those it lacks created;
    returns {slug: kind}. A new edition starts with them; organisers add more."""
    kinds = {kind.slug: kind for kind in conference.session_kinds.all()}
    for order, (slug, name_zh, name_en) in enumerate(DEFAULT_SESSION_KINDS, start=1):
        if slug not in kinds:
            kinds[slug] = SessionKind.objects.create(
                conference=conference, slug=slug, name_zh_hans=name_zh, name_en=name_en, order=order
            )
    return kinds


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


def session_change_record(*, previous, session, moment):
    """Note a move, a room change or a status change of a session visitors could see, given the
    session as it was (`previous`) and as it is now; returns the SessionChange or None. Edits of
    drafts, and of titles or texts, are not news. The caller holds the transaction."""
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
    return (
        session_change_record(previous=previous, session=session, moment=timezone.now()) if previous else None
    )


def session_set_languages(*, session, codes, had=None):
    """Hold a saved session in these languages (codes, in this order; none: it names none).
    `had`: its codes as already read, to save a query. Whether anything changed."""
    had = session.language_codes if had is None else had
    if had == codes:
        return False
    if had:
        SessionLanguage.objects.filter(session=session).delete()
    SessionLanguage.objects.bulk_create(
        SessionLanguage(session=session, code=code, order=order) for order, code in enumerate(codes)
    )
    pagecache.retire("programme")
    return True


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
        session_change_record(previous=previous, session=session, moment=moment)
    pagecache.retire("programme")
    ids = [session.pk for session in changing]
    changed = Session.objects.filter(pk__in=ids).update(status=status, updated=moment)
    programme_search.sessions_changed(ids)
    return changed
