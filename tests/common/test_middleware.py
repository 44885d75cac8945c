import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from exhibitors.models import Exhibitor
from tests.utils import company_form, image_bytes, upload

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024


def company_body(**extra):
    """The exhibitor company form as the browser would post it."""
    return encode_multipart(BOUNDARY, company_form(**extra))


def post(client, path, body, **extra):
    return client.generic("POST", path, body, content_type=MULTIPART_CONTENT, **extra)


def test_request_size_limit_refuses_a_50_mb_body_from_its_header_alone(newcomer):
    # The test client's body is a few hundred bytes: reading it as 50 MB would raise, so the
    # answer shows that nothing read the body.
    response = post(newcomer, "/en/exhibit/company/", company_body(), CONTENT_LENGTH=str(FIFTY_MB))

    assert response.status_code == 413
    assert response.templates[0].name == "413.html"
    assert (
        "<p>The files sent with this form add up to more than 25.0\xa0MB, the most the site takes at once. "
        "Go back and choose smaller files, or send fewer at a time.</p>"
    ) in response.content.decode()
    assert not Exhibitor.objects.exists()


def test_request_size_limit_answers_in_the_visitors_language(newcomer):
    response = post(newcomer, "/exhibit/company/", company_body(), CONTENT_LENGTH=str(FIFTY_MB))

    assert response.status_code == 413
    assert "<h1>上传内容过大</h1>" in response.content.decode()


def test_request_size_limit_follows_the_setting(newcomer, settings):
    settings.MAX_REQUEST_BYTES = 4096
    small = company_body()
    large = company_body(logo=upload(content=b"\xff" * 8192))

    refused = post(newcomer, "/en/exhibit/company/", large)
    accepted = post(newcomer, "/en/exhibit/company/", small)

    assert (len(small) < 4096 < len(large), refused.status_code, accepted.status_code) == (True, 413, 302)
    assert Exhibitor.objects.get().name_en == "Acme Sensing"


def test_request_size_limit_lets_a_normal_upload_through(newcomer):
    logo = upload(content=image_bytes(format="JPEG", size=(3000, 2000)))

    response = post(newcomer, "/en/exhibit/company/", company_body(logo=logo))

    assert response.status_code == 302
    assert Exhibitor.objects.get().logo.name.startswith("exhibitors/logo-")
