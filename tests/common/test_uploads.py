import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf.actions import JavaScript
from pypdf.annotations import Link
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from common.uploads import MAX_IMAGE_BYTES, encode_image, open_image, validate_pdf
from tests.utils import (
    HOSTILE_TEXT,
    PAGES,
    image_bytes,
    image_bytes_with_metadata,
    jpeg_segments,
    pdf_by_hand,
    pdf_bytes,
    pdf_upload,
    png_chunks,
    upload,
)


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


@pytest.mark.parametrize(
    ("format", "mode"),
    [("JPEG", "RGB"), ("PNG", "RGB"), ("WEBP", "RGB")],
    ids=["jpeg", "png", "webp"],
)
def test_encode_image_writes_a_jpeg_with_only_the_segments_needed_to_decode_it(format, mode):
    image = open_image(upload(content=image_bytes_with_metadata(format=format, mode=mode)))

    encoded = encode_image(image, max_side=800, stem="speaker").read()

    assert set(jpeg_segments(encoded)) == {"SOI", "APP0", "DQT", "SOF2", "DHT", "SOS", "EOI"}
    assert HOSTILE_TEXT.encode() not in encoded


@pytest.mark.parametrize("format", ["PNG", "WEBP"])
def test_encode_image_writes_a_png_with_only_the_chunks_needed_to_decode_it(format):
    image = open_image(upload(content=image_bytes_with_metadata(format=format, mode="RGBA")))

    encoded = encode_image(image, max_side=160, stem="logo").read()

    assert set(png_chunks(encoded)) == {"IHDR", "IDAT", "IEND"}
    assert HOSTILE_TEXT.encode() not in encoded


def with_javascript(writer):
    writer.add_open_action(JavaScript("app.alert(1)"))


def with_attachment(writer):
    writer.add_attachment("tool.exe", b"MZ\x90\x00")


def with_open_action(writer):
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("https://example.com/")}
    )


def with_launch(writer):
    link = {"/Type": "/Annot", "/Subtype": "/Link", "/Rect": [0, 0, 100, 100]}
    writer.add_annotation(0, {**link, "/A": {"/S": "/Launch", "/F": "calc.exe"}})


def with_page_action(writer):
    # Opening the page would visit a web address by itself.
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("https://example.com/")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})


def with_rich_media(writer):
    writer.add_annotation(0, {"/Type": "/Annot", "/Subtype": "/RichMedia", "/Rect": [0, 0, 100, 100]})


def with_opening_page(writer):
    writer.open_destination = writer.pages[0]


def with_web_link(writer):
    writer.add_annotation(0, Link(rect=(0, 0, 100, 100), url="https://www.example.com/"))


def with_password(password):
    def build(writer):
        writer.encrypt(user_password=password, owner_password="owner-secret", algorithm="RC4-128")

    return build


# A link whose action is JavaScript, every name hex-escaped (/J#53 is /JS): object 4 of a
# hand-written PDF whose page (object 3) carries it.
PAGE_WITH_LINK = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>"
ESCAPED_SCRIPT_LINK = (
    b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /J#61vaScript /J#53 (app.alert(1)) >> >>"
)
PLAIN_LINK = (
    b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (https://example.com/) >> >>"
)
CATALOGUE = b"<< /Type /Catalog /Pages 2 0 R >>"


@pytest.mark.parametrize(
    "content",
    [
        pdf_bytes(),
        pdf_bytes(with_opening_page),
        pdf_bytes(with_web_link),
        pdf_by_hand(CATALOGUE, PAGES, PAGE_WITH_LINK, PLAIN_LINK),
        pdf_by_hand(CATALOGUE, PAGES, PAGE_WITH_LINK, PLAIN_LINK, packed=(1, 4)),
    ],
    ids=["blank", "opens-on-a-page", "web-link", "by-hand", "object-stream"],
)
def test_validate_pdf_accepts_a_plain_pdf_under_a_new_name(content):
    pdf = validate_pdf(pdf_upload(content, name="../../evil name.pdf"))

    assert pdf.name.startswith("document-")
    assert pdf.name.endswith(".pdf")
    assert pdf.read() == content


@pytest.mark.parametrize(
    "content",
    [
        pdf_bytes(with_javascript),
        pdf_bytes(with_attachment),
        pdf_bytes(with_open_action),
        pdf_bytes(with_launch),
        pdf_bytes(with_page_action),
        pdf_bytes(with_rich_media),
        pdf_by_hand(CATALOGUE, PAGES, PAGE_WITH_LINK, ESCAPED_SCRIPT_LINK),
        pdf_by_hand(CATALOGUE, PAGES, PAGE_WITH_LINK, ESCAPED_SCRIPT_LINK, packed=(4,)),
    ],
    ids=[
        "javascript",
        "attachment",
        "open-action",
        "launch",
        "page-action",
        "rich-media",
        "hex-escaped-names",
        "hex-escaped-names-in-object-stream",
    ],
)
def test_validate_pdf_refuses_scripts_actions_and_attachments(content):
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content))

    assert error.value.code == "pdf_active_content"
    assert error.value.messages == [
        "该 PDF 含有脚本、自动执行的操作或附件，可能危害访客的电脑。"
        "请重新导出为不含脚本和附件的普通 PDF 后再上传。"
    ]


@pytest.mark.parametrize("password", ["", "secret"], ids=["no-password-to-open", "password-to-open"])
def test_validate_pdf_refuses_an_encrypted_pdf(password):
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(pdf_bytes(with_password(password))))

    assert error.value.code == "pdf_encrypted"
    assert error.value.messages == ["该 PDF 已加密或设有密码，无法检查其内容。请取消保护后重新导出并上传。"]


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><script>alert(1)</script>" + pdf_bytes(),
        b"<html>%PDF-1.7 <script>alert(1)</script></html>\n%%EOF\n",
        pdf_bytes()[:300],
        pdf_bytes()[:300] + b"\n%%EOF\n",
        b"%PDF-1.7\n1 0 obj\nendobj\n%%EOF\n",
        b"%PDF-1.7\n" + b"\x00" * 2000,
        b"",
    ],
    ids=[
        "html-before-a-pdf",
        "html-with-header",
        "truncated",
        "truncated-with-eof",
        "no-catalogue",
        "zeros",
        "empty",
    ],
)
def test_validate_pdf_refuses_what_is_not_a_pdf(content):
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content))

    assert error.value.code == "not_a_pdf"
    assert error.value.messages == ["该文件不是 PDF。请将文档导出为 PDF 后再上传。"]


def test_validate_pdf_refuses_a_file_over_the_size_limit_before_reading_it():
    upload = pdf_upload(b"%PDF-1.7\n" + b"0" * 2048)

    with pytest.raises(ValidationError) as error:
        validate_pdf(upload, max_bytes=1024)

    assert error.value.code == "pdf_too_large"
    assert upload.tell() == 0


def test_validate_pdf_refuses_more_objects_than_its_limit_before_reading_them():
    content = pdf_by_hand(CATALOGUE, PAGES, PAGE_WITH_LINK, PLAIN_LINK, *[b"[1]"] * 8)

    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content), max_objects=10)

    assert error.value.code == "pdf_too_complex"
    assert error.value.messages == [
        "该 PDF 由超过 10 个内部对象组成，远超文档所需，无法检查。"
        "请重新导出，或使用“减小文件大小”功能保存后再上传。"
    ]
