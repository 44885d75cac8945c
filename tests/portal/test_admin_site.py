import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "organiser-pass-2031"


@pytest.fixture
def organiser(django_user_model):
    return django_user_model.objects.create_user("organiser", password=PASSWORD, is_staff=True)


def admin_sign_in(client, password, ip="203.0.113.7", username="organiser"):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_admin_sign_in_works_with_the_right_password(client, organiser):
    response = admin_sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_admin_sign_in_refuses_after_the_limit_even_the_right_password(client, organiser, settings):
    settings.ADMIN_SIGN_IN_LIMIT = 5

    wrong = [admin_sign_in(client, "guess").status_code for _ in range(5)]
    blocked = admin_sign_in(client, PASSWORD)

    assert wrong == [200] * 5
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= settings.EXHIBIT_RATE_WINDOW_SECONDS
    assert re.search(r"尝试次数过多，请 \d+ 分钟后再试。", blocked.content.decode())
    assert "_auth_user_id" not in client.session


def test_a_guesser_who_knows_the_user_name_cannot_keep_the_organiser_out(client, organiser, settings):
    settings.ADMIN_SIGN_IN_LIMIT = 3
    # Thirty wrong passwords from thirty addresses: the name is under attack.
    for number in range(30):
        admin_sign_in(Client(), "guess", ip=f"203.0.113.{number}")

    owner = admin_sign_in(Client(), PASSWORD, ip="198.51.100.1")
    guesser_first = admin_sign_in(Client(), "guess", ip="192.0.2.1")
    guesser_again = admin_sign_in(Client(), "guess", ip="192.0.2.1")

    assert owner.status_code == 302
    # Slowed, not locked: one attempt a minute from each address for that name.
    assert guesser_first.status_code == 200
    assert guesser_again.status_code == 429
    assert 0 < int(guesser_again["Retry-After"]) <= 60


def test_admin_sign_in_counts_per_address_across_user_names(organiser, settings):
    settings.ADMIN_SIGN_IN_LIMIT = 2

    # An address may fail four times the limit, across names (colleagues share one).
    tried = [admin_sign_in(Client(), "guess", username=f"name{number}").status_code for number in range(9)]

    assert tried == [200] * 8 + [429]


def test_a_right_password_takes_its_attempt_back(organiser, settings):
    settings.ADMIN_SIGN_IN_LIMIT = 2

    for _ in range(3):
        assert admin_sign_in(Client(), PASSWORD).status_code == 302
    admin_sign_in(Client(), "guess")

    assert admin_sign_in(Client(), PASSWORD).status_code == 302


def test_admin_sign_in_is_not_locked_for_a_browser_that_signed_in_before(client, organiser, settings):
    settings.ADMIN_SIGN_IN_LIMIT = 3
    admin_sign_in(client, PASSWORD, ip="198.51.100.1")
    client.post("/admin/logout/")

    for _ in range(4):
        admin_sign_in(Client(), "guess", ip="203.0.113.5")

    assert admin_sign_in(client, PASSWORD, ip="198.51.100.1").status_code == 302


def test_admin_sign_in_page_still_opens_when_throttled(client, organiser, settings):
    settings.ADMIN_SIGN_IN_LIMIT = 1
    admin_sign_in(client, "guess")

    page = client.get("/admin/login/")

    assert page.status_code == 200
