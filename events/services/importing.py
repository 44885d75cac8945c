"""Importing a programme (a frab.Programme, read from frab XML or JSON) into an edition: created
or updated in place, matched on the file's GUIDs, in the file's language, all or nothing."""

import copy
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from common import pagecache, search
from common.slugs import save_with_unique_slug

from ..enums import SessionStatus
from ..models import (
    Conference,
    Session,
    SessionLink,
    SessionSpeaker,
)
from .matching import (
    hand_made,
    hand_made_sessions,
    imported_conference,
    imported_kind,
    imported_links,
    imported_rooms,
    imported_speaker,
    imported_tracks,
    own_slug,
    possible_duplicates,
    set_texts,
    translated_kind,
)
from .programme import (
    conference_make_current,
    session_change_record,
    session_set_languages,
    session_set_status,
)

# How many titles of each outcome a report keeps to show.
SAMPLES = 10

# What a session's full_clean() need not check with a query of its own each (1,000 of them
# took seconds): the edition, kind, room and track are rows the import has just read or made,
# and the constraints hold already (the reader refuses a GUID used twice and a session that
# does not end after it starts; slugs are found free). The database enforces them all anyway.
TAKEN_AS_CHECKED = ["conference", "kind", "room", "track"]


@dataclass
class ImportReport:
    conference: Conference
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    changes: int = 0  # moves, room changes and reinstatements recorded for visitors
    moved: int = 0  # public sessions moved or given another room (also in `changes`)
    matched: int = 0  # sessions made by hand that the file's sessions were taken for
    # New sessions with the title of one made by hand at another time or in another room: maybe
    # the same session twice, for the organiser to look at.
    duplicates: int = 0
    warnings: list = field(default_factory=list)  # what the reader repaired or left out
    # The first titles of each outcome ("created", "updated", "moved", "matched", "duplicates",
    # "removed"), for a preview.
    samples: dict = field(default_factory=dict)

    def sample(self, outcome, title):
        titles = self.samples.setdefault(outcome, [])
        if len(titles) < SAMPLES:
            titles.append(title)

    def as_dict(self):
        """What a preview shows, as JSON keeps it."""
        return {
            "conference": str(self.conference),
            "number": self.conference.number,
            **{
                name: getattr(self, name)
                for name in (
                    "created",
                    "updated",
                    "unchanged",
                    "removed",
                    "changes",
                    "moved",
                    "matched",
                    "duplicates",
                    "warnings",
                    "samples",
                )
            },
        }


def schedule_import(*, programme, edition=None, make_current=False, language=None, dry_run=False):
    """Create or update an edition's programme from a frab.Programme whose texts are in
    `language` (the default language unless given). Sessions, speakers and rooms are matched on
    the source's GUIDs (rooms, tracks and kinds also on their names, or through the sessions that
    have them), so a second import of a changed file updates in place, and the same programme in
    the other language fills in that language's fields; moves and room changes of public
    sessions are recorded as schedule changes, and sessions an earlier import brought that the
    file no longer holds are cancelled (reinstated if a later file holds them again). A session
    made by hand with the same title, start and room is taken for the file's, not doubled. All
    or nothing: a problem rolls the whole import back, and `dry_run` rolls back a good one after
    reporting what it would do."""
    try:
        return _import(
            programme=programme,
            edition=edition,
            make_current=make_current,
            language=language,
            dry_run=dry_run,
        )
    except _RolledBack as rolled_back:
        return rolled_back.report


class _RolledBack(Exception):
    """Raised at the end of a dry run, so that the transaction and the search index's batch
    roll back; it carries the report."""

    def __init__(self, report):
        super().__init__("dry run")
        self.report = report


@transaction.atomic
@search.deferred()
def _import(*, programme, edition, make_current, language, dry_run):
    language = language or settings.LANGUAGE_CODE
    conference = imported_conference(programme, edition, language)
    if make_current:
        conference_make_current(conference=conference)
    report = ImportReport(conference=conference, warnings=list(programme.warnings))
    # With their speakers and links, compared below without a query per session.
    existing = {
        session.guid: session
        for session in conference.sessions.filter(guid__isnull=False)
        .select_related("kind")
        .prefetch_related(
            Prefetch("session_speakers", queryset=SessionSpeaker.objects.order_by("order", "pk")),
            Prefetch("links", queryset=SessionLink.objects.order_by("order", "pk")),
            "languages",
        )
    }
    # What the sessions already in the edition are in: how a name in another language is known.
    known = dict(existing)
    rooms = imported_rooms(conference, programme, language, known)
    tracks = imported_tracks(conference, programme, language, known)
    kinds = {}
    speakers = {speaker.guid: speaker for speaker in conference.speakers.filter(guid__isnull=False)}
    by_hand = hand_made_sessions(conference, language)
    created_titles = []
    moment = timezone.now()
    for event in programme.events:
        session = existing.pop(event.guid, None) or hand_made(by_hand, event, rooms, report)
        if session is not None and language != settings.LANGUAGE_CODE:
            kind = translated_kind(session.kind, event.type, language)
        else:
            kind = kinds.get(event.type) or kinds.setdefault(
                event.type, imported_kind(conference, event.type, language)
            )
        previous = copy.copy(session) if session else None
        if session is None:
            session = Session(conference=conference, guid=event.guid)
        values = {
            "start": event.start,
            "end": event.end,
            "room_id": rooms[event.room].pk if event.room else None,
            "track_id": tracks[event.track].pk if event.track else None,
            "kind_id": kind.pk,
            "url": event.url[:500],
            "recording_license": event.recording_license[:200],
            "do_not_record": event.do_not_record,
            "do_not_stream": event.do_not_stream,
            "status": SessionStatus.PUBLISHED
            if session.status != SessionStatus.CANCELLED or session.removed_from_source
            else session.status,
            "removed_from_source": False,
        }
        changed = previous is None or any(getattr(session, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(session, name, value)
        # The rows are at hand: Session.clean() reads them without a query each.
        session.room = rooms[event.room] if event.room else None
        session.track = tracks[event.track] if event.track else None
        session.kind = kind
        texts = {
            "title": event.title[:300],
            "subtitle": event.subtitle[:300],
            "abstract": event.abstract[:3_000],
            "description": event.description[:10_000],
        }
        changed |= set_texts(session, texts, language=language, new=previous is None)
        if previous is None:
            session.full_clean(exclude=[*TAKEN_AS_CHECKED, "slug"], validate_constraints=False)
            save_with_unique_slug(
                session,
                text=own_slug(event.slug, programme.acronym) or event.title,
                fallback=f"session-{event.guid.hex[:8]}",
                siblings=conference.sessions.all(),
                max_length=150,
            )
        elif changed:
            session.full_clean(exclude=TAKEN_AS_CHECKED, validate_constraints=False)
            session.save()
            if session_change_record(previous=previous, session=session, moment=moment):
                report.changes += 1
                report.moved += 1
                report.sample("moved", event.title)
        people = list(
            dict.fromkeys(
                imported_speaker(conference, person, speakers, language) for person in event.persons
            )
        )
        listed = [link.speaker_id for link in session.session_speakers.all()] if previous else []
        if listed != [speaker.pk for speaker in people]:
            if previous:
                SessionSpeaker.objects.filter(session=session).delete()
            SessionSpeaker.objects.bulk_create(
                SessionSpeaker(session=session, speaker=speaker, order=order)
                for order, speaker in enumerate(people)
            )
            changed = True
        changed |= imported_links(session, event, list(session.links.all()) if previous else [], language)
        changed |= session_set_languages(
            session=session, codes=event.languages, had=session.language_codes if previous else []
        )
        if previous is None:
            report.created += 1
            report.sample("created", event.title)
            created_titles.append(event.title)
        elif changed:
            report.updated += 1
            report.sample("updated", event.title)
        else:
            report.unchanged += 1
    # The hand-made sessions left unmatched whose title a new session has.
    for title in possible_duplicates(by_hand, created_titles):
        report.duplicates += 1
        report.sample("duplicates", title)
    # A session the file no longer holds is cancelled, not hidden: visitors who starred it, the
    # changes page and its feed say so. One in draft stays a draft.
    gone = [session for session in existing.values() if session.status == SessionStatus.PUBLISHED]
    if gone:
        report.removed = session_set_status(sessions=gone, status=SessionStatus.CANCELLED)
        Session.objects.filter(pk__in=[session.pk for session in gone]).update(removed_from_source=True)
        report.changes += report.removed
        for session in gone:
            report.sample("removed", session.title)
    if dry_run:
        raise _RolledBack(report)
    pagecache.retire("programme")
    return report
