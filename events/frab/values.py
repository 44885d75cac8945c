"""Checking the values a format found: GUIDs, dates and times, durations, time zones and web
addresses, each problem (or warning) noted with its place in the file. The values come as the
file gives them; what is returned is what the programme holds."""

import datetime
import re
import textwrap
import uuid
import zoneinfo
from collections import Counter
from urllib.parse import urljoin

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

# A value is quoted whole in a message up to this length; a longer one is cut and says so.
SHOWN_CHARACTERS = 200


def shown(value):
    """A value as a message quotes it: whole, unless it is longer than any real value would be."""
    value = str(value)
    if len(value) <= SHOWN_CHARACTERS:
        return value
    return _("%(start)s… (%(count)s characters)") % {"start": value[:SHOWN_CHARACTERS], "count": len(value)}


def parse_guid(value, where, problems, *, required=True):
    if not value:
        if required:
            problems.add(where, _("the GUID is missing."))
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        problems.add(where, _("“%(value)s” is not a GUID.") % {"value": shown(value)})
        return None


def derived_guid(acronym, kind, key):
    """For a person or room the file gives no GUID: the same one at every import of this edition."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"frab:{acronym}:{kind}:{key}")


def parse_moment(value, zone, where, problems):
    try:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(where, _("“%(value)s” is not a date and time.") % {"value": shown(value)})
        return None
    # Without an offset, a time is in the conference's time zone.
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def parse_duration(value, where, problems):
    parts = str(value).strip().split(":")
    # Digits only: int() would read "-00" as 0 and lose the sign of "-00:30".
    numbers = (
        [int(part) for part in parts] if all(part.isascii() and part.isdigit() for part in parts) else []
    )
    if len(numbers) not in (2, 3):
        problems.add(where, _("“%(value)s” is not a duration (HH:MM).") % {"value": shown(value)})
        return None
    hours, minutes = numbers[0], numbers[1]
    delta = datetime.timedelta(hours=hours, minutes=minutes)
    if delta <= datetime.timedelta(0):
        problems.add(where, _("a session must last longer than zero minutes."))
        return None
    return delta


def local_date(value, zone):
    """A day written as a date or, as both frab schemas allow, as a date and time (the day it
    falls on in the conference's time zone); None for neither."""
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment.astimezone(zone) if moment.tzinfo else moment).date()


def parse_date(value, zone, where, problems):
    """A day as local_date reads it; anything else is a problem."""
    day = local_date(value, zone)
    if day is None:
        problems.add(where, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": shown(value)})
    return day


def parse_zone(value, where, problems):
    try:
        return zoneinfo.ZoneInfo(str(value).strip() or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.add(where, _("“%(value)s” is not a time zone name.") % {"value": shown(value)})
        return zoneinfo.ZoneInfo("UTC")


def zone_of(values, override, problems):
    """The time zone the file's times are read in, and whether it was named: the one asked for
    (--time-zone), else the one the file names, else the one the offsets of its times stand for
    (pretalx before 2021 names none, and writes +01:00 on every time). A file with neither a name
    nor offsets (pentabarf: 09:00) cannot be placed in time and needs the zone asked for."""
    at = values.at("time_zone_name")
    if override:
        return parse_zone(override, _("the time zone asked for"), problems), True
    if values.time_zone:
        return parse_zone(values.time_zone, at, problems), True
    offsets = Counter()
    for value in values.session_dates:
        try:
            offset = datetime.datetime.fromisoformat(str(value).strip()).utcoffset()
        except ValueError:
            continue
        if offset is not None:
            offsets[offset] += 1
    hours, rest = divmod(offsets.most_common(1)[0][0], datetime.timedelta(hours=1)) if offsets else (0, 1)
    if rest:
        problems.add(
            at,
            _(
                "the file names no time zone and its times carry no offset a zone name stands for: "
                "import it with a time zone (--time-zone ZONE, or the form's time zone), a name such "
                "as Asia/Shanghai."
            ),
        )
        return zoneinfo.ZoneInfo("UTC"), False
    # IANA's fixed-offset zones count the other way: Etc/GMT-1 is UTC+01:00.
    zone = zoneinfo.ZoneInfo("UTC" if hours == 0 else f"Etc/GMT{-hours:+d}")
    problems.warn(
        at,
        _(
            "the file names no time zone; its times carry %(offset)s, so a new edition takes %(zone)s. "
            "Set its real zone (with summer time) in the back office, or import with a time zone."
        )
        % {"offset": f"UTC{hours:+03d}:00", "zone": zone},
    )
    return zone, False


_web_address = URLValidator(schemes=["http", "https"])
# A scheme is letters before a colon that no port number follows (example.net:8080 has none).
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]|$)")


def parse_url(value, where, problems, base_url=""):
    """A web address, or "" for none. What real files hold is repaired where that is harmless: a
    relative address (frab writes attachments as /system/...) is resolved against the file's
    base_url, and a bare host (example.net) is taken as https; what is still not an http(s)
    address (javascript:, a file path) is left out. Each is said in a warning; none refuses the
    file."""
    value = str(value or "").strip()
    if not value:
        return ""
    address = value
    if value.startswith("//"):
        address = f"https:{value}"
    elif not _SCHEME.match(value) and _HOST.match(value):
        address = f"https://{value}"
    elif not _SCHEME.match(value):
        if not base_url:
            problems.warn(
                where,
                _("“%(value)s” is a relative address and the file gives no base_url; it was left out.")
                % {"value": shown(value)},
            )
            return ""
        # Relative to base_url, as both schemas allow: resolved, with nothing to say.
        return _checked_address(urljoin(base_url, value), value, where, problems)
    address = _checked_address(address, value, where, problems)
    if address and address != value:
        problems.warn(
            where, _("“%(value)s” was taken as %(address)s.") % {"value": shown(value), "address": address}
        )
    return address


def _checked_address(address, value, where, problems):
    try:
        _web_address(address)
    except ValidationError:
        problems.warn(
            where,
            _("“%(value)s” is not a web address (http or https); it was left out.") % {"value": shown(value)},
        )
        return ""
    return address


def prose(text):
    """A programme text as its author wrote it. Hub exports indent every line after the first by
    the same run of spaces (20), which Markdown would show as code in monospace, links and all:
    that common indent goes (a fenced block keeps its own), so only fenced blocks are code."""
    first, _newline, rest = textwrap.dedent(text).partition("\n")
    return f"{first}\n{textwrap.dedent(rest)}" if rest else first


def day_change(days, zone, given=""):
    """The time a programme day begins, as frab readers take it from the file's days, each
    (date, start, end) as written: no day starts before it (the earliest time of day a day
    starts: one day may start at its first talk, 10:30, and the next at 09:00), and no night runs
    past it (the latest time a day ends on the morning after). When the two disagree the nights
    win, and the reader's check of each day's sessions says so. A file whose days give no range
    falls back on its <day_change>, then midnight."""
    starts, night_ends = [], []
    for date, start, end in days:
        start, end = _local(start, zone), _local(end, zone)
        if start is not None:
            starts.append(start.time().replace(second=0, microsecond=0))
        try:
            day = datetime.date.fromisoformat(str(date).strip())
        except ValueError:
            day = start.date() if start is not None else None
        if end is not None and day is not None and end.date() > day:
            night_ends.append(end.time().replace(second=0, microsecond=0))
    if night_ends and (not starts or max(night_ends) > min(starts)):
        return max(night_ends)
    if starts:
        return min(starts)
    try:
        return datetime.time.fromisoformat(str(given).strip()).replace(second=0, microsecond=0)
    except ValueError:
        return datetime.time(0)


def _local(value, zone):
    try:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    return moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
