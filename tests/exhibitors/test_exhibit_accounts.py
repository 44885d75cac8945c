import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "expo-Stand-2030!"


def sign_up(client, email="li@example.com", password=PASSWORD, again=None):
    return client.post(
        "/en/exhibit/sign-up/", {"email": email, "password1": password, "password2": again or password}
    )


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body)[1]


def test_sign_up_sends_a_bilingual_confirmation_and_the_link_activates_the_account(
    client, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="Li@Example.com")

    assert "Check your inbox" in response.content.decode()
    user = User.objects.get()
    assert (user.username, user.email, user.is_active) == ("li@example.com", "li@example.com", False)
    message = mail.outbox[0]
    assert message.to == ["li@example.com"]
    assert message.subject == "确认您的电子邮箱地址 / Confirm your e-mail address"
    assert "Open this link within three days" in message.body

    confirmed = client.get(link_in(message), follow=True)

    user.refresh_from_db()
    assert user.is_active is True
    assert confirmed.redirect_chain[-1][0] == reverse("exhibitors:company")


@pytest.mark.parametrize(
    ("email", "password", "again", "field"),
    [
        ("not-an-address", PASSWORD, None, "email"),
        ("li@example.com", PASSWORD, "something-else-2030", "password2"),
        ("li@example.com", "12345678", None, "password1"),
        ("li@example.com", "li@example.com", None, "password1"),
    ],
)
def test_sign_up_bad_input_is_a_form_error_and_creates_nothing(
    client, conference, email, password, again, field
):
    response = sign_up(client, email=email, password=password, again=again)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.exists()
    assert mail.outbox == []


def test_sign_up_with_a_registered_address_says_to_sign_in(client, conference):
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    response = sign_up(client)

    assert response.context["form"].errors["email"] == [
        "An account with this address exists. Sign in, or reset your password if you forgot it."
    ]


@pytest.mark.parametrize("token", ["garbage", signing.dumps(1, salt="another-purpose")])
def test_confirmation_with_a_bad_token_is_400(client, conference, token):
    response = client.get(f"/en/exhibit/confirm/{token}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_unconfirmed_account_cannot_sign_in(client, conference):
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD, is_active=False)

    response = client.post("/en/exhibit/sign-in/", {"username": "li@example.com", "password": PASSWORD})

    assert response.status_code == 200
    assert response.context["form"].errors


def test_sign_in_and_out(client, conference):
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    signed_in = client.post("/en/exhibit/sign-in/", {"username": "LI@example.com", "password": PASSWORD})
    signed_out = client.post("/en/exhibit/sign-out/")

    assert signed_in.status_code == 302
    assert signed_out.status_code == 302
    assert client.get("/en/exhibit/").status_code == 302


def test_sign_in_is_rate_limited_per_address(client, conference, settings):
    settings.EXHIBIT_RATE_LIMIT = 3
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    for _ in range(3):
        client.post("/en/exhibit/sign-in/", {"username": "li@example.com", "password": "wrong"})
    blocked = client.post("/en/exhibit/sign-in/", {"username": "li@example.com", "password": PASSWORD})

    assert blocked.status_code == 429
    assert "Too many attempts. Wait a quarter of an hour, then try again." in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_up_is_rate_limited_per_ip(client, conference, settings):
    settings.EXHIBIT_RATE_LIMIT = 2

    for number in range(2):
        sign_up(client, email=f"user{number}@example.com")
    blocked = sign_up(client, email="third@example.com")

    assert blocked.status_code == 429
    assert User.objects.count() == 2


def test_password_reset_sends_a_link_and_is_rate_limited(client, conference, settings):
    settings.EXHIBIT_RATE_LIMIT = 1
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    sent = client.post("/en/exhibit/password-reset/", {"email": "li@example.com"})
    blocked = client.post("/en/exhibit/password-reset/", {"email": "li@example.com"})

    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    assert "/en/exhibit/password-reset/" in mail.outbox[0].body
    assert blocked.status_code == 429


def test_password_reset_link_sets_a_new_password(client, conference):
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)
    client.post("/en/exhibit/password-reset/", {"email": "li@example.com"})
    link = link_in(mail.outbox[0])

    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "New-expo-pass-2031", "new_password2": "New-expo-pass-2031"},
    )

    assert client.login(username="li@example.com", password="New-expo-pass-2031")


def test_forms_need_the_csrf_token(conference):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(
        "/en/exhibit/sign-up/", {"email": "li@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 403
    assert not User.objects.exists()
