"""Every kind of real-world file the importer takes, imported and exported again: both exports
validate against the frab schemas and hold every public session the file brought."""

import codecs
import json

import pytest

from events.models import Session
from tests.utils import FRAB_EXAMPLES

from .frab_files import (
    HUB_ABSTRACT,
    PENTABARF,
    as_json,
    as_xml,
    days_file,
    exported_events,
    frab_schema_errors,
    links_as_people_write_them,
    programme,
    run_import,
    without_zone_name,
)

pytestmark = pytest.mark.django_db


def changed(**what):
    description = programme(sessions=4)
    for key, value in what.items():
        if key == "events":
            for event, change in zip(description["events"], value, strict=False):
                event.update(change)
        else:
            description[key] = value
    return description


NIGHTS = days_file(
    [
        (
            "2030-08-01",
            "2030-08-01T06:00:00",
            "2030-08-02T06:00:00",
            ["2030-08-01T08:00", "2030-08-02T02:00"],
        ),
        (
            "2030-08-02",
            "2030-08-02T06:00:00",
            "2030-08-03T06:00:00",
            ["2030-08-02T08:00", "2030-08-03T02:00"],
        ),
    ]
)

FILES = {
    "a date-time conference start": (
        as_json(changed(start="2030-07-31T23:30:00+00:00", end="2030-08-01T18:00:00+02:00")),
        [],
    ),
    "language lists and none": (
        as_xml(changed(events=[{"language": "de, en"}, {"language": "en,de"}, {"language": ""}])),
        [],
    ),
    "talks at 08:00 and 02:00, day change 06:00": (NIGHTS, []),
    "hub-indented Markdown": (as_json(changed(events=[{"abstract": HUB_ABSTRACT}])), []),
    "pretalx with offsets and no zone name": (without_zone_name(programme(sessions=4)), []),
    "relative links and a bare host": (as_json(links_as_people_write_them(programme(sessions=4))), []),
    "pentabarf with HTML abstracts": (PENTABARF, ["--time-zone", "Europe/Brussels"]),
    "a hyphenated acronym": (as_json(changed(acronym="city-forum-2026")), []),
    "a byte order mark": (codecs.BOM_UTF8 + as_xml(programme(sessions=4)), []),
    "opt-outs": (as_json(changed(events=[{"do_not_stream": True}, {"do_not_record": True}])), []),
    "pretalx's example": ((FRAB_EXAMPLES / "pretalx-democon.json").read_bytes(), []),
    "wafer's example (DebConf)": ((FRAB_EXAMPLES / "debconf23.xml").read_bytes(), []),
}


@pytest.mark.parametrize("name", FILES)
def test_the_exports_of_every_kind_of_file_validate_and_hold_its_sessions(tmp_path, client, name):
    content, options = FILES[name]
    filename = "schedule.xml" if content.lstrip(codecs.BOM_UTF8).startswith(b"<") else "schedule.json"
    run_import(tmp_path, content, "--make-current", *options, name=filename)

    exported, errors = frab_schema_errors(client)
    xml = client.get("/en/schedule/export/schedule.xml").content

    assert errors == []
    public = Session.objects.public().count()
    assert public > 0
    assert len(exported_events(exported)) == public
    assert xml.count(b"<event ") == public
    assert json.loads(json.dumps(exported))  # the JSON export is plain data
