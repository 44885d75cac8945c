import datetime
import re
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils.http import urlsafe_base64_encode

from tests.utils import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()


def sign_up(client, email="li@example.com", password=PASSWORD, again=None):
    return client.post(
        "/en/exhibit/sign-up/", {"email": email, "password1": password, "password2": again or password}
    )


def link_in(message):
    return re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body)[1]


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

    page = client.get(link_in(message))
    confirmed = client.post(link_in(message), follow=True)

    assert "Confirm and sign in" in page.content.decode()
    user.refresh_from_db()
    assert user.is_active is True
    assert confirmed.redirect_chain[-1][0] == reverse("exhibitors:company")
    assert confirmed.context["user"] == user


def confirmation_link(client, django_capture_on_commit_callbacks, email="li@example.com"):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, email=email)
    return link_in(mail.outbox[-1])


def test_opening_the_confirmation_link_changes_nothing_until_the_button_is_pressed(
    client, conference, django_capture_on_commit_callbacks
):
    link = confirmation_link(client, django_capture_on_commit_callbacks)

    # Mail scanners open links: that must neither use the link up nor sign anyone in.
    client.get(link)
    client.get(link)

    assert User.objects.get().is_active is False
    assert "_auth_user_id" not in client.session


def test_confirmation_link_works_once(client, conference, django_capture_on_commit_callbacks):
    link = confirmation_link(client, django_capture_on_commit_callbacks)
    client.post(link)
    client.post("/en/exhibit/sign-out/")

    again = client.post(link)

    assert again.status_code == 400
    assert "A confirmation link works once" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_confirmation_link_never_signs_in_an_account_confirmed_another_way(
    client, conference, django_capture_on_commit_callbacks
):
    link = confirmation_link(client, django_capture_on_commit_callbacks)
    User.objects.update(is_active=True)

    response = client.post(link)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_confirmation_link_dies_on_a_password_change(client, conference, django_capture_on_commit_callbacks):
    link = confirmation_link(client, django_capture_on_commit_callbacks)
    user = User.objects.get()
    user.set_password("Another-expo-pass-2031")
    user.save()

    response = client.post(link)

    assert response.status_code == 400
    assert User.objects.get().is_active is False


def test_confirmation_link_expires_after_three_days(client, conference, django_capture_on_commit_callbacks):
    link = confirmation_link(client, django_capture_on_commit_callbacks)
    later = datetime.datetime.now() + datetime.timedelta(days=3, minutes=1)

    with mock.patch("exhibitors.tokens.AddressConfirmationTokenGenerator._now", return_value=later):
        response = client.post(link)

    assert response.status_code == 400
    assert User.objects.get().is_active is False


def test_confirmation_link_of_one_account_does_not_open_another(
    client, conference, django_capture_on_commit_callbacks
):
    link = confirmation_link(client, django_capture_on_commit_callbacks)
    other = User.objects.create_user("wang@example.com", "wang@example.com", PASSWORD, is_active=False)
    uid = link.split("/")[-3]
    forged = link.replace(f"/{uid}/", f"/{urlsafe_base64_encode(str(other.pk).encode())}/")

    response = client.post(forged)

    assert response.status_code == 400
    assert User.objects.get(pk=other.pk).is_active is False


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


def test_sign_up_errors_are_the_descriptions_their_fields_name(client, conference):
    response = sign_up(client, email="not-an-address", again="something-else-2030")

    content = response.content.decode()
    assert re.findall(r'aria-describedby="([^"]+)"', content) == ["id_email_error", "id_password2_error"]
    assert '<ul class="field-errors" id="id_email_error"><li>Enter a valid email address.</li>' in content
    assert '<ul class="field-errors" id="id_password2_error"><li>' in content


def test_sign_up_with_a_registered_address_says_to_sign_in(client, conference):
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    response = sign_up(client)

    assert response.context["form"].errors["email"] == [
        "An account with this address exists. Sign in, or reset your password if you forgot it."
    ]


@pytest.mark.parametrize(
    "path",
    [
        "garbage/garbage",
        "MQ/abc-def",
        f"{signing.Signer(salt='another-purpose').sign_object(1)}/x",
        "%F0%9F/x-y",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_confirmation_with_a_bad_token_is_400(client, conference, path, method):
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD, is_active=False)

    response = getattr(client, method)(f"/en/exhibit/confirm/{path}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert User.objects.get().is_active is False


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


def sign_in(client, password, email="li@example.com", ip="203.0.113.7"):
    return client.post("/en/exhibit/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_sign_in_is_rate_limited_per_address_and_name_and_says_when_to_try_again(
    client, conference, settings
):
    settings.EXHIBIT_RATE_LIMIT = 3
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    for _ in range(3):
        sign_in(client, "wrong", ip="203.0.113.1")
    blocked = sign_in(client, PASSWORD, ip="203.0.113.1")
    elsewhere = sign_in(Client(), PASSWORD, ip="198.51.100.9")

    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= 15 * 60
    assert re.search(r"Too many attempts\. Try again in \d+ minutes?\.", blocked.content.decode())
    # The owner, from another address, is not locked out by what was tried at this one.
    assert elsewhere.status_code == 302


def test_sign_in_is_rate_limited_per_ip_across_addresses(client, conference, settings):
    settings.EXHIBIT_RATE_LIMIT = 3

    for number in range(12):
        sign_in(client, "wrong", email=f"user{number}@example.com")
    blocked = sign_in(client, "wrong", email="another@example.com")

    assert blocked.status_code == 429


def test_sign_in_counts_failures_only(client, conference, settings):
    settings.EXHIBIT_RATE_LIMIT = 2
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    for _ in range(3):
        assert sign_in(Client(), PASSWORD).status_code == 302


def test_sign_in_from_a_browser_that_signed_in_before_is_not_locked_out_by_a_guesser(
    client, conference, settings
):
    settings.EXHIBIT_RATE_LIMIT = 3
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)
    owner = Client()
    sign_in(owner, PASSWORD, ip="198.51.100.9")
    owner.post("/en/exhibit/sign-out/")

    guesser = Client()
    for _ in range(5):
        sign_in(guesser, "wrong", ip="203.0.113.66")
    owner_again = sign_in(owner, PASSWORD, ip="198.51.100.9")

    assert sign_in(guesser, PASSWORD, ip="203.0.113.66").status_code == 429
    assert owner_again.status_code == 302


def test_sign_in_device_cookie_of_another_address_does_not_help(client, conference, settings):
    settings.EXHIBIT_RATE_LIMIT = 2
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)
    User.objects.create_user("wang@example.com", "wang@example.com", PASSWORD)
    sign_in(client, PASSWORD, email="wang@example.com", ip="198.51.100.9")
    client.post("/en/exhibit/sign-out/")

    for _ in range(2):
        sign_in(client, "wrong", ip="198.51.100.9")

    assert sign_in(client, PASSWORD, ip="198.51.100.9").status_code == 429


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

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(
        "/en/exhibit/sign-up/", {"email": "li@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 403
    assert not User.objects.exists()


def test_sign_up_twice_at_once_with_one_address_is_one_account_and_a_form_error(
    client, conference, monkeypatch
):
    # The second request passed the form's check before the first saved its account.
    monkeypatch.setattr("exhibitors.forms.SignUpForm.clean_email", lambda form: form.cleaned_data["email"])
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD, is_active=False)

    response = sign_up(client)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An account with this address exists. Sign in, or reset your password if you forgot it."
    ]
    assert User.objects.count() == 1


def test_a_full_width_address_is_the_account_it_names(client, conference):
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    taken = sign_up(Client(), email="ＬＩ＠ｅｘａｍｐｌｅ．ｃｏｍ")
    signed_in = sign_in(client, PASSWORD, email="ｌｉ＠ｅｘａｍｐｌｅ.com")

    assert "An account with this address exists" in taken.content.decode()
    assert User.objects.count() == 1
    assert signed_in.status_code == 302


def test_a_password_reset_link_goes_to_site_url_whatever_host_the_request_claimed(
    client, conference, settings
):
    settings.SITE_URL = "https://expo.example.org"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    User.objects.create_user("li@example.com", "li@example.com", PASSWORD)

    client.post("/en/exhibit/password-reset/", {"email": "li@example.com"}, HTTP_HOST="127.0.0.1:6666")

    assert re.findall(r"https?://[^/\s]+", mail.outbox[0].body) == ["https://expo.example.org"]
