import datetime
import pathlib
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from exhibitors.services import reservations_expire
from tests.factories import BoothFactory, ExhibitorFactory, ReservationFactory
from tests.utils import member_client

pytestmark = pytest.mark.django_db

EMAIL_TEMPLATES = sorted((pathlib.Path(django_settings.BASE_DIR) / "templates").rglob("email/*.txt"))


def test_every_plain_text_email_template_turns_html_escaping_off():
    assert EMAIL_TEMPLATES
    for template in EMAIL_TEMPLATES:
        text = template.read_text()
        assert re.match(r"\{% load [\w ]+ %\}\{% autoescape off %\}", text), template.name
        assert text.rstrip().endswith("{% endautoescape %}"), template.name


def test_company_names_with_markup_characters_read_as_typed(conference, django_capture_on_commit_callbacks):
    exhibitor = ExhibitorFactory(
        conference=conference, name_zh_hans="A&B <智能> 公司", name_en="A&B <Smart> Co"
    )
    booth = BoothFactory(conference=conference, code="A-101")
    exhibitor_client = member_client(exhibitor, "li@ab.example")

    with django_capture_on_commit_callbacks(execute=True):
        exhibitor_client.post(reverse("exhibitors:reserve", args=[booth.pk]))

    body = mail.outbox[0].body
    assert "A&B <智能> 公司" in body
    assert "A&B <Smart> Co" in body
    assert "&amp;" not in body
    assert "&lt;" not in body


def test_invitation_names_the_company_as_typed(conference, django_capture_on_commit_callbacks):
    exhibitor = ExhibitorFactory(conference=conference, name_en="Smith & Sons <Beijing>")
    with django_capture_on_commit_callbacks(execute=True):
        member_client(exhibitor, "li@ab.example").post(
            "/en/exhibit/company/invite/", {"email": "w@ab.example"}
        )

    assert "Join Smith & Sons <Beijing> on the exhibitor portal" in mail.outbox[0].subject
    assert "&amp;" not in mail.outbox[0].body


def test_email_links_use_site_url_whatever_host_the_request_claimed(
    conference, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://expo.example.org"
    exhibitor = ExhibitorFactory(conference=conference)
    booth = BoothFactory(conference=conference)

    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        member_client(exhibitor, "li@ab.example").post(
            reverse("exhibitors:reserve", args=[booth.pk]), HTTP_HOST="127.0.0.1:8123"
        )

    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert links == ["https://expo.example.org/exhibit/", "https://expo.example.org/en/exhibit/"]


def test_email_links_outside_a_request_use_site_url(conference, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://expo.example.org"
    ReservationFactory(
        booth__conference=conference,
        exhibitor__email="office@ab.example",
        status="held",
        held_until=timezone.now() - datetime.timedelta(minutes=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        reservations_expire()

    assert re.findall(r"https?://\S+", mail.outbox[0].body) == [
        "https://expo.example.org/exhibit/booths/",
        "https://expo.example.org/en/exhibit/booths/",
    ]
