import pytest
from django.core.management import call_command


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_home_in_chinese_shows_the_conference(visit, demo):
    response = visit.goto("/")

    assert response.status == 200
    assert visit.page.locator("html").get_attribute("lang") == "zh-hans"
    assert visit.page.locator("h1").inner_text() == "第十二届中国智慧城市建设技术研讨会暨设备博览会"
    assert "北京国际会议中心" in visit.page.locator(".hero").inner_text()
    assert visit.console_errors == []
    assert visit.remote_requests == []


def test_home_in_english_shows_the_conference(visit, demo):
    visit.goto("/en/")

    assert visit.page.locator("h1").inner_text() == (
        "The 12th China Smart City Construction Technology Conference and Equipment Expo"
    )
    assert "Smart City 2.0: Smart Development, Smart Future" in visit.page.locator(".hero").inner_text()
    assert visit.console_errors == []
    assert visit.remote_requests == []


def test_language_switcher_moves_between_languages_on_the_same_page(visit, demo):
    visit.goto("/speakers/")

    visit.page.get_by_role("link", name="English").click()
    visit.page.wait_for_url(visit.base_url + "/en/speakers/")
    assert visit.page.locator("h1").inner_text() == "Speakers"

    visit.page.get_by_role("link", name="简体中文").click()
    visit.page.wait_for_url(visit.base_url + "/speakers/")
    assert visit.page.locator("h1").inner_text() == "演讲嘉宾"
    assert visit.console_errors == []


def test_skip_link_appears_on_focus_and_moves_to_the_content(visit, demo):
    visit.goto("/en/")

    visit.page.keyboard.press("Tab")
    skip = visit.page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.bounding_box()["y"] >= 0

    skip.press("Enter")
    assert visit.page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("path", ["/", "/en/", "/en/no-such-page/"])
def test_phone_layout_has_no_horizontal_scroll(phone_visit, demo, path):
    phone_visit.goto(path)

    widths = phone_visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]
    assert phone_visit.remote_requests == []


def test_404_page_is_styled_and_offers_the_way_home(visit, demo):
    response = visit.goto("/en/no-such-page/")

    assert response.status == 404
    assert visit.page.locator("h1").inner_text() == "Page not found"
    visit.page.get_by_role("link", name="Go to the home page").click()
    visit.page.wait_for_url(visit.base_url + "/en/")


def test_the_keyboard_focus_in_the_header_is_a_light_ring_that_shows_on_its_dark_colour(visit, demo):
    visit.goto("/en/")
    page = visit.page

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand link, in the header

    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert page.evaluate("document.activeElement.closest('.site-header') !== null")
    assert ring == "rgb(255, 209, 102)"


def test_the_changed_badge_is_dark_enough_for_white_text(visit, demo):
    visit.goto("/en/")

    colour = visit.page.evaluate(
        """() => { const badge = document.createElement('span'); badge.className = 'badge badge-changed';
        document.body.append(badge); return getComputedStyle(badge).backgroundColor; }"""
    )

    assert colour == "rgb(147, 92, 0)"
