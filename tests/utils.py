"""Helpers that more than one test module uses: signed-in clients, the forms a company, a
listing and a session are posted with, races and their controls, image and PDF files made on the fly for
upload tests, the frab example files, and the browser tab the browser tests drive (the frab
files the import tests write are in tests/events/frab_files.py). Test modules import from here,
never from one another."""

import contextlib
import io
import re
import socket
import threading
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from PIL import Image, ImageCms, PngImagePlugin
from pypdf import PdfWriter

from events.models import SessionKind

# An exhibitor's password that passes every validator.
PASSWORD = "expo-Stand-2030!"

# Real schedules and the frab schemas (see the folder's README).
FRAB_EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "frab"


@contextlib.contextmanager
def closed_port():
    """A local port that refuses connections for as long as the block runs: bound but never
    listening, so no other process can take it meanwhile (a port bound and let go could be)."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        yield holder.getsockname()[1]


# Accounts and forms


def member_client(exhibitor, email):
    """A client of its own, signed in as a new member of the exhibitor."""
    user = get_user_model().objects.create_user(email, email, "pw-for-tests")
    exhibitor.users.add(user)
    client = Client()
    client.force_login(user)
    return client


def company_form(**extra):
    data = {
        "name_zh_hans": "艾克米传感",
        "name_en": "Acme Sensing",
        "description_zh_hans": "",
        "description_en": "",
        "website": "acme.example",
        "country_zh_hans": "中国",
        "country_en": "China",
        "region_zh_hans": "上海",
        "region_en": "Shanghai",
        "contact_person": "李经理",
        "email": "office@acme.example",
        "phone": "+86 21 0000 0000",
    }
    data.update(extra)
    return data


def equipment_form(category, **extra):
    data = {
        "name_zh_hans": "空气传感器",
        "name_en": "Air sensor",
        "category": category.pk,
        "summary_zh_hans": "",
        "summary_en": "",
        "description_zh_hans": "",
        "description_en": "",
        "order": "0",
    }
    data.update(extra)
    return data


# Races

RACE_TIMEOUT = 30
# SQLite has no row locks and serialises writers, so a race there proves nothing.
needs_row_locks = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")


def race(targets, *, refusals=(ValidationError,)):
    """Run each callable in its own thread, with its own database connection, all released at
    once; returns their outcomes: what each returned, or the name of the refusal it raised."""
    barrier = threading.Barrier(len(targets))
    outcomes = []

    def run(target):
        try:
            barrier.wait(timeout=RACE_TIMEOUT)
            outcomes.append(target())
        except refusals as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * RACE_TIMEOUT)
    return outcomes


@contextlib.contextmanager
def without_the_lock(model, racers):
    """The control of a race test, which shows that the test can fail: select_for_update() reads
    without locking, and each of the `racers` waits before it saves a `model` row until all have
    made their checks, so what the lock prevents happens every time, not by chance."""
    checked = threading.Barrier(racers)
    save = model.save

    def save_once_all_have_checked(self, *args, **kwargs):
        checked.wait(timeout=RACE_TIMEOUT)
        return save(self, *args, **kwargs)

    with (
        mock.patch.object(QuerySet, "select_for_update", lambda queryset, *args, **kwargs: queryset),
        mock.patch.object(model, "save", save_once_all_have_checked),
    ):
        yield


@contextlib.contextmanager
def without_constraint(model, name):
    """The database without one of `model`'s constraints, for a control; the rows are deleted and
    the constraint is put back afterwards (transactional tests only: it changes the schema)."""
    [constraint] = [constraint for constraint in model._meta.constraints if constraint.name == name]
    with connection.schema_editor() as editor:
        editor.remove_constraint(model, constraint)
    try:
        yield
    finally:
        model.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(model, constraint)


# Images


def image_bytes(format="JPEG", size=(640, 480), mode="RGB", exif_comment=None):
    image = Image.new(mode, size, color="teal" if mode == "RGB" else None)
    buffer = io.BytesIO()
    options = {}
    if exif_comment:
        exif = Image.Exif()
        exif[0x010E] = exif_comment  # ImageDescription
        exif[0x0112] = 1  # Orientation
        options["exif"] = exif.tobytes()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def upload(name="photo.jpg", content=None, content_type="image/jpeg", **kwargs):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(**kwargs), content_type)


HOSTILE_TEXT = "<script>alert(1)</script>"


def image_bytes_with_metadata(format="JPEG", mode="RGB"):
    """An image carrying what its format can hide beside the pixels: a comment or text chunks,
    EXIF, an ICC profile and XMP, each holding a script."""
    image = Image.new(mode, (64, 48), color=(0, 128, 128, 128) if mode == "RGBA" else "teal")
    exif = Image.Exif()
    exif[0x010E] = HOSTILE_TEXT  # ImageDescription
    options = {
        "exif": exif.tobytes(),
        "icc_profile": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        "xmp": f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{HOSTILE_TEXT}</x:xmpmeta>'.encode(),
    }
    if format == "JPEG":
        options["comment"] = HOSTILE_TEXT
    if format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", HOSTILE_TEXT)  # tEXt
        text.add_text("Description", HOSTILE_TEXT, zip=True)  # zTXt
        text.add_itxt("Title", HOSTILE_TEXT, lang="en")  # iTXt
        text.add(b"tIME", bytes([0x07, 0xE2, 6, 20, 9, 0, 0]))  # 20 June 2018, 09:00:00
        options["pnginfo"] = text
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


JPEG_MARKERS = {0xD8: "SOI", 0xD9: "EOI", 0xDA: "SOS", 0xDB: "DQT", 0xC4: "DHT", 0xDD: "DRI", 0xFE: "COM"}


def jpeg_segments(data):
    """The names of a JPEG's segments in file order: SOI, APP0, DQT, SOF2, DHT, SOS, ..., EOI."""
    assert data[:2] == b"\xff\xd8"
    segments, position = ["SOI"], 2
    while position < len(data):
        assert data[position] == 0xFF
        while data[position + 1] == 0xFF:  # fill bytes before a marker
            position += 1
        marker = data[position + 1]
        if 0xE0 <= marker <= 0xEF:
            segments.append(f"APP{marker - 0xE0}")
        elif 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            segments.append(f"SOF{marker - 0xC0}")
        else:
            segments.append(JPEG_MARKERS.get(marker, f"0x{marker:02X}"))
        if marker == 0xD9:
            break
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if marker == 0xDA:
            # The compressed scan runs to the next marker that is neither a stuffed 0xFF00
            # nor a restart marker.
            while not (data[position] == 0xFF and data[position + 1] not in {0x00, *range(0xD0, 0xD8)}):
                position += 1
    return segments


def png_chunks(data):
    """The types of a PNG's chunks in file order: IHDR, ..., IDAT, ..., IEND."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunks.append(data[position + 4 : position + 8].decode("ascii"))
        position += 12 + length
    return chunks


# PDFs


def pdf_bytes(build=None):
    """A one-page A4 PDF as pypdf writes it; `build(writer)` adds to it first."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if build is not None:
        build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_by_hand(*bodies, packed=()):
    """A PDF written object by object: `bodies` are objects 1, 2, ... (object 1 is the
    catalogue). Objects whose numbers are in `packed` go into an object stream, and the
    cross-reference table then becomes a cross-reference stream, as PDF 1.5 allows."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    # Cross-reference entries by object number: (1, offset, 0) or (2, object stream, index).
    entries = {0: (0, 0, 65535)}
    for number, body in enumerate(bodies, start=1):
        if number not in packed:
            entries[number] = (1, out.tell(), 0)
            out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    if not packed:
        xref_at = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(entries))
        for number in range(1, len(entries)):
            out.write(b"%010d 00000 n \n" % entries[number][1])
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(entries), xref_at))
        return out.getvalue()

    stream_number, xref_number = len(bodies) + 1, len(bodies) + 2
    offsets, data = [], b""
    for index, number in enumerate(sorted(packed)):
        entries[number] = (2, stream_number, index)
        offsets.append(b"%d %d" % (number, len(data)))
        data += bodies[number - 1] + b"\n"
    header = b" ".join(offsets) + b"\n"
    entries[stream_number] = (1, out.tell(), 0)
    out.write(
        b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n%s%s\nendstream\nendobj\n"
        % (stream_number, len(packed), len(header), len(header) + len(data), header, data)
    )
    entries[xref_number] = (1, out.tell(), 0)
    rows = b"".join(
        kind.to_bytes(1, "big") + field.to_bytes(4, "big") + extra.to_bytes(2, "big")
        for kind, field, extra in (entries[number] for number in range(len(entries)))
    )
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\n" % (xref_number, len(entries), len(rows), rows)
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % entries[xref_number][1])
    return out.getvalue()


# A catalogue, its page tree and one page: objects 1 to 3 of a hand-written PDF.
CATALOGUE_WITH_NAMES = b"<< /Type /Catalog /Pages 2 0 R /Names << %s >> >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def pdf_upload(content=None, name="document.pdf"):
    return SimpleUploadedFile(name, content if content is not None else pdf_bytes(), "application/pdf")


def close_file(response):
    """Read a file answer (a spec sheet) to its end, which closes it as a WSGI server would, and
    close the file of one whose body the client dropped (HEAD). Not response.close(): that
    would signal the end of a request and close the test's database connection."""
    if response.streaming:
        b"".join(response.streaming_content)
    file = getattr(response, "file_to_stream", None)
    if file is not None and not file.closed:
        file.close()


# Browser tests

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ELSEWHERE = re.compile(r"^(?!https?://(?:127\.0\.0\.1|localhost)(?::\d+)?/)")

# A phone's browser, for the pages visitors and exhibitors' teams use standing up.
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


class Visit:
    """A browser tab that records console errors and every request that left the machine."""

    def __init__(self, context, base_url):
        self.base_url = base_url
        self.console_errors = []
        self.remote_requests = []
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        # Only requests to other hosts come to Python (the pattern is matched in the browser's
        # driver): routing every local request through the test would slow each page down.
        context.route(ELSEWHERE, self._route)

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _route(self, route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.remote_requests.append(route.request.url)
            route.abort()

    def goto(self, path):
        return self.page.goto(self.base_url + path)


def session_form(edition, room, start, end, **extra):
    """The back office's session form, filled in: a session of `edition` in `room`."""
    data = {
        "conference": edition.pk,
        "title_zh_hans": "新议程",
        "title_en": "New session",
        "slug": "new-session",
        "kind": SessionKind.objects.get_or_create(
            conference=edition, slug="forum", defaults={"name_zh_hans": "论坛"}
        )[0].pk,
        "track": "",
        "status": "published",
        "start_0": start.split()[0],
        "start_1": start.split()[1],
        "end_0": end.split()[0],
        "end_1": end.split()[1],
        "room": room.pk,
        "languages": "zh",
        "abstract_zh_hans": "",
        "abstract_en": "",
        "description_zh_hans": "",
        "description_en": "",
        "session_speakers-TOTAL_FORMS": "0",
        "session_speakers-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data
