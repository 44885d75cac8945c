"""What every answer says about itself: no answer that holds a CSRF token (or sets its cookie)
is compressed (BREACH) or kept by a shared cache, while answers without one still are; and
which browser features a page may use (Permissions-Policy)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ExhibitorFactory
from tests.utils import member_client

pytestmark = pytest.mark.django_db

FORM_PAGES = [
    "/register/",
    "/en/register/",
    "/exhibit/sign-in/",
    "/en/exhibit/sign-up/",
    "/en/exhibit/password-reset/",
    "/admin/login/",
]


def gzip_client():
    return Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")


@pytest.mark.parametrize("path", FORM_PAGES)
def test_a_form_page_goes_out_plain_and_private(conference, path):
    response = gzip_client().get(path)

    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_signed_in_exhibitors_dashboard_goes_out_plain_and_private(conference):
    client = member_client(ExhibitorFactory(conference=conference), "li@example.com")
    client.defaults["HTTP_ACCEPT_ENCODING"] = "gzip"

    response = client.get("/en/exhibit/")

    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response
    assert "private" in response["Cache-Control"]


def test_a_page_without_a_token_is_still_compressed(conference):
    response = gzip_client().get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_every_page_refuses_the_camera_and_other_powerful_features(conference):
    response = Client().get("/en/")

    policy = response["Permissions-Policy"]
    assert "camera=()" in policy
    assert "microphone=()" in policy
    assert "geolocation=()" in policy


def test_the_badge_scanner_alone_may_use_the_camera_of_this_site(conference):
    client = member_client(ExhibitorFactory(conference=conference), "li@example.com")

    scanner = client.get(reverse("visitors:lead_scan"))
    leads = client.get(reverse("visitors:lead_list"))

    assert scanner.status_code == 200
    assert "camera=(self)" in scanner["Permissions-Policy"]
    assert "camera=()" in leads["Permissions-Policy"]
