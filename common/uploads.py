"""Checks and re-encoding for files that people upload: photos, logos, covers, pictures and
PDFs all pass through this one copy."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def open_image(upload, *, max_bytes=MAX_IMAGE_BYTES, max_pixels=MAX_IMAGE_PIXELS):
    """A verified, loaded Pillow image from an upload, or a ValidationError saying what to do."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s. Upload a smaller file."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="image_too_large",
        )
    not_an_image = ValidationError(
        _("This file is not a JPEG, PNG or WebP image. Upload a photo in one of those formats."),
        code="not_an_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            image = Image.open(upload)
            if image.format not in IMAGE_FORMATS:
                raise not_an_image
            # Checked from the header, before any pixel is decoded.
            if image.width * image.height > max_pixels:
                raise ValidationError(
                    _("The image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels."),
                    params={"width": image.width, "height": image.height, "limit": max_pixels // 1_000_000},
                    code="image_too_many_pixels",
                )
            image.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise not_an_image from None
    return image


def encode_image(image, *, max_side, stem):
    """The image scaled to fit `max_side`, re-encoded without metadata, under a new name."""
    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image.convert("RGBA").save(buffer, format="PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    # The uploader's file name never reaches the file system.
    return ContentFile(buffer.getvalue(), name=f"{stem}-{uuid.uuid4().hex[:16]}.{extension}")


MAX_PDF_BYTES = 20 * 1024 * 1024


def validate_pdf(upload, *, max_bytes=MAX_PDF_BYTES):
    """The upload under a new name if it is a PDF by content (not by its name), else a
    ValidationError saying what to do."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Upload a smaller PDF."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="pdf_too_large",
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    # A PDF starts with its version header and ends with the end-of-file marker.
    if b"%PDF-" not in head[:1024] or b"%%EOF" not in tail:
        raise ValidationError(
            _("This file is not a PDF. Export the document as PDF and upload that file."), code="not_a_pdf"
        )
    upload.name = f"document-{uuid.uuid4().hex[:16]}.pdf"
    return upload


class ImageRenditionsMixin:
    """For a ModelForm: each uploaded image is checked, then stored re-encoded, with the
    renditions it feeds. `image_renditions` maps an upload field to {field: longest side},
    the upload field itself included, such as {"photo": {"photo": 800, "photo_thumbnail": 160}}."""

    image_renditions = {}

    def clean(self):
        cleaned_data = super().clean()
        self._renditions = {}
        for source, targets in self.image_renditions.items():
            upload = cleaned_data.get(source)
            if not isinstance(upload, UploadedFile):
                continue
            try:
                image = open_image(upload)
            except ValidationError as error:
                self.add_error(source, error)
                continue
            for target, side in targets.items():
                self._renditions[target] = encode_image(image, max_side=side, stem=target.replace("_", "-"))
            cleaned_data[source] = self._renditions[source]
        return cleaned_data

    def save(self, commit=True):
        instance = super().save(commit=False)
        for target, content in self._renditions.items():
            setattr(instance, target, content)
        for source, targets in self.image_renditions.items():
            if not getattr(instance, source):
                # The upload was cleared: its renditions go with it.
                for target in targets:
                    setattr(instance, target, "")
        if commit:
            instance.save()
            self.save_m2m()
        return instance
