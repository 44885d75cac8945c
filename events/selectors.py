import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch

from .enums import PUBLIC_SESSION_STATUSES, OrganiserRole, SessionStatus
from .languages import language_name
from .models import (
    Agenda,
    Conference,
    ConferenceOrganisation,
    Session,
    SessionChange,
    SessionLanguage,
    SessionLink,
    SessionSpeaker,
    Speaker,
)

CURRENT_CONFERENCE_CACHE_KEY = "events:current-conference"
# Changes invalidate the entry at once (signals.py); the timeout only bounds a missed one.
CURRENT_CONFERENCE_CACHE_SECONDS = 60 * 60


def current_conference():
    """The edition the public site shows, with its organising bodies, or None; cached."""
    conference = cache.get(CURRENT_CONFERENCE_CACHE_KEY)
    if conference is None:
        conference = (
            Conference.objects.current()
            .prefetch_related(
                Prefetch(
                    "organising_bodies",
                    queryset=ConferenceOrganisation.objects.select_related("organisation"),
                )
            )
            .first()
        )
        # False caches "no current edition", which None (a cache miss) cannot.
        cache.set(CURRENT_CONFERENCE_CACHE_KEY, conference or False, CURRENT_CONFERENCE_CACHE_SECONDS)
    return conference or None


def organiser_groups(conference):
    """The edition's organising bodies grouped by role, hosts first: [(role, [organisation])]."""
    groups = {}
    for body in conference.organising_bodies.all():
        groups.setdefault(OrganiserRole(body.role), []).append(body.organisation)
    return [(role, groups[role]) for role in OrganiserRole if role in groups]


def sessions_for_listing(queryset):
    """Sessions with what a list or card shows: kind, track, room and ordered speakers."""
    return queryset.select_related("kind", "track", "room").prefetch_related(
        Prefetch(
            "session_speakers",
            queryset=SessionSpeaker.objects.select_related("speaker"),
            to_attr="ordered_speakers",
        )
    )


def sessions_in_full(queryset):
    """Sessions shaped for listing, with their links and attachments (as `ordered_links`) and
    languages: for the exports and a session's page."""
    return sessions_for_listing(queryset).prefetch_related(
        Prefetch("links", queryset=SessionLink.objects.order_by("order", "pk"), to_attr="ordered_links"),
        "languages",
    )


def speaker_sessions(speaker):
    """A speaker's public sessions, shaped for listing, in time order."""
    return sessions_for_listing(Session.objects.public().filter(session_speakers__speaker=speaker)).order_by(
        "start", "pk"
    )


def public_speakers(conference):
    """Speakers listed in at least one public session of the edition."""
    return Speaker.objects.filter(
        conference=conference,
        pk__in=SessionSpeaker.objects.filter(
            session__conference=conference, session__status__in=PUBLIC_SESSION_STATUSES
        ).values("speaker_id"),
    )


def language_choices(languages):
    """(code, name) of each language these SessionLanguage rows name, once however it is
    written (de, DE), by name in the active language: one query."""
    codes = {}
    for code in languages.order_by().values_list("code", flat=True).distinct():
        codes.setdefault(code.lower(), code)
    return sorted(((code, language_name(code)) for code in codes), key=lambda choice: choice[1])


def public_languages(conference):
    """The languages of the edition's public sessions, as language_choices."""
    return language_choices(
        SessionLanguage.objects.filter(
            session__conference=conference, session__status__in=PUBLIC_SESSION_STATUSES
        )
    )


def sessions_in_language(queryset, code):
    """The sessions held in this language, among others (any way it is written)."""
    return queryset.filter(pk__in=SessionLanguage.objects.filter(code__iexact=code).values("session"))


def conference_days(conference):
    days = (conference.end_date - conference.start_date).days + 1
    return [conference.start_date + datetime.timedelta(days=offset) for offset in range(days)]


def group_by_day_and_time(sessions, conference):
    """[(day, [(start, [session])])] in the order given, times in the edition's time zone,
    each session under its conference day (see Conference.day_of)."""
    days = {}
    for session in sessions:
        start = session.start.astimezone(conference.zone)
        days.setdefault(conference.day_of(start), {}).setdefault(start, []).append(session)
    return [(day, list(times.items())) for day, times in days.items()]


def programme_now_and_next(conference, moment, *, limit=6):
    """What the home page shows: during the conference the sessions on now and those starting
    next; otherwise the highlights (or, with none chosen, the first sessions)."""
    sessions = sessions_for_listing(conference.sessions.filter(status=SessionStatus.PUBLISHED))
    zone = zoneinfo.ZoneInfo(conference.time_zone)
    if conference.start_date <= moment.astimezone(zone).date() <= conference.end_date:
        now = list(sessions.running_at(moment)[:limit])
        upcoming = sessions.filter(start__gt=moment).order_by("start", "pk")
        first = upcoming.values_list("start", flat=True).first()
        following = list(upcoming.filter(start=first)[:limit]) if first else []
        if now or following:
            return {"now": now, "next": following, "highlights": []}
    highlights = list(sessions.filter(is_highlight=True)[:limit]) or list(sessions[:limit])
    return {"now": [], "next": [], "highlights": highlights}


@dataclass(frozen=True)
class Conflict:
    """Why a session needs an organiser's look: `kind` is "room", "speaker" or "dates"."""

    kind: str
    session_id: int
    other_id: int | None = None
    speaker_id: int | None = None


def _overlapping_pairs(intervals):
    """Pairs of ids whose (start, end) intervals overlap; touching ends do not overlap."""
    active = []
    for identifier, start, end in sorted(intervals, key=lambda item: (item[1], item[2])):
        active = [item for item in active if item[2] > start]
        for other in active:
            yield other[0], identifier
        active.append((identifier, start, end))


def session_conflicts(conference):
    """{session id: [Conflict]} for the edition's sessions that are not cancelled: two in one
    room at once, a speaker in two at once, a session outside the edition's dates. Two queries,
    whatever the number of sessions."""
    rows = list(
        Session.objects.filter(conference=conference)
        .exclude(status=SessionStatus.CANCELLED)
        .values_list("id", "room_id", "start", "end")
    )
    links = (
        SessionSpeaker.objects.filter(session__conference=conference)
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("speaker_id", "session_id")
    )
    conflicts = defaultdict(list)

    by_room = defaultdict(list)
    for identifier, room_id, start, end in rows:
        if room_id is not None:
            by_room[room_id].append((identifier, start, end))
    for intervals in by_room.values():
        for first, second in _overlapping_pairs(intervals):
            conflicts[first].append(Conflict("room", first, other_id=second))
            conflicts[second].append(Conflict("room", second, other_id=first))

    times = {identifier: (start, end) for identifier, _room, start, end in rows}
    by_speaker = defaultdict(list)
    for speaker_id, session_id in links:
        by_speaker[speaker_id].append((session_id, *times[session_id]))
    for speaker_id, intervals in by_speaker.items():
        for first, second in _overlapping_pairs(intervals):
            conflicts[first].append(Conflict("speaker", first, other_id=second, speaker_id=speaker_id))
            conflicts[second].append(Conflict("speaker", second, other_id=first, speaker_id=speaker_id))

    for identifier, _room, start, end in rows:
        if start < conference.opens_at or end > conference.closes_at:
            conflicts[identifier].append(Conflict("dates", identifier))
    return dict(conflicts)


def public_changes(conference):
    """Schedule changes of the edition's public sessions, newest first, with what a line shows."""
    return (
        SessionChange.objects.filter(
            session__conference=conference, session__status__in=PUBLIC_SESSION_STATUSES
        )
        .select_related("session", "previous_room", "room")
        .order_by("-created", "-pk")
    )


AGENDA_SESSION_PREFIX = "events:agenda:"


def agenda_session_key(conference):
    """Where a visitor's Django session keeps the id of their agenda for an edition."""
    return f"{AGENDA_SESSION_PREFIX}{conference.pk}"


def visitor_agenda(request, conference):
    """The visitor's agenda for the edition, or None before they star anything."""
    agenda_id = request.session.get(agenda_session_key(conference))
    if agenda_id is None:
        return None
    return Agenda.objects.filter(pk=agenda_id, conference=conference).first()


def agenda_sessions(agenda):
    """The agenda's public sessions in time order, shaped for listing."""
    return sessions_for_listing(agenda.sessions.public()).order_by("start", "room__order", "pk")


def agenda_overlaps(sessions):
    """{session id: [session]} for the given sessions that run at the same time as others.
    Cancelled sessions take no time, so they overlap nothing."""
    running = {session.pk: session for session in sessions if not session.is_cancelled}
    overlaps = defaultdict(list)
    for first, second in _overlapping_pairs((pk, s.start, s.end) for pk, s in running.items()):
        overlaps[first].append(running[second])
        overlaps[second].append(running[first])
    return {pk: sorted(others, key=lambda other: (other.start, other.pk)) for pk, others in overlaps.items()}
