import itertools
import re

import pytest
from django.core.exceptions import ValidationError

from tests.factories import RegistrationFactory
from visitors.badges import ALPHABET, LENGTH, grouped, new_badge_code, normalised, qr_svg

pytestmark = pytest.mark.django_db


def test_badge_codes_are_sixteen_characters_of_the_unambiguous_alphabet():
    codes = [new_badge_code() for _ in range(500)]

    assert all(len(code) == LENGTH == 16 for code in codes)
    assert set("".join(codes)) <= set(ALPHABET)
    assert not set("IO01") & set(ALPHABET)
    assert len(ALPHABET) == 32  # 5 bits a character: 80 bits a code


def test_badge_codes_are_unique_and_not_sequential():
    codes = [new_badge_code() for _ in range(500)]

    assert len(set(codes)) == 500
    # Consecutive codes share no more characters in place than chance would give (1/32 each).
    same_places = sum(
        a == b for first, second in itertools.pairwise(codes) for a, b in zip(first, second, strict=True)
    )
    assert same_places < 499 * 16 / 8


def test_badge_code_grouped_and_read_back_in_any_case_with_or_without_dashes():
    assert grouped("ABCDEFGHJKLMNPQR") == "ABCD-EFGH-JKLM-NPQR"
    assert normalised("abcd-efgh-jklm-npqr") == "ABCDEFGHJKLMNPQR"
    assert normalised(" ABCD EFGH JKLM NPQR ") == "ABCDEFGHJKLMNPQR"
    assert normalised("ABCDEFGHJKLMNPQ") == ""
    assert normalised("ABCDEFGHJKLMNPQ0") == ""
    assert normalised("") == ""


def test_qr_code_is_an_inline_svg_of_the_grouped_code():
    svg = qr_svg("ABCDEFGHJKLMNPQR")

    assert svg.startswith('<svg role="img" viewBox="0 0 ')
    assert "<title>ABCD-EFGH-JKLM-NPQR</title>" in svg
    assert "<script" not in svg


@pytest.mark.parametrize("mobile", ["13800000000", "+86 138-0000-0000", "010 6666 8888"])
def test_mobile_numbers_written_many_ways_are_accepted(mobile):
    RegistrationFactory.build(mobile=mobile, conference=RegistrationFactory().conference).full_clean(
        exclude=["badge_code"]
    )


@pytest.mark.parametrize(
    "mobile", ["12345", "138 0000 0000 0000 0000 1", "138-abc-0000", "------+", "１３８００００００００"]
)
def test_mobile_numbers_that_are_not_numbers_are_refused(mobile):
    registration = RegistrationFactory.build(mobile=mobile, conference=RegistrationFactory().conference)

    with pytest.raises(ValidationError) as error:
        registration.full_clean(exclude=["badge_code"])

    assert list(error.value.message_dict) == ["mobile"]


def test_registration_str_and_grouped_code():
    registration = RegistrationFactory(name="李明", organisation="城市研究院", badge_code="ABCDEFGHJKLMNPQR")

    assert str(registration) == "李明 (城市研究院)"
    assert registration.grouped_badge_code == "ABCD-EFGH-JKLM-NPQR"
    assert re.fullmatch(r"[A-Z2-9]{16}", registration.badge_code)
