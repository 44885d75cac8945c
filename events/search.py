"""The programme in the site search: sessions and speakers of each edition."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import pgettext_lazy

from common import search

from .enums import PUBLIC_SESSION_STATUSES
from .models import Room, Session, SessionKind, SessionSpeaker, Speaker


def session_documents(ids):
    sessions = search.chosen(Session.objects.public(), ids).select_related("conference", "room", "kind")
    sessions = sessions.prefetch_related(
        Prefetch(
            "session_speakers",
            queryset=SessionSpeaker.objects.select_related("speaker"),
            to_attr="search_speakers",
        )
    )
    for session in sessions.iterator(chunk_size=500):
        start = timezone.localtime(session.start, session.conference.zone)
        end = timezone.localtime(session.end, session.conference.zone)

        def when(session=session, start=start, end=end):
            place = f" · {session.room.name}" if session.room else ""
            times = f"{time_format(start, 'H:i')}–{time_format(end, 'H:i')}"
            return f"{date_format(start, 'MONTH_DAY_FORMAT')} {times}{place} · {session.kind.name}"

        names = [link.speaker.name for link in session.search_speakers]
        document = search.Document(
            object_id=session.pk,
            slug=session.slug,
            title=search.both(session, "title"),
            detail=search.in_each_language(when),
            excerpt=search.excerpts(session, "abstract"),
            edition_id=session.conference_id,
        )
        document.add(search.both(session, "title"), search.TITLE, prefixes=True, single=True)
        document.add(search.both(session, "subtitle"), search.DETAIL)
        document.add(names, search.NAME, prefixes=True, single=True)
        document.add([search.pinyin_of(name) for name in names], search.DETAIL, prefixes=True)
        document.add(search.both(session, "abstract"), search.DETAIL)
        document.add(search.body(session, "description"), search.BODY)
        yield document


def speaker_documents(ids):
    # A speaker has a page while listed in a public session (selectors.public_speakers).
    speakers = search.chosen(Speaker.objects.all(), ids).filter(
        pk__in=SessionSpeaker.objects.filter(session__status__in=PUBLIC_SESSION_STATUSES).values("speaker_id")
    )
    for speaker in speakers.iterator(chunk_size=500):
        position = search.both(speaker, "position")
        organisation = search.both(speaker, "organisation")
        document = search.Document(
            object_id=speaker.pk,
            slug=speaker.slug,
            title=search.both(speaker, "name"),
            detail=search.joined(position, organisation),
            excerpt=search.excerpts(speaker, "biography"),
            edition_id=speaker.conference_id,
        )
        document.add(search.both(speaker, "name"), search.TITLE, prefixes=True, single=True)
        document.add(search.pinyin_of(speaker.name_zh_hans), search.NAME, prefixes=True)
        document.add([*organisation.values(), *position.values()], search.DETAIL)
        document.add(search.body(speaker, "biography"), search.BODY)
        yield document


def sessions_changed(ids):
    """Index sessions written with update() again, and their speakers (a speaker is found
    while in a public session)."""
    search.reindex("session", ids)
    search.reindex(
        "speaker", SessionSpeaker.objects.filter(session__in=ids).values_list("speaker_id", flat=True)
    )


def _session_ids(queryset):
    return queryset.values_list("session_id", flat=True)


def register():
    search.register(
        search.Kind(
            "session",
            pgettext_lazy("search results", "Sessions"),
            "events:session_detail",
            session_documents,
            Session,
        ),
        follows=[
            (SessionSpeaker, lambda link: [link.session_id]),
            (Speaker, lambda speaker: _session_ids(speaker.session_links.all())),
            (Room, lambda room: room.sessions.values_list("pk", flat=True)),
            (SessionKind, lambda kind: kind.sessions.values_list("pk", flat=True)),
        ],
    )
    search.register(
        search.Kind(
            "speaker",
            pgettext_lazy("search results", "Speakers"),
            "events:speaker_detail",
            speaker_documents,
            Speaker,
        ),
        follows=[
            (SessionSpeaker, lambda link: [link.speaker_id]),
            (Session, lambda session: session.session_speakers.values_list("speaker_id", flat=True)),
        ],
    )
