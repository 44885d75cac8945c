"""Benchmark: how long importing a real-sized programme file takes.

Writes a frab JSON file of 1,000 sessions (four days with a 06:00 day change, 12 rooms, 300
speakers, language lists, links) the way pretalx and the hub write them, then imports it into a
throwaway database with import_schedule: new, again unchanged, again with a tenth of the
sessions moved, and as a dry run. The goal is under 10 s for the first import; it prints
figures and asserts nothing about time, since timings depend on the machine.

    python bench/importing.py                           # throwaway SQLite file
    DATABASE_URL=postgres://... python bench/importing.py   # an empty PostgreSQL database
"""

import datetime
import io
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_scratch = tempfile.TemporaryDirectory(prefix="smartcity-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_scratch.name}/bench.sqlite3")
os.environ.setdefault("DEBUG", "1")
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"

import django  # noqa: E402  (the environment above must be set first)

django.setup()

from django.core.management import call_command  # noqa: E402

from events.models import Session  # noqa: E402

SESSIONS = 1000
DAYS = 4
ROOMS = 12
SPEAKERS = 300
LANGUAGES = ["de", "en", "de, en", "en, de", ""]
BERLIN = datetime.timezone(datetime.timedelta(hours=1))


def guid(kind, number):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{kind}/{number}"))


def event(number, start, moved):
    start += datetime.timedelta(hours=1) if moved else datetime.timedelta(0)
    return {
        "guid": guid("event", number),
        "id": number,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": "00:40",
        "room": f"Saal {number % ROOMS + 1}",
        "slug": f"bench-{number}-talk-{number}",
        "url": f"https://programme.example.org/talk/{number}/",
        "title": f"Talk {number}",
        "subtitle": "",
        "track": f"Track {number % 8}",
        "type": "Talk",
        "language": LANGUAGES[number % len(LANGUAGES)],
        # Hub exports indent continuation lines by 20 spaces.
        "abstract": f"What talk {number} is about.\n" + " " * 20 + "[Slides](https://example.org/s.pdf)",
        "description": "",
        "recording_license": "CC BY 4.0",
        "do_not_record": number % 17 == 0,
        "persons": [
            {
                "guid": guid("person", (number * 7 + extra) % SPEAKERS),
                "public_name": f"Speaker {(number * 7 + extra) % SPEAKERS}",
            }
            for extra in range(1 + number % 3)
        ],
        "links": [{"url": f"/system/attachments/{number}.pdf", "title": "Slides"}] if number % 4 == 0 else [],
        "attachments": [],
    }


def document(moved_every=0):
    per_day = SESSIONS // DAYS
    days = []
    for day in range(DAYS):
        date = datetime.date(2030, 12, 27) + datetime.timedelta(days=day)
        rooms = {}
        for slot in range(per_day):
            number = day * per_day + slot
            # From 10:00 into the night, past midnight (filed under the day before).
            start = datetime.datetime.combine(date, datetime.time(10), BERLIN) + datetime.timedelta(
                minutes=50 * (slot // ROOMS)
            )
            moved = bool(moved_every) and number % moved_every == 0
            rooms.setdefault(f"Saal {number % ROOMS + 1}", []).append(event(number, start, moved))
        days.append(
            {
                "index": day + 1,
                "date": date.isoformat(),
                "day_start": datetime.datetime.combine(date, datetime.time(6), BERLIN).isoformat(),
                "day_end": datetime.datetime.combine(
                    date + datetime.timedelta(days=1), datetime.time(6), BERLIN
                ).isoformat(),
                "rooms": rooms,
            }
        )
    return json.dumps(
        {
            "schedule": {
                "version": "1",
                "base_url": "https://programme.example.org/",
                "conference": {
                    "acronym": "bench30",
                    "title": "Benchmark congress",
                    "start": "2030-12-27",
                    "end": "2030-12-30",
                    "daysCount": DAYS,
                    "timeslot_duration": "00:10",
                    "time_zone_name": "Europe/Berlin",
                    "rooms": [{"name": f"Saal {n + 1}", "guid": guid("room", n)} for n in range(ROOMS)],
                    "days": days,
                },
            }
        }
    ).encode()


def timed(label, content, *args):
    path = Path(_scratch.name) / "schedule.json"
    path.write_bytes(content)
    out = io.StringIO()
    began = time.perf_counter()
    call_command("import_schedule", str(path), *args, stdout=out)
    seconds = time.perf_counter() - began
    summary = out.getvalue().splitlines()[0]
    print(f"{label:<34} {seconds:6.2f} s  {1000 * seconds / SESSIONS:5.1f} ms/session   {summary}")
    return seconds


def main():
    call_command("migrate", verbosity=0)
    plain, moved = document(), document(moved_every=10)
    size = len(plain) / 1024
    print(f"A frab JSON file of {SESSIONS:,} sessions, {size:,.0f} KiB; goal: the first import under 10 s.")
    timed("dry run into a new edition", plain, "--dry-run")
    first = timed("first import", plain)
    timed("the same file again", plain)
    timed("a tenth of the sessions moved", moved)
    if Session.objects.count() != SESSIONS:
        sys.exit(f"Expected {SESSIONS} sessions, found {Session.objects.count()}.")
    print(f"first import: {'within' if first < 10 else 'OVER'} the 10 s goal")


if __name__ == "__main__":
    main()
