"""PDF files made on the fly for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter


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
