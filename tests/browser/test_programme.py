import pytest
from django.core.management import call_command


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_filter_the_programme_on_a_phone_and_open_a_session(phone_visit, demo):
    page = phone_visit.page
    phone_visit.goto("/en/schedule/")
    assert page.locator(".session-card").count() == 10

    page.get_by_label("Track").select_option(label="Network security")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/schedule/?*track=security*")

    cards = page.locator(".session-card")
    assert cards.count() == 1
    assert page.get_by_label("Track").input_value() == "security"
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]

    cards.get_by_role("link", name="[Sample] Forum on network security for smart cities").click()
    page.wait_for_url("**/en/sessions/sample-network-security/")
    assert page.locator("h1").inner_text() == "[Sample] Forum on network security for smart cities"
    assert phone_visit.console_errors == []
    assert phone_visit.remote_requests == []


def test_opening_ceremony_lists_its_four_speakers_in_chinese(visit, demo):
    visit.goto("/sessions/opening-ceremony/")

    names = visit.page.locator(".speaker-name a").all_inner_texts()
    assert names == ["宋超智", "戴红", "王建清", "孙文龙"]


def test_grid_scrolls_sideways_inside_its_box_on_a_phone(phone_visit, demo):
    page = phone_visit.page
    phone_visit.goto("/en/schedule/grid/")

    scroller = page.locator(".grid-scroller")
    overflow = scroller.evaluate("box => [box.scrollWidth, box.clientWidth]")
    page_widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert overflow[0] > overflow[1]
    assert page_widths[0] <= page_widths[1]
    assert page.locator(".grid-room").all_inner_texts() == [
        "Main Hall",
        "Forum Room A",
        "Forum Room B",
        "Forum Room C",
    ]
