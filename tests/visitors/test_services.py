import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.factories import CategoryFactory, ConferenceFactory, RegistrationFactory
from visitors import services
from visitors.models import Registration

pytestmark = pytest.mark.django_db


def create(conference, **overrides):
    data = {
        "conference": conference,
        "name": "李明",
        "organisation": "城市研究院",
        "position": "工程师",
        "email": "Li.Ming@Example.com",
        "mobile": "+86 138 0000 0000",
    }
    return services.registration_create(**{**data, **overrides})


def test_registration_create_stores_the_address_lower_cased_with_a_new_badge_code(
    conference, django_capture_on_commit_callbacks
):
    field = CategoryFactory()

    with django_capture_on_commit_callbacks(execute=True):
        registration = create(conference, interests=[field])

    assert registration.email == "li.ming@example.com"
    assert len(registration.badge_code) == 16
    assert list(registration.interests.all()) == [field]
    assert registration.share_contact is False
    assert registration.confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["li.ming@example.com"]


def test_registration_create_refuses_the_same_address_in_another_case(conference):
    create(conference)

    with pytest.raises(ValidationError) as error:
        create(conference, email="LI.MING@EXAMPLE.COM")

    assert error.value.messages == ["此邮箱已注册本届展会。"]
    assert Registration.objects.count() == 1


def test_registration_create_allows_the_same_address_in_another_edition(conference):
    create(conference)

    create(ConferenceFactory())

    assert Registration.objects.count() == 2


def test_registration_create_refuses_a_sub_category_as_an_interest(conference):
    kind = CategoryFactory(parent=CategoryFactory())

    with pytest.raises(ValidationError) as error:
        create(conference, interests=[kind])

    assert list(error.value.message_dict) == ["interests"]
    assert Registration.objects.count() == 0


def test_registration_create_draws_another_code_when_one_is_taken(conference, monkeypatch):
    taken = RegistrationFactory(conference=conference, badge_code="ABCDEFGHJKLMNPQR")
    codes = iter([taken.badge_code, "ZYXWVUTSRQPNMLKJ"])
    monkeypatch.setattr(services, "new_badge_code", lambda: next(codes))

    registration = create(conference)

    assert registration.badge_code == "ZYXWVUTSRQPNMLKJ"


def test_registration_confirm_once_and_sends_the_badge_once(conference, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(conference=conference)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_confirm(registration=registration).confirmed_at
        second = services.registration_confirm(registration=registration).confirmed_at

    assert first is not None
    assert second == first
    assert len(mail.outbox) == 1


def test_registration_check_in_marks_the_visitor_as_arrived(conference):
    registration = RegistrationFactory(conference=conference)
    user = get_user_model().objects.create_user("desk")

    checked = services.registration_check_in(registration=registration, user=user)

    assert checked.checked_in_at is not None
    assert checked.checked_in_by == user


def test_registration_check_in_twice_is_refused_and_changes_nothing(conference):
    registration = RegistrationFactory(conference=conference)
    desk, other = (get_user_model().objects.create_user(name) for name in ("desk", "other"))
    first = datetime.datetime(2030, 6, 20, 1, 12, tzinfo=datetime.UTC)  # 09:12 in Beijing
    services.registration_check_in(registration=registration, user=desk, now=first)

    with pytest.raises(ValidationError) as error:
        services.registration_check_in(registration=registration, user=other)

    assert error.value.code == "already_checked_in"
    registration.refresh_from_db()
    assert registration.checked_in_at == first
    assert registration.checked_in_by == desk


def test_registration_check_in_refusal_says_when_and_by_whom(conference):
    registration = RegistrationFactory(conference=conference, name="Li Ming")
    desk = get_user_model().objects.create_user("desk")
    services.registration_check_in(
        registration=registration, user=desk, now=datetime.datetime(2030, 6, 20, 1, 12, tzinfo=datetime.UTC)
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.registration_check_in(registration=registration, user=desk, now=timezone.now())

    assert error.value.messages == ["Li Ming already checked in at 09:12 (2030-06-20), by desk."]
