import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from common.addresses import EmailAddressField, normalised_email
from common.mail import send_bilingual

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "v3@probe.test",
        "v3@ｐｒｏｂｅ.test",
        "V3@PROBE.TEST",
        "Ｖ３＠ＰＲＯＢＥ．ｔｅｓｔ",
        "v3@probe。test",
        "  v3@probe.test ",
        "v3@probe.test.",
    ],
)
def test_every_width_and_case_of_one_address_is_one_address(typed):
    assert normalised_email(typed) == "v3@probe.test"


def test_an_internationalised_domain_is_written_in_its_idna_form():
    assert normalised_email("li@例子。中国") == "li@xn--fsqu00a.xn--fiqs8s"
    assert normalised_email("li@例子.中国") == normalised_email("li@xn--fsqu00a.xn--fiqs8s")


def test_the_field_takes_a_full_width_address_and_refuses_what_is_no_address():
    field = EmailAddressField()

    assert field.clean("ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ") == "li@example.com"
    for typed in ["li＠", "li@" + "x" * 70 + ".com"]:
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert [error.code for error in refused.value.error_list] == ["invalid"]


def test_mail_to_a_typed_address_stops_at_the_limit_per_mailbox_whatever_its_width(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.MAILS_PER_TYPED_ADDRESS_PER_HOUR = 2
    widths = ["v3@probe.test", "v3@ｐｒｏｂｅ.test", "V3@PROBE.test"]

    with django_capture_on_commit_callbacks(execute=True):
        for address in widths:
            send_bilingual(
                template="exhibitors/email/confirm_address.txt",
                context={"link": "x"},
                recipients=[address],
                typed=True,
            )
        send_bilingual(
            template="exhibitors/email/confirm_address.txt",
            context={"link": "x"},
            recipients=["other@probe.test"],
            typed=True,
        )

    assert [message.to for message in mail.outbox] == [
        ["v3@probe.test"],
        ["v3@ｐｒｏｂｅ.test"],
        ["other@probe.test"],
    ]
    assert "past their hourly limit" in caplog.text


def test_mail_no_one_typed_is_not_counted(settings, django_capture_on_commit_callbacks):
    settings.MAILS_PER_TYPED_ADDRESS_PER_HOUR = 1

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            send_bilingual(
                template="exhibitors/email/confirm_address.txt",
                context={"link": "x"},
                recipients=["staff@probe.test"],
            )

    assert len(mail.outbox) == 3
