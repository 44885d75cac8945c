"""Image files made on the fly for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin


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
