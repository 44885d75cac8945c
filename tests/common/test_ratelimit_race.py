"""Limits fired as an attacker fires them: 40 requests released at the same instant against the
live server, each from its own thread and connection, counted in this process's cache and in
Redis. Never more than the limit may pass. The control counts in two steps, as the site once
did (read, then add), and shows the same race letting most requests through."""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from unittest import mock

import pytest
import redis
from django.core.cache import caches
from django.db import connection

from common.ratelimit import RateLimit
from exhibitors import services
from tests.factories import ExhibitorFactory
from tests.utils import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the live server's 40 threads need PostgreSQL's connections"
    ),
]

RACERS = 40
REDIS_URL = "redis://127.0.0.1:6379/14"


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["this process", "redis"])
def counts(request, settings):
    """Where the counts are kept: this process's memory (no Redis), or Redis as in production."""
    if request.param == "redis":
        if not redis_answers():
            pytest.skip("needs a Redis server on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "common.cache.ForgivingRedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"race-{threading.get_ident()}",
            }
        }
    caches["default"].clear()
    yield request.param
    caches["default"].clear()


class Browser:
    """A cookie-keeping client of the live server, for threads."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path, data):
        request = urllib.request.Request(  # noqa: S310 (the live server's http:// address)
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + path},
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def fire(posts):
    """Each callable in its own thread, all released at once; their answers."""
    barrier = threading.Barrier(len(posts))
    answers = []

    def run(post):
        barrier.wait(timeout=30)
        answers.append(post())

    threads = [threading.Thread(target=run, args=(post,)) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def two_step_attempt(racers):
    """RateLimit.attempt as it was: read the counts, let every racer read, then add."""
    read = threading.Barrier(racers)

    def attempt(self, *keys, now=None):
        waiting = self.retry_after(*keys, now=now)
        read.wait(timeout=30)
        if not waiting:
            self.hit(*keys, now=now)
        return waiting

    return mock.patch.object(RateLimit, "attempt", attempt)


def wrong_admin_passwords(live_server, django_user_model):
    django_user_model.objects.create_user("organiser", password="the-right-one-2031", is_staff=True)
    browser = Browser(live_server.url)
    token = csrf_token(browser.get("/admin/login/"))
    form = {"csrfmiddlewaretoken": token, "username": "organiser", "password": "guess"}
    return [lambda: browser.post("/admin/login/?next=/admin/", form) for _ in range(RACERS)]


def test_forty_wrong_admin_passwords_at_once_check_no_more_than_the_limit(
    counts, live_server, django_user_model, settings
):
    settings.ADMIN_SIGN_IN_LIMIT = 5

    answers = fire(wrong_admin_passwords(live_server, django_user_model))

    # 200: the password was checked (and was wrong); 429: refused before any check. Each key
    # (the name at this address, the address) counts on its own, so a race may refuse one
    # more than needed, never let one more through.
    assert set(answers) == {200, 429}
    assert 1 <= answers.count(200) <= 5


def invitations(live_server, conference, django_user_model):
    owner = django_user_model.objects.create_user("owner@example.com", "owner@example.com", PASSWORD)
    exhibitor = ExhibitorFactory(conference=conference, review_status="approved")
    exhibitor.users.add(owner)
    browser = Browser(live_server.url)
    token = csrf_token(browser.get("/en/exhibit/sign-in/"))
    browser.post(
        "/en/exhibit/sign-in/", {"csrfmiddlewaretoken": token, "username": owner.email, "password": PASSWORD}
    )
    token = csrf_token(browser.get("/en/exhibit/"))
    return [
        lambda number=number: browser.post(
            "/en/exhibit/company/invite/",
            {"csrfmiddlewaretoken": token, "email": f"colleague{number}@example.com"},
        )
        for number in range(RACERS)
    ]


@pytest.fixture
def invited():
    """The addresses invitations were sent to."""
    sent = []
    invite = services.team_invite

    def counted(**kwargs):
        sent.append(kwargs["email"])
        return invite(**kwargs)

    with mock.patch.object(services, "team_invite", counted):
        yield sent


def test_forty_invitations_at_once_send_no_more_than_the_limit(
    counts, live_server, conference, django_user_model, settings, invited
):
    settings.EXHIBIT_INVITE_LIMIT = 10
    posts = invitations(live_server, conference, django_user_model)

    answers = fire(posts)

    assert answers == [302] * RACERS
    assert 1 <= len(invited) <= 10


def test_control_counted_in_two_steps_the_race_beats_the_limit(
    counts, live_server, conference, django_user_model, settings, invited
):
    settings.EXHIBIT_INVITE_LIMIT = 10
    posts = invitations(live_server, conference, django_user_model)

    with two_step_attempt(RACERS):
        fire(posts)

    assert len(invited) == RACERS
