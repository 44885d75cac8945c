"""Benchmark: how long the programme exports and the agenda take at the target size.

Builds an edition with 2,000 published sessions (600 speakers, 20 rooms, 8 tracks) in a
throwaway database, then requests each export through Django's full request path, cold
(empty cache) and warm (cached body), plus a conditional request answered with 304. Prints
figures; asserts nothing about time, since timings depend on the machine.

    make bench                                  # throwaway SQLite file
    DATABASE_URL=postgres://... make bench      # an empty PostgreSQL database you can drop
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_scratch = tempfile.TemporaryDirectory(prefix="smartcity-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_scratch.name}/bench.sqlite3")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"

import django  # noqa: E402  (the environment above must be set first)

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from events.enums import SessionStatus  # noqa: E402
from events.models import (  # noqa: E402
    Agenda,
    Conference,
    Room,
    Session,
    SessionKind,
    SessionSpeaker,
    Speaker,
    Track,
)
from events.selectors import agenda_session_key, current_conference  # noqa: E402
from events.tokens import agenda_subscription_token  # noqa: E402

SESSIONS = 2000
SPEAKERS = 600
ROOMS = 20
TRACKS = 8
REPEATS = 5
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def build():
    """One current edition over three days, filled with bulk inserts."""
    conference = Conference.objects.create(
        number=99,
        name_zh_hans="基准测试会议",
        name_en="Benchmark conference",
        start_date=datetime.date(2030, 6, 20),
        end_date=datetime.date(2030, 6, 22),
        venue_name_zh_hans="会展中心",
        venue_name_en="Convention centre",
        is_current=True,
    )
    kind = SessionKind.objects.create(
        conference=conference, slug="forum", name_zh_hans="论坛", name_en="Forum"
    )
    rooms = Room.objects.bulk_create(
        Room(conference=conference, name_zh_hans=f"会议室{n}", name_en=f"Room {n}", order=n)
        for n in range(ROOMS)
    )
    tracks = Track.objects.bulk_create(
        Track(
            conference=conference, name_zh_hans=f"专题{n}", name_en=f"Track {n}", slug=f"track-{n}", order=n
        )
        for n in range(TRACKS)
    )
    speakers = Speaker.objects.bulk_create(
        Speaker(
            conference=conference,
            name_zh_hans=f"嘉宾{n}",
            name_en=f"Speaker {n}",
            slug=f"speaker-{n}",
            organisation_zh_hans="研究院",
            organisation_en="Institute",
        )
        for n in range(SPEAKERS)
    )
    sessions = []
    for n in range(SESSIONS):
        # 20 rooms x 34 half-hour slots a day, 08:00 to 01:00 spread over three days.
        slot, room = divmod(n, ROOMS)
        day, slot = divmod(slot, 34)
        start = datetime.datetime(2030, 6, 20 + day, 8, tzinfo=ZONE) + datetime.timedelta(minutes=30 * slot)
        sessions.append(
            Session(
                conference=conference,
                title_zh_hans=f"议程{n}",
                title_en=f"Session {n}",
                slug=f"session-{n}",
                abstract_zh_hans="摘要" * 40,
                abstract_en="Abstract " * 40,
                kind=kind,
                track=tracks[n % TRACKS],
                room=rooms[room],
                start=start,
                end=start + datetime.timedelta(minutes=30),
                status=SessionStatus.PUBLISHED,
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, speaker=speakers[(n * 7 + offset) % SPEAKERS], order=offset)
        for n, session in enumerate(sessions)
        for offset in range(1 + n % 3)
    )
    agenda = Agenda.objects.create(conference=conference)
    agenda.sessions.add(*sessions[::20])
    return agenda


def measure(client, path, *, cold, **headers):
    """(median milliseconds, queries, bytes, status) over REPEATS requests."""
    timings = []
    for _ in range(REPEATS):
        if cold:
            cache.clear()
            current_conference()  # the current edition back in the cache, as between requests in production
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(path, **headers)
            timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings), len(queries), len(response.content), response.status_code


def main():
    print(f"Database: {connection.vendor}; cache: {cache.__class__.__name__}")
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    agenda = build()
    print(
        f"Built {SESSIONS} sessions, {SPEAKERS} speakers, {ROOMS} rooms "
        f"in {time.perf_counter() - began:.1f} s; median of {REPEATS} requests each.\n"
    )
    client = Client()
    print(f"{'request':<48} {'cold ms':>9} {'warm ms':>9} {'304 ms':>8} {'queries':>9} {'KiB':>7}")
    for fmt in ("ics", "xml", "json"):
        for query in ("", "?track=track-3"):
            path = f"/en/schedule/export/schedule.{fmt}{query}"
            cold = measure(client, path, cold=True)
            warm = measure(client, path, cold=False)
            etag = client.get(path)["ETag"]
            conditional = measure(client, path, cold=False, HTTP_IF_NONE_MATCH=etag)
            if (cold[3], warm[3], conditional[3]) != (200, 200, 304):
                raise SystemExit(f"{path}: unexpected statuses {cold[3]}, {warm[3]}, {conditional[3]}")
            print(
                f"{path:<48} {cold[0]:>9.1f} {warm[0]:>9.1f} {conditional[0]:>8.1f} "
                f"{cold[1]:>4}/{warm[1]:<4} {cold[2] / 1024:>7.0f}"
            )

    session = client.session
    session[agenda_session_key(agenda.conference)] = agenda.pk
    session.save()
    with translation.override("en"):
        subscription = reverse("events:agenda_calendar", kwargs={"token": agenda_subscription_token(agenda)})
    for label, path in (
        ("/en/agenda/ (100 starred)", "/en/agenda/"),
        ("agenda subscription (100)", subscription),
    ):
        timing = measure(client, path, cold=True)
        figures = f"{timing[0]:>9.1f} {'-':>9} {'-':>8} {timing[1]:>4}/{'-':<4} {timing[2] / 1024:>7.0f}"
        print(f"{label:<48} {figures}")


if __name__ == "__main__":
    main()
