"""Checks and re-encoding for files that people upload: photos, logos, covers, pictures and
PDFs all pass through this one copy."""

import io
import itertools
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

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
        _pixels_only(image, "RGBA").save(buffer, format="PNG", optimize=True)
        extension = "png"
    else:
        _pixels_only(image, "RGB").save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    # The uploader's file name never reaches the file system.
    return ContentFile(buffer.getvalue(), name=f"{stem}-{uuid.uuid4().hex[:16]}.{extension}")


def _pixels_only(image, mode):
    """A copy of the image in `mode` that carries nothing but its pixels. Pillow writes what
    `info` holds (a JPEG comment, an ICC profile) into the new file, and a comment can hold
    HTML or a script, so the copy starts with an empty `info`."""
    copy = image.convert(mode)
    copy.info = {}
    return copy


MAX_PDF_BYTES = 20 * 1024 * 1024
# Every object is read, so their number bounds the time a check takes (about 5 seconds for
# 250,000); a long report has tens of thousands, and object streams could pack millions
# into a small file.
MAX_PDF_OBJECTS = 500_000
# Names that make a PDF act rather than show: scripts, actions run by events (a page opening,
# a field changing), programs to launch, attached files, embedded media and XFA forms (which
# carry scripts). pypdf decodes names as it reads them, so a hex-escaped /J#53 is /JS here.
PDF_ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/EF",
        "/FileAttachment",
        "/RichMedia",
        "/XFA",
    }
)


def validate_pdf(upload, *, max_bytes=MAX_PDF_BYTES, max_objects=MAX_PDF_OBJECTS):
    """The upload under a new name if it is a plain PDF by content (not by its name), else a
    ValidationError saying what to do."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Upload a smaller PDF."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="pdf_too_large",
        )
    not_a_pdf = ValidationError(
        _("This file is not a PDF. Export the document as PDF and upload that file."), code="not_a_pdf"
    )
    try:
        upload.seek(0)
        # The version header comes first: a file with it further in (an HTML page, say) is
        # something else that a browser could be led to render.
        if upload.read(5) != b"%PDF-":
            raise not_a_pdf
        # Not strict: pypdf repairs what viewers repair too (and logs it), so the checks see
        # what a viewer would run.
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "This PDF is encrypted or protected by a password, so its content cannot be "
                    "checked. Export it again without protection and upload that file."
                ),
                code="pdf_encrypted",
            )
        if not reader.pages:
            raise not_a_pdf
        references = _pdf_references(reader)
        if len(references) > max_objects:
            raise ValidationError(
                _(
                    "This PDF is made of more than %(limit)s internal objects, far more than a "
                    "document needs, so it cannot be checked. Export it again, or save it with "
                    "“Reduce file size”, and upload that file."
                ),
                params={"limit": number_format(max_objects, force_grouping=True)},
                code="pdf_too_complex",
            )
        active = _pdf_active_name(reader, references)
    except ValidationError:
        raise
    except Exception:
        # A hostile or broken file makes pypdf raise almost anything (its own errors, but also
        # ValueError, KeyError, zlib.error, RecursionError...): a file it cannot read is no PDF.
        raise not_a_pdf from None
    finally:
        upload.seek(0)
    if active is not None:
        raise ValidationError(
            _(
                "This PDF contains scripts, actions that run by themselves or attached files, which "
                "could harm visitors' computers. Export it again as a plain PDF, without scripts or "
                "attachments, and upload that file."
            ),
            code="pdf_active_content",
        )
    upload.name = f"document-{uuid.uuid4().hex[:16]}.pdf"
    return upload


def _pdf_references(reader):
    """Every object the PDF's cross-reference lists, those packed in object streams too, as
    (number, generation): whether anything refers to them or not."""
    references = [(number, generation) for generation, numbers in reader.xref.items() for number in numbers]
    return references + [(number, 0) for number in reader.xref_objStm]


def _pdf_active_name(reader, references):
    """The first name that makes the PDF act rather than show, or None."""
    objects = (
        reader.get_object(IndirectObject(number, generation, reader)) for number, generation in references
    )
    for top in itertools.chain([reader.trailer], objects):
        # References to other objects are not followed: each is in `references` itself.
        pending = [top]
        while pending:
            item = pending.pop()
            if isinstance(item, DictionaryObject):
                for key, value in item.items():
                    if key in PDF_ACTIVE_NAMES:
                        return key
                    # An explicit destination (a page and a zoom, as LibreOffice writes) only
                    # says where the file opens; an action dictionary there would run.
                    if key == "/OpenAction" and isinstance(value.get_object(), DictionaryObject):
                        return key
                    pending.append(value)
            elif isinstance(item, ArrayObject):
                pending.extend(item)
            elif isinstance(item, NameObject) and item in PDF_ACTIVE_NAMES:
                return item
    return None


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
