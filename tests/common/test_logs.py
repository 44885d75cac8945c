import json
import logging
import sys

import pytest
from django.urls import reverse
from django.utils import timezone

from common.logs import JsonFormatter, RequestIdFilter, request_id_var
from tests.factories import RegistrationFactory
from visitors.tokens import badge_token

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [record for record in caplog.records if record.name == "requests"]


def test_a_request_without_an_id_gets_one_in_the_answer_and_the_log(client, caplog):
    with caplog.at_level(logging.INFO, logger="requests"):
        response = client.get("/healthz")

    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = request_lines(caplog)
    assert line.request_id == request_id
    assert (line.method, line.path, line.status) == ("GET", "/healthz", 200)
    assert line.duration_ms >= 0


def test_the_proxys_request_id_is_kept(client, caplog):
    with caplog.at_level(logging.INFO, logger="requests"):
        response = client.get("/healthz", headers={"X-Request-ID": "3f2a9c1e-nginx-7d"})

    assert response["X-Request-ID"] == "3f2a9c1e-nginx-7d"
    assert request_lines(caplog)[0].request_id == "3f2a9c1e-nginx-7d"


@pytest.mark.parametrize("offered", ["short", "has spaces in it", "x" * 65, "line\nbreak-injected"])
def test_a_malformed_request_id_is_replaced(client, offered):
    response = client.get("/healthz", headers={"X-Request-ID": offered})

    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32


def test_a_badge_link_is_logged_as_its_pattern_not_its_secret(client, conference, caplog):
    registration = RegistrationFactory(conference=conference, confirmed_at=timezone.now())
    token = badge_token(registration)

    with caplog.at_level(logging.INFO, logger="requests"):
        client.get(reverse("visitors:badge", args=[token]))

    [line] = request_lines(caplog)
    assert line.path == "/register/badge/<str:token>/"
    assert token not in caplog.text


def test_an_unknown_page_is_logged_with_its_path_and_404(client, caplog):
    with caplog.at_level(logging.INFO, logger="requests"):
        client.get("/no-such-page/")

    assert [(line.path, line.status) for line in request_lines(caplog)] == [("/no-such-page/", 404)]


def test_json_lines_carry_the_request_id_the_extra_fields_and_the_exception():
    record = logging.makeLogRecord(
        {"name": "requests", "levelname": "ERROR", "msg": "%s failed", "args": ("send",), "status": 500}
    )
    try:
        raise ValueError("SMTP said no")
    except ValueError:
        record.exc_info = sys.exc_info()
    token = request_id_var.set("abc123def456")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "send failed"
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "requests"
    assert entry["request_id"] == "abc123def456"
    assert entry["status"] == 500
    assert "ValueError: SMTP said no" in entry["exception"]
    assert entry["time"].endswith("Z")


def test_json_lines_keep_chinese_readable():
    record = logging.makeLogRecord({"msg": "观众王芳已签到"})
    RequestIdFilter().filter(record)

    assert "观众王芳已签到" in JsonFormatter().format(record)
