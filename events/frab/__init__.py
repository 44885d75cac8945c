"""Reading a programme in the frab schedule format (https://c3voc.de/schedule), XML or JSON,
as pretalx, frab, wafer and the CCC hub write it, into plain data for services.schedule_import.

Everything is checked before anything is written: a file with problems is refused as a whole,
each problem named by its line (XML) or its place in the document (JSON). Each format finds its
values (xml.py, json.py); the checks (values.py) and the data they build (programme.py) are
shared. What is repaired or left out (a relative link, a bare host) is a warning, which never
refuses a file."""

import codecs

from django.utils.translation import gettext as _

from .json import read_json
from .programme import MAX_BYTES, MAX_EVENTS, MAX_PROBLEMS, Event, Person, Programme, ProgrammeInvalid
from .xml import read_xml

__all__ = [
    "MAX_BYTES",
    "MAX_EVENTS",
    "MAX_PROBLEMS",
    "Event",
    "Person",
    "Programme",
    "ProgrammeInvalid",
    "read",
    "read_json",
    "read_xml",
]


def read(content, *, time_zone=None):
    """A Programme from the bytes of a frab XML or JSON file; `time_zone` (an IANA name) places
    its times when the file names no zone, and overrides the one it names."""
    if len(content) > MAX_BYTES:
        raise ProgrammeInvalid(
            [
                _("The file is larger than %(size)s MB; this is not a programme.")
                % {"size": MAX_BYTES // 2**20}
            ]
        )
    # Windows tools write a byte-order mark before the document; it says nothing in UTF-8.
    content = content.removeprefix(codecs.BOM_UTF8)
    text = content.lstrip()
    if text[:1] in (b"{", b"["):
        return read_json(content, time_zone=time_zone)
    if text[:1] == b"<":
        return read_xml(content, time_zone=time_zone)
    raise ProgrammeInvalid([_("This is neither frab XML nor frab JSON: the file should start with < or {.")])
