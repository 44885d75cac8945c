"""How an import finds the rows a frab file names, or makes them: the edition, its rooms, tracks,
session kinds, speakers and links, and a session made by hand that is the file's; and the texts
it writes in the file's language (the other language's fields filled for a new row)."""

import re

from django.conf import settings
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from common.slugs import save_with_unique_slug

from ..exports import schema_acronym
from ..models import (
    Conference,
    Room,
    SessionKind,
    SessionLink,
    Speaker,
    Track,
    validate_colour,
)


def localized(name, language):
    return build_localized_fieldname(name, language)


def set_texts(thing, texts, *, language, new):
    """Put texts ({field: value}) into the fields of the import's language; a new row gets them
    in the default language too, which the other language falls back to. Whether any changed."""
    languages = dict.fromkeys([language, settings.LANGUAGE_CODE] if new else [language])
    changed = False
    for name, value in texts.items():
        for code in languages:
            field = localized(name, code)
            changed |= getattr(thing, field) != value
            setattr(thing, field, value)
    return changed


def hand_made_sessions(conference, language):
    """The edition's sessions made by hand in the back office (no GUID), by start, room and
    title in the file's language, read once for hand_made."""
    title = localized("title", language)
    return {
        (session.start, session.room_id, (getattr(session, title) or "").casefold()): session
        for session in conference.sessions.filter(guid__isnull=True).select_related("kind")
    }


def hand_made(sessions, event, rooms, report):
    """The session made by hand (of `sessions`, hand_made_sessions) that is the file's session:
    the same title, start and room. It takes the file's GUID, so the import updates it instead
    of publishing a second one beside it."""
    room = rooms[event.room] if event.room else None
    session = sessions.pop((event.start, room.pk if room else None, event.title.casefold()), None)
    if session is not None:
        session.guid = event.guid
        report.matched += 1
        report.sample("matched", event.title)
    return session


def possible_duplicates(sessions, titles):
    """Of `titles` (the file's new sessions), those that a session made by hand and left
    unmatched (of `sessions`, hand_made_sessions) also has, at another time or in another room."""
    left = {title for _start, _room, title in sessions}
    return [title for title in titles if title.casefold() in left]


def imported_conference(programme, edition, language):
    conference = None
    if edition is not None:
        conference = Conference.objects.filter(number=edition).first()
    elif programme.acronym:
        conference = Conference.objects.filter(acronym=programme.acronym).first()
    if conference is None:
        number = edition or (Conference.objects.aggregate(Max("number"))["number__max"] or 0) + 1
        conference = Conference(number=number, venue_name_zh_hans=_("To be announced"))
        set_texts(conference, {"name": programme.title[:200]}, language=language, new=True)
    elif not getattr(conference, localized("name", language)):
        set_texts(conference, {"name": programme.title[:200]}, language=language, new=False)
    conference.acronym = slugify(programme.acronym)[:50]
    conference.start_date = programme.start or conference.start_date
    conference.end_date = programme.end or conference.end_date
    if programme.time_zone_named or conference.pk is None:
        # A zone taken from the file's offsets does not replace one an organiser has set.
        conference.time_zone = programme.time_zone
    conference.day_change = programme.day_change
    conference.timeslot_minutes = programme.timeslot_minutes
    conference.full_clean()
    conference.save()
    return conference


def _named(things, name, language, *, through=None):
    """The one of `things` called `name` in the import's language or, failing that, in the
    default language; else the one a known session of the file has (`through`), whose name in
    the import's language this is."""
    for code in dict.fromkeys([language, settings.LANGUAGE_CODE]):
        for thing in things:
            if getattr(thing, localized("name", code)) == name:
                return thing
    return through


def _through_sessions(programme, known, attribute, language):
    """{name in the file: the id of what the edition's session of that event has as `attribute`},
    for the programme in the other language; in the default language a new name is a new room or track
    (a session moved to a new room must not rename its old one)."""
    found = {}
    if language == settings.LANGUAGE_CODE:
        return found
    for event in programme.events:
        session = known.get(event.guid)
        if session is not None and getattr(session, f"{attribute}_id"):
            found.setdefault(getattr(event, attribute), getattr(session, f"{attribute}_id"))
    return found


def imported_rooms(conference, programme, language, known):
    """Rooms by the file's names, created in the file's order after the edition's own."""
    existing = list(conference.rooms.all())
    by_guid = {room.guid: room for room in existing if room.guid}
    by_pk = {room.pk: room for room in existing}
    through = _through_sessions(programme, known, "room", language)
    names = [name for name, _guid in programme.rooms]
    names += [event.room for event in programme.events if event.room not in names]
    order = max((room.order for room in existing), default=0)
    guids = dict(programme.rooms)
    rooms = {}
    for name in dict.fromkeys(name for name in names if name):
        guid = guids.get(name)
        room = by_guid.get(guid) or _named(existing, name, language, through=by_pk.get(through.get(name)))
        if room is not None and room.guid and language != settings.LANGUAGE_CODE:
            guid = room.guid  # the default language's file says which room this is
        if room is None:
            order += 1
            room = Room(conference=conference, order=order)
            set_texts(room, {"name": name[:100]}, language=language, new=True)
            existing.append(room)
        elif not set_texts(room, {"name": name[:100]}, language=language, new=False) and (
            not guid or room.guid == guid
        ):
            rooms[name] = room
            continue
        room.guid = guid or room.guid
        room.full_clean()
        room.save()
        rooms[name] = room
    return rooms


def imported_tracks(conference, programme, language, known):
    existing = list(conference.tracks.all())
    through = _through_sessions(programme, known, "track", language)
    by_pk = {track.pk: track for track in existing}
    names = dict(programme.tracks)
    for event in programme.events:
        names.setdefault(event.track, "")
    tracks = {}
    for name, colour in names.items():
        if not name:
            continue
        track = _named(existing, name, language, through=by_pk.get(through.get(name)))
        if track is not None:
            if set_texts(track, {"name": name[:100]}, language=language, new=False):
                track.full_clean()
                track.save()
            tracks[name] = track
            continue
        track = Track(conference=conference, order=len(existing))
        set_texts(track, {"name": name[:100]}, language=language, new=True)
        if validate_colour.regex.match(colour or ""):
            track.colour = colour
        track.full_clean(exclude=["slug"])
        save_with_unique_slug(
            track,
            text=name,
            fallback=f"track-{len(existing) + 1}",
            siblings=conference.tracks.all(),
            max_length=100,
        )
        existing.append(track)
        tracks[name] = track
    return tracks


def own_slug(slug, acronym):
    """The session's slug without the `<acronym>-<id>-` a frab export puts in front (frab's, or
    ours in the form our exports give the acronym), so that a programme exported and imported
    again keeps its slugs instead of growing a prefix on every trip."""
    for prefix in {slugify(acronym), schema_acronym(acronym)} - {""}:
        slug = re.sub(rf"^{re.escape(prefix)}-\d+-(?=.)", "", slug)
    return slug


def imported_kind(conference, name, language):
    """The edition's kind the file names: by its name in the file's language (a Chinese name has
    no slug to go by), else by its slug (files exported before names were written), else new."""
    kinds = conference.session_kinds
    kind = kinds.filter(**{f"{localized('name', language)}__iexact": name}).first() if name else None
    kind = kind or kinds.filter(slug=slugify(name)[:50] or "session").first()
    if kind is None:
        kind = SessionKind(conference=conference, order=100)
        set_texts(kind, {"name": (name or _("Session"))[:100]}, language=language, new=True)
        kind.full_clean(exclude=["slug"])
        save_with_unique_slug(kind, text=name, fallback="kind", siblings=kinds.all(), max_length=50)
    return kind


def translated_kind(kind, name, language):
    """A known session's kind, named in the import's language as its file names it."""
    if name and set_texts(kind, {"name": name[:100]}, language=language, new=False):
        kind.full_clean()
        kind.save()
    return kind


def imported_speaker(conference, person, speakers, language):
    speaker = speakers.get(person.guid)
    texts = {"name": person.name[:100]}
    if person.biography or speaker is None:
        texts["biography"] = person.biography[:5_000]
    if speaker is None:
        speaker = Speaker(conference=conference, guid=person.guid)
        set_texts(speaker, texts, language=language, new=True)
        speaker.full_clean(exclude=["slug"])
        save_with_unique_slug(
            speaker,
            text=person.name,
            fallback=f"speaker-{person.guid.hex[:8]}",
            siblings=conference.speakers.all(),
            max_length=100,
        )
        speakers[person.guid] = speaker
    elif set_texts(speaker, texts, language=language, new=False):
        speaker.full_clean()
        speaker.save()
    return speaker


def imported_links(session, event, links, language):
    """Replace the session's links and attachments (`links`, as it has them) when the file's
    differ; whether they did. A link the session had keeps its title in the other language."""
    wanted = [(url[:500], (title or url)[:300], False) for url, title in event.links]
    wanted += [(url[:500], (title or url)[:300], True) for url, title in event.attachments]
    wanted = [item for item in wanted if item[0]]
    title = localized("title", language)
    if [(link.url, getattr(link, title), link.is_attachment) for link in links] == wanted:
        return False
    had = {link.url: link for link in links}
    session.links.all().delete()
    links = []
    for order, (url, text, attachment) in enumerate(wanted):
        link = SessionLink(session=session, url=url, is_attachment=attachment, order=order)
        for code in settings.MODELTRANSLATION_LANGUAGES if url in had else []:
            field = localized("title", code)
            setattr(link, field, getattr(had[url], field))
        set_texts(link, {"title": text}, language=language, new=url not in had)
        link.full_clean(exclude=["session"])
        links.append(link)
    SessionLink.objects.bulk_create(links)
    return True
