"""The full-size edition and its programme (bench/fullsize.py): the conference with its
organisers, then session kinds, 20 rooms, 8 tracks, 600 speakers and 2,000 published sessions
over four days, each with one to three speakers, and a few moved sessions for the changes page.
"""

import datetime

from django.utils import timezone

from bench.sizes import (
    DAYS,
    EDITION,
    FIRST_DAY,
    ROOMS,
    SCHEDULE_CHANGES,
    SESSIONS,
    SPEAKERS,
    TRACKS,
    ZONE,
    bulk,
)
from events.enums import DEFAULT_SESSION_KINDS, OrganiserRole, SessionStatus, SpeakerRole
from events.models import (
    Conference,
    ConferenceOrganisation,
    Organisation,
    Room,
    Session,
    SessionChange,
    SessionKind,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
    Track,
)

# Varied lengths, so that the grid's rows do not all line up.
SESSION_MINUTES = [20, 30, 40]


def conference():
    """The sample edition, with a host, two co-hosts and a supporter."""
    conference = Conference.objects.create(
        number=EDITION,
        name_zh_hans="示例大会（基准测试数据）",
        name_en="Sample conference (benchmark data)",
        theme_zh_hans="示例主题",
        theme_en="Sample theme",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + datetime.timedelta(days=DAYS - 1),
        venue_name_zh_hans="示例会展中心",
        venue_name_en="Sample convention centre",
        venue_address_zh_hans="示例地址 1 号",
        venue_address_en="1 Sample Road",
        description_zh_hans="示例简介。" * 40,
        description_en="Sample description. " * 40,
    )
    roles = [OrganiserRole.HOST, OrganiserRole.CO_HOST, OrganiserRole.CO_HOST, OrganiserRole.SUPPORTER]
    organisations = bulk(
        Organisation,
        (Organisation(name_zh_hans=f"示例单位 {n}", name_en=f"Sample organisation {n}") for n in range(4)),
    )
    bulk(
        ConferenceOrganisation,
        (
            ConferenceOrganisation(conference=conference, organisation=organisation, role=role, order=n)
            for n, (organisation, role) in enumerate(zip(organisations, roles, strict=True))
        ),
    )
    return conference


def sessions(conference):
    """The edition's session kinds, rooms, tracks, speakers and published sessions, a few moved."""
    kinds = [
        SessionKind.objects.create(conference=conference, slug=slug, name_zh_hans=zh, name_en=en)
        for slug, zh, en in DEFAULT_SESSION_KINDS
    ]
    rooms = bulk(
        Room,
        (
            Room(
                conference=conference,
                name_zh_hans=f"示例会议室 {n}",
                name_en=f"Sample room {n}",
                floor_zh_hans=f"{n // 5 + 1} 层",
                floor_en=f"Floor {n // 5 + 1}",
                capacity=100 + 20 * n,
                order=n,
            )
            for n in range(ROOMS)
        ),
    )
    tracks = bulk(
        Track,
        (
            Track(
                conference=conference,
                name_zh_hans=f"示例专题 {n}",
                name_en=f"Sample track {n}",
                slug=f"sample-track-{n}",
                colour=f"#{(0x0B5C75 + n * 0x151515) % 0xFFFFFF:06x}",
                order=n,
            )
            for n in range(TRACKS)
        ),
    )
    speakers = bulk(
        Speaker,
        (
            Speaker(
                conference=conference,
                name_zh_hans=f"示例嘉宾 {n}",
                name_en=f"Sample speaker {n}",
                slug=f"sample-speaker-{n}",
                honorific_zh_hans="教授" if n % 4 == 0 else "",
                honorific_en="Prof." if n % 4 == 0 else "",
                position_zh_hans="研究员",
                position_en="Researcher",
                organisation_zh_hans=f"示例研究院 {n % 50}",
                organisation_en=f"Sample institute {n % 50}",
                biography_zh_hans="示例简历。" * 30,
                biography_en="Sample biography. " * 30,
            )
            for n in range(SPEAKERS)
        ),
    )
    per_room_day = SESSIONS // (DAYS * ROOMS)
    sessions = []
    for day in range(DAYS):
        for room_index, room in enumerate(rooms):
            start = datetime.datetime.combine(
                FIRST_DAY + datetime.timedelta(days=day), datetime.time(8), ZONE
            )
            for slot in range(per_room_day):
                n = len(sessions)
                end = start + datetime.timedelta(minutes=SESSION_MINUTES[(room_index + slot) % 3])
                sessions.append(
                    Session(
                        conference=conference,
                        title_zh_hans=f"示例议程 {n}",
                        title_en=f"Sample session {n}",
                        slug=f"sample-session-{n}",
                        abstract_zh_hans="示例摘要。" * 40,
                        abstract_en="Sample abstract. " * 30,
                        description_zh_hans="示例说明。" * 80,
                        description_en="Sample description. " * 60,
                        kind=kinds[n % len(kinds)],
                        track=tracks[n % TRACKS],
                        room=room,
                        start=start,
                        end=end,
                        status=SessionStatus.PUBLISHED,
                        is_highlight=n % 400 == 0,
                    )
                )
                start = end
    sessions = bulk(Session, sessions)
    # Chinese, English, or both (in either order), as a real programme has them.
    languages = [["zh"], ["en"], ["zh", "en"], ["en", "zh"]]
    bulk(
        SessionLanguage,
        (
            SessionLanguage(session=session, code=code, order=order)
            for n, session in enumerate(sessions)
            for order, code in enumerate(languages[n % len(languages)])
        ),
    )
    roles = [SpeakerRole.SPEAKER, SpeakerRole.SPEAKER, SpeakerRole.CHAIR]
    bulk(
        SessionSpeaker,
        (
            # Offsets 0, 211 and 422 keep a session's speakers distinct.
            SessionSpeaker(
                session=session,
                speaker=speakers[(n * 7 + 211 * order) % SPEAKERS],
                role=roles[order],
                order=order,
            )
            for n, session in enumerate(sessions)
            for order in range(1 + n % 3)
        ),
    )
    # A few sessions moved an hour later, for the changes page and the "changed" marks.
    now = timezone.now()
    moved = sessions[:: SESSIONS // SCHEDULE_CHANGES]
    bulk(
        SessionChange,
        (
            SessionChange(
                session=session,
                created=now - datetime.timedelta(minutes=n),
                previous_start=session.start - datetime.timedelta(hours=1),
                previous_end=session.end - datetime.timedelta(hours=1),
                start=session.start,
                end=session.end,
                previous_room=session.room,
                room=session.room,
                previous_status=SessionStatus.PUBLISHED,
                status=SessionStatus.PUBLISHED,
            )
            for n, session in enumerate(moved)
        ),
    )
    Session.objects.filter(pk__in=[session.pk for session in moved]).update(changed_at=now)
