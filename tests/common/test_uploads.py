import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from common.uploads import MAX_IMAGE_BYTES, encode_image, open_image
from tests.images import image_bytes, upload


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_open_image_accepts_jpeg_png_and_webp(format):
    image = open_image(upload(content=image_bytes(format=format)))

    assert (image.format, image.size) == (format, (640, 480))


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"GIF89a not really", "not_an_image"),
        (b"<?php system($_GET['c']); ?>", "not_an_image"),
        (b"", "not_an_image"),
        (image_bytes(format="GIF", mode="P"), "not_an_image"),
        (image_bytes(format="BMP"), "not_an_image"),
        (image_bytes()[:400], "not_an_image"),
    ],
    ids=["fake-gif", "php", "empty", "real-gif", "bmp", "truncated-jpeg"],
)
def test_open_image_refuses_what_is_not_an_accepted_image(content, code):
    with pytest.raises(ValidationError) as error:
        open_image(upload(name="innocent.jpg", content=content))

    assert error.value.code == code


def test_open_image_refuses_a_file_over_the_size_limit_before_reading_it():
    with pytest.raises(ValidationError) as error:
        open_image(upload(content=b"\xff" * (MAX_IMAGE_BYTES + 1024 * 1024)))

    assert error.value.code == "image_too_large"
    assert error.value.messages == ["图片大小为 6.0\xa0MB，上限为 5.0\xa0MB。请上传更小的文件。"]


def test_open_image_refuses_too_many_pixels():
    big = image_bytes(format="PNG", size=(8000, 6000), mode="L")

    with pytest.raises(ValidationError) as error:
        open_image(upload(content=big))

    assert error.value.code == "image_too_many_pixels"


def test_encode_image_scales_down_strips_metadata_and_renames():
    image = open_image(upload(content=image_bytes(size=(2000, 1000), exif_comment="secret GPS place")))

    encoded = encode_image(image, max_side=800, stem="speaker")

    result = Image.open(io.BytesIO(encoded.read()))
    assert (result.format, result.size) == ("JPEG", (800, 400))
    assert dict(result.getexif()) == {}
    assert b"secret GPS place" not in encoded.read()
    assert encoded.name.startswith("speaker-")
    assert encoded.name.endswith(".jpg")


def test_encode_image_keeps_transparency_as_png():
    image = open_image(upload(content=image_bytes(format="PNG", mode="RGBA")))

    encoded = encode_image(image, max_side=160, stem="logo")

    assert encoded.name.endswith(".png")
    assert Image.open(io.BytesIO(encoded.read())).mode == "RGBA"


def test_encode_image_never_scales_up():
    image = open_image(upload(content=image_bytes(size=(100, 50))))

    encoded = encode_image(image, max_side=800, stem="small")

    assert Image.open(io.BytesIO(encoded.read())).size == (100, 50)
