"""Programme files for the import tests, written the way frab, pretalx and the hub write them,
and what the tests read back: the database an import made, an export's sessions, an export's
schema errors."""

import copy
import datetime
import io
import json
import re
import uuid
import zoneinfo
from xml.sax.saxutils import escape, quoteattr

import jsonschema
import xmlschema
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from lxml import etree

from tests.utils import FRAB_EXAMPLES

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def programme(sessions=3, rooms=2, days=1, after_midnight=False):
    """A programme described once, written below as frab JSON and frab XML."""
    events = []
    for number in range(sessions):
        day, slot = divmod(number, max(1, sessions // days))
        room = number % rooms
        start = datetime.datetime(2030, 8, 1 + day, 10, tzinfo=BERLIN) + datetime.timedelta(
            minutes=30 * (slot // rooms)
        )
        if after_midnight and number == sessions - 1:
            start = datetime.datetime(2030, 8, days, 23, 45, tzinfo=BERLIN) + datetime.timedelta(minutes=45)
        events.append(
            {
                "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"test/{number}")),
                "id": number + 1,
                "date": start.isoformat(),
                "duration": "00:25",
                "room": f"Saal {room + 1}",
                "slug": f"kongress-{number + 1}-vortrag-{number + 1}",
                "url": f"https://programme.example.org/talk/{number + 1}/",
                "title": f"Vortrag {number + 1}",
                "subtitle": "Ein Untertitel" if number == 0 else "",
                "track": "Security" if number % 2 else "Science",
                "type": "Talk",
                # One language, two (as a congress lists them), Chinese, and none.
                "language": ["de", "en, de", "zh", ""][number % 4],
                "abstract": f"Worum es in Vortrag {number + 1} geht.",
                "description": "",
                "recording_license": "CC BY 4.0" if number == 0 else "",
                "do_not_record": number == 1,
                "persons": [
                    {
                        "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"test/person/{number % 5}")),
                        "public_name": f"Person {number % 5}",
                    }
                ],
                "links": [{"url": "https://example.org/slides.pdf", "title": "Slides"}]
                if number == 0
                else [],
                "attachments": [],
            }
        )
    return {
        "title": "Kongress 2030",
        "acronym": "kongress30",
        "start": "2030-08-01",
        "end": f"2030-08-{days:02}",
        "time_zone": "Europe/Berlin",
        "rooms": [f"Saal {number + 1}" for number in range(rooms)],
        "events": events,
        "days": days,
    }


def as_json(description):
    days = {}
    for event in description["events"]:
        start = datetime.datetime.fromisoformat(event["date"])
        # Before the 06:00 day change, a session belongs to the day before.
        day = (start - datetime.timedelta(hours=6)).date()
        days.setdefault(day, {}).setdefault(event["room"], []).append(
            {**event, "start": start.strftime("%H:%M")}
        )
    document = {
        "schedule": {
            "version": "1",
            "base_url": "https://programme.example.org/",
            "conference": {
                "acronym": description["acronym"],
                "title": description["title"],
                "start": description["start"],
                "end": description["end"],
                "daysCount": len(days),
                "timeslot_duration": "00:05",
                "time_zone_name": description["time_zone"],
                "rooms": [
                    {"name": name, "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"test/room/{name}"))}
                    for name in description["rooms"]
                ],
                "days": [
                    {
                        "index": index,
                        "date": day.isoformat(),
                        "day_start": datetime.datetime.combine(day, datetime.time(6), BERLIN).isoformat(),
                        "day_end": datetime.datetime.combine(
                            day + datetime.timedelta(days=1), datetime.time(5, 59), BERLIN
                        ).isoformat(),
                        "rooms": rooms,
                    }
                    for index, (day, rooms) in enumerate(sorted(days.items()), start=1)
                ],
            },
        }
    }
    return json.dumps(document, ensure_ascii=False).encode()


def as_xml(description):
    document = json.loads(as_json(description))["schedule"]
    conference = document["conference"]
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<schedule>",
        "<version>1</version>",
        "<conference>",
        f"<acronym>{conference['acronym']}</acronym><title>{escape(conference['title'])}</title>",
        f"<start>{conference['start']}</start><end>{conference['end']}</end>",
        f"<days>{conference['daysCount']}</days><timeslot_duration>00:05</timeslot_duration>",
        f"<time_zone_name>{conference['time_zone_name']}</time_zone_name>",
        "</conference>",
    ]
    for day in conference["days"]:
        attributes = f'index="{day["index"]}" date="{day["date"]}"'
        lines.append(f'<day {attributes} start="{day["day_start"]}" end="{day["day_end"]}">')
        for room, events in day["rooms"].items():
            lines.append(f"<room name={quoteattr(room)} guid={quoteattr(guids[room])}>")
            for event in events:
                persons = "".join(
                    f"<person guid={quoteattr(person['guid'])}>{escape(person['public_name'])}</person>"
                    for person in event["persons"]
                )
                links = "".join(
                    f"<link href={quoteattr(link['url'])}>{escape(link['title'])}</link>"
                    for link in event["links"]
                )
                optout = "true" if event["do_not_record"] else "false"
                lines.append(
                    f'<event id="{event["id"]}" guid="{event["guid"]}">'
                    f"<date>{event['date']}</date><start>{event['start']}</start>"
                    f"<duration>{event['duration']}</duration><room>{escape(event['room'])}</room>"
                    f"<slug>{event['slug']}</slug><url>{escape(event['url'])}</url>"
                    f"<title>{escape(event['title'])}</title><subtitle>{escape(event['subtitle'])}</subtitle>"
                    f"<track>{escape(event['track'])}</track><type>{event['type']}</type>"
                    f"<language>{event['language']}</language><abstract>{escape(event['abstract'])}</abstract>"
                    f"<description>{escape(event['description'])}</description>"
                    f"<recording><license>{escape(event['recording_license'])}</license>"
                    f"<optout>{optout}</optout></recording>"
                    f"<persons>{persons}</persons><links>{links}</links></event>"
                )
            lines.append("</room>")
        lines.append("</day>")
    lines.append("</schedule>")
    return "\n".join(lines).encode()


def run_import(tmp_path, content, *args, name="schedule.json"):
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_schedule", str(path), *args, stdout=out)
    return out.getvalue()


def database(conference):
    """What an import put into the edition, in a form two imports can be compared by."""
    return sorted(
        (
            str(session.guid),
            session.title_zh_hans,
            session.subtitle_zh_hans,
            session.start,
            session.end,
            session.room.name_zh_hans,
            str(session.room.guid),
            session.track.name_zh_hans,
            session.kind.slug,
            tuple(session.languages.values_list("code", flat=True)),
            session.url,
            session.recording_license,
            session.do_not_record,
            session.status,
            tuple(
                (link.speaker.name_zh_hans, str(link.speaker.guid)) for link in session.session_speakers.all()
            ),
            tuple(session.links.values_list("url", "title_zh_hans", "is_attachment")),
        )
        for session in conference.sessions.select_related("room", "track", "kind")
    )


def upload(content, name="schedule.json"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def frab_schema_errors(client):
    exported = client.get("/en/schedule/export/schedule.json").json()
    xml = client.get("/en/schedule/export/schedule.xml").content
    schema = json.loads((FRAB_EXAMPLES / "schema.json").read_text())
    errors = [error.message for error in jsonschema.Draft6Validator(schema).iter_errors(exported)]
    errors += [
        str(error.reason)
        for error in xmlschema.XMLSchema(str(FRAB_EXAMPLES / "schedule.xml.xsd")).iter_errors(xml)
    ]
    return exported, errors


def exported_events(document):
    """What an export says of each session, its ids aside."""
    return {
        event["guid"]: {
            **{key: value for key, value in event.items() if key not in ("id", "persons", "slug")},
            "slug": re.sub(r"-\d+-", "-N-", event["slug"], count=1),
            "persons": [
                (person["guid"], person.get("public_name") or person["name"]) for person in event["persons"]
            ],
        }
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }


def exported_xml_events(content):
    """Each <event> of an XML export as text, by GUID, its ids aside."""
    found = {}
    for event in etree.fromstring(content).iter("event"):
        event.attrib.pop("id")
        for person in event.iter("person"):
            person.attrib.pop("id", None)
        slug = event.find("slug")
        slug.text = re.sub(r"-\d+-", "-N-", slug.text, count=1)
        found[event.get("guid")] = etree.tostring(event, encoding="unicode")
    return found


def in_two_languages():
    """One programme as its Chinese and its English export: the same GUIDs, other names."""
    chinese = programme(sessions=4)
    chinese["title"] = "大会 2030"
    chinese["rooms"] = ["一号厅", "二号厅"]
    english = copy.deepcopy(chinese)
    english["title"] = "Congress 2030"
    english["rooms"] = ["Hall 1", "Hall 2"]
    tracks = {"Science": ("科学", "Science"), "Security": ("安全", "Security")}
    for zh_event, en_event in zip(chinese["events"], english["events"], strict=True):
        number = zh_event["id"]
        zh_event.update(
            title=f"报告 {number}",
            abstract=f"报告 {number} 的内容。",
            room={"Saal 1": "一号厅", "Saal 2": "二号厅"}[zh_event["room"]],
            track=tracks[zh_event["track"]][0],
            type="报告",
        )
        en_event.update(
            title=f"Talk {number}",
            abstract=f"What talk {number} is about.",
            room={"Saal 1": "Hall 1", "Saal 2": "Hall 2"}[en_event["room"]],
        )
        for zh_person in zh_event["persons"]:
            zh_person["public_name"] = f"嘉宾 {zh_person['public_name'][-1]}"
        for zh_link in zh_event["links"]:
            zh_link["title"] = "讲稿"
    return chinese, english


def links_as_people_write_them(description):
    description["events"][0]["url"] = "programme.example.net/talk/1"
    description["events"][0]["links"] = [
        {"url": "/system/event_attachments/1/slides.pdf", "title": "Slides"},
        {"url": "javascript:alert(1)", "title": "Hostile"},
        {"url": "//cdn.example.org/video", "title": "Video"},
        {"url": "https://example.org/paper.pdf", "title": "Paper"},
    ]
    description["events"][1]["url"] = "file:///etc/passwd"
    return description


def without_zone_name(description, *, naive=False):
    """The programme as pretalx wrote it before 2021 (no time zone name; each time carries its
    offset) or, `naive`, as pentabarf does (no name and no offset)."""
    document = json.loads(as_json(description))
    del document["schedule"]["conference"]["time_zone_name"]
    for day in document["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:
                if naive:
                    event["date"] = event["date"][:19]
    return json.dumps(document).encode()


def days_file(days, day_change=None):
    """A frab JSON file of `days`: (date, day_start, day_end, [local start of each talk]), in Berlin."""
    conference = {
        "acronym": "nights",
        "title": "Nights",
        "start": days[0][0],
        "end": days[-1][0],
        "time_zone_name": "Europe/Berlin",
        "days": [
            {
                "index": index,
                "date": date,
                **({"day_start": f"{start}+02:00"} if start else {}),
                **({"day_end": f"{end}+02:00"} if end else {}),
                "rooms": {
                    "Saal 1": [
                        {
                            "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"nights/{date}/{talk}")),
                            "title": f"Talk {talk}",
                            "date": f"{talk}:00+02:00",
                            "duration": "00:30",
                            "room": "Saal 1",
                            "type": "Talk",
                        }
                        for talk in talks
                    ]
                },
            }
            for index, (date, start, end, talks) in enumerate(days, start=1)
        ],
    }
    if day_change:
        conference["day_change"] = day_change
    return json.dumps({"schedule": {"version": "1", "conference": conference}}).encode()


HUB_ABSTRACT = (
    "How a city counts its buses\n"
    "                    with open data: [the slides](https://example.org/slides).\n"
    "\n"
    "                    A second paragraph, and a fenced example:\n"
    "\n"
    "                    ```\n"
    "                    curl https://example.org/api\n"
    "                    ```"
)


PENTABARF = b"""<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <title>Open City Days 2030</title>
    <subtitle/>
    <venue>Campus</venue>
    <city>Brussels</city>
    <start>2030-02-02</start>
    <end>2030-02-03</end>
    <days>2</days>
    <day_change>06:00:00</day_change>
    <timeslot_duration>00:05:00</timeslot_duration>
  </conference>
  <day index="1" date="2030-02-02">
    <room name="Janson">
      <event id="101">
        <start>09:30</start><duration>00:25</duration><room>Janson</room>
        <slug>welcome</slug><title>Welcome</title><subtitle/><track>Keynotes</track>
        <type>keynote</type><language/>
        <abstract>&lt;p&gt;Welcome and &lt;em&gt;opening&lt;/em&gt;.&lt;/p&gt;</abstract><description/>
        <persons><person id="6">Staff</person></persons><attachments/><links/>
      </event>
      <event id="102">
        <start>01:00</start><duration>00:50</duration><room>Janson</room>
        <slug>night</slug><title>Night owls</title><subtitle/><track>Keynotes</track>
        <type>talk</type><language>en</language><abstract/><description/>
        <persons><person id="7">Owl</person></persons><attachments/><links/>
      </event>
    </room>
  </day>
  <day index="2" date="2030-02-03">
    <room name="K.1.105">
      <event id="201">
        <start>10:00</start><duration>01:00</duration><room>K.1.105</room>
        <slug>maps</slug><title>Open maps</title><subtitle/><track>Geo</track>
        <type>talk</type><language>en</language><abstract/><description/>
        <persons><person id="6">Staff</person></persons><attachments/><links/>
      </event>
    </room>
  </day>
</schedule>
"""
