"""Image files made on the fly for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


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
