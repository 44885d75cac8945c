import re

import pytest
from django.conf import settings
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import CategoryFactory, ConferenceFactory, RegistrationFactory
from visitors import tokens
from visitors.models import Registration

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "李明",
    "organisation": "城市研究院",
    "position": "工程师",
    "email": "Li.Ming@Example.com",
    "mobile": "+86 138 0000 0000",
}


def register(client, language="zh-hans", **data):
    with translation.override(language):
        url = reverse("visitors:register")
    return client.post(url, {**GOOD, **data})


def tampered(token):
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def link_in(body):
    return re.search(r"https?://\S+", body).group(0)


def test_register_page_shows_the_form_with_consent_off(client, conference):
    response = client.get("/register/")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in content
    assert '<input type="checkbox" name="share_contact" ' in content
    assert re.search(r'<input type="checkbox" name="share_contact"[^>]*checked', content) is None
    for label in ('for="id_name"', 'for="id_organisation"', 'for="id_email"', 'for="id_mobile"'):
        assert label in content


def test_register_page_in_english_says_what_is_shared(client, conference):
    response = client.get("/en/register/")

    assert response.status_code == 200
    assert "name, organisation, position, e-mail and mobile number" in response.content.decode()


def test_register_good_input_stores_the_visitor_and_sends_the_link(
    client, conference, django_capture_on_commit_callbacks
):
    interest = CategoryFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, interests=[interest.pk])

    registration = Registration.objects.get()
    assert response.status_code == 200
    assert "li.ming@example.com" in response.content.decode()
    assert registration.email == "li.ming@example.com"
    assert registration.conference == conference
    assert registration.share_contact is False
    assert list(registration.interests.all()) == [interest]
    assert len(mail.outbox) == 1


def test_register_stores_consent_as_given(client, conference):
    register(client, share_contact="on")

    assert Registration.objects.get().share_contact is True


@pytest.mark.parametrize("field", ["name", "organisation", "email", "mobile"])
def test_register_missing_field_is_a_form_error(client, conference, field):
    response = register(client, **{field: ""})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Registration.objects.count() == 0


def test_register_bad_email_says_what_to_do(client, conference):
    response = register(client, language="en", email="li.ming@")

    assert response.context["form"].errors == {
        "email": ["Enter a whole e-mail address, such as li@example.com."]
    }


def test_register_bad_mobile_says_what_to_do(client, conference):
    response = register(client, language="en", mobile="call me")

    assert response.context["form"].errors == {
        "mobile": ["Enter a mobile number of 6 to 20 characters: digits, spaces, + and - only."]
    }


def test_register_refuses_a_sub_category_as_an_interest(client, conference):
    kind = CategoryFactory(parent=CategoryFactory())

    response = register(client, interests=[kind.pk])

    assert list(response.context["form"].errors) == ["interests"]
    assert Registration.objects.count() == 0


def test_register_same_address_in_any_case_is_a_form_error(client, conference):
    RegistrationFactory(conference=conference, email="li.ming@example.com")

    response = register(client, language="en", email="LI.MING@example.COM")

    assert response.context["form"].errors == {
        "email": [
            "This e-mail address is already registered for this edition. Open the link in the e-mail we "
            "sent to it, or register with another address."
        ]
    }
    assert Registration.objects.count() == 1


def test_register_race_on_the_same_address_is_a_form_error(client, conference, monkeypatch):
    from django.db import IntegrityError

    from visitors import services

    def taken(**kwargs):
        raise IntegrityError("visitors_registration_unique_email")

    monkeypatch.setattr(services, "registration_create", taken)

    response = register(client)

    assert list(response.context["form"].errors) == ["email"]


def test_register_same_form_posted_twice_registers_once(client, conference):
    form_key = "0123456789abcdef0123456789abcdef"

    first = register(client, submission=form_key)
    second = register(client, submission=form_key)

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.templates[0].name == "visitors/check_inbox.html"
    assert Registration.objects.count() == 1


def test_register_is_rate_limited_per_ip(client, conference, settings):
    settings.VISITOR_REGISTRATIONS_PER_IP = 2
    register(client, email="a@example.com")
    register(client, email="b@example.com")

    response = register(client, email="c@example.com")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Registration.objects.count() == 2


def test_register_refuses_a_forged_post_without_csrf(conference):
    client = Client(enforce_csrf_checks=True)

    response = register(client)

    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_confirmation_email_is_bilingual_with_a_working_link(
    client, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, language="en", name="Li <Ming> & Co")

    message = mail.outbox[0]
    chinese, english = message.body.split("\n\n———\n\n")
    assert "如果不是您本人操作，请忽略此邮件，不会产生任何后续影响。" in chinese
    assert "If it was not you, ignore this message; nothing more will happen." in english
    assert message.subject.endswith("Confirm your visitor registration")
    assert "Li <Ming> & Co" in message.body
    link = link_in(message.body)
    assert link.startswith(settings.SITE_URL + "/en/register/confirm/")


def test_confirmation_link_shows_a_button_and_confirms_nothing_by_itself(
    client, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link_in(mail.outbox[0].body))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Confirm your registration" in content
    assert "li.ming@example.com" in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert "private" in response["Cache-Control"]
    assert Registration.objects.get().confirmed_at is None
    assert len(mail.outbox) == 1


def test_confirmation_button_confirms_and_leads_to_the_badge(
    client, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link_in(mail.outbox[0].body))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visitors:badge", args=[tokens.badge_token(registration)])
    assert registration.confirmed_at is not None
    # The badge's own link follows by e-mail.
    assert len(mail.outbox) == 2
    assert link_in(mail.outbox[1].body).endswith(response["Location"])
    assert registration.grouped_badge_code in mail.outbox[1].body


def test_confirmation_posted_twice_or_opened_again_sends_one_badge(
    client, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client)
    link = link_in(mail.outbox[0].body)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(link)
        second = client.post(link)
        opened = client.get(link)

    assert first.status_code == second.status_code == opened.status_code == 302
    assert first["Location"] == second["Location"] == opened["Location"]
    assert len(mail.outbox) == 2


def test_confirmation_post_without_the_csrf_token_is_refused(conference):
    registration = RegistrationFactory(conference=conference)
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("visitors:confirm", args=[tokens.confirmation_token(registration)]))

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.confirmed_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_confirmation_link_tampered_is_refused(client, conference, method):
    registration = RegistrationFactory(conference=conference)
    token = tokens.confirmation_token(registration)

    response = getattr(client, method)(reverse("visitors:confirm", args=[tampered(token)]))

    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.confirmed_at is None


def test_confirmation_link_of_another_kind_is_refused(client, conference):
    registration = RegistrationFactory(conference=conference)

    response = client.get(reverse("visitors:confirm", args=[tokens.badge_token(registration)]))

    assert response.status_code == 400


def test_confirmation_link_expired_is_refused(client, conference, monkeypatch):
    registration = RegistrationFactory(conference=conference)
    token = tokens.confirmation_token(registration)
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + tokens.CONFIRM_MAX_AGE + 60)

    response = client.get(reverse("visitors:confirm", args=[token]))

    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.confirmed_at is None


def test_badge_page_shows_the_qr_code_name_and_code_privately(client, conference):
    registration = RegistrationFactory(
        conference=conference, name="李明", organisation="城市研究院", badge_code="ABCDEFGHJKLMNPQR"
    )
    registration.confirmed_at = registration.created
    registration.save()

    response = client.get(reverse("visitors:badge", args=[tokens.badge_token(registration)]))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img" viewBox=' in content
    assert "李明" in content
    assert "城市研究院" in content
    assert "ABCD-EFGH-JKLM-NPQR" in content
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in content


@pytest.mark.parametrize("token", ["does-not-exist", "1", "MQ:1abc:bad"])
def test_badge_page_of_a_bad_token_is_404(client, conference, token):
    response = client.get(reverse("visitors:badge", args=[token]))

    assert response.status_code == 404


def test_badge_page_is_not_reached_with_the_badge_code_or_the_confirmation_token(client, conference):
    registration = RegistrationFactory(conference=conference)
    registration.confirmed_at = registration.created
    registration.save()

    by_code = client.get(reverse("visitors:badge", args=[registration.badge_code]))
    by_confirmation = client.get(reverse("visitors:badge", args=[tokens.confirmation_token(registration)]))

    assert (by_code.status_code, by_confirmation.status_code) == (404, 404)


def test_badge_page_of_an_unconfirmed_registration_is_404(client, conference):
    registration = RegistrationFactory(conference=conference)

    response = client.get(reverse("visitors:badge", args=[tokens.badge_token(registration)]))

    assert response.status_code == 404


def test_register_is_in_the_sitemap(client, conference):
    response = client.get("/sitemap-sections.xml")

    assert "/register/" in response.content.decode()
    assert "/en/register/" in response.content.decode()


def test_home_page_links_to_registration(client, conference):
    assert 'href="/register/"' in client.get("/").content.decode()


def test_register_without_a_current_edition_is_404(client):
    ConferenceFactory(is_current=False)

    assert client.get("/register/").status_code == 404


def _page_queries(client, url):
    client.get(url)  # the first request fills the shared cache (the current edition)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_register_page_query_count_does_not_grow_with_categories(client, conference):
    CategoryFactory.create_batch(2)
    small = _page_queries(client, "/register/")
    for parent in CategoryFactory.create_batch(20):
        CategoryFactory(parent=parent)
    large = _page_queries(client, "/register/")

    assert small == large == 1


def test_badge_page_query_count_does_not_grow_with_interests(client, conference):
    registration = RegistrationFactory(conference=conference)
    registration.confirmed_at = registration.created
    registration.save()
    url = reverse("visitors:badge", args=[tokens.badge_token(registration)])
    small = _page_queries(client, url)
    registration.interests.set(CategoryFactory.create_batch(10))
    RegistrationFactory.create_batch(10, conference=conference)
    large = _page_queries(client, url)

    # The registration and, once signed in, the browser's session (nothing written again).
    assert small == large == 2


def test_register_a_full_width_address_is_the_same_mailbox(client, conference):
    RegistrationFactory(conference=conference, email="v3@probe.test")

    response = register(client, language="en", email="v3@ｐｒｏｂｅ.test")

    assert response.context["form"].has_error("email", code="email_taken")
    assert Registration.objects.count() == 1


def test_register_stores_a_full_width_address_normalised(client, conference):
    register(client, email="Ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ")

    assert Registration.objects.get().email == "li@example.com"
