import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_search_from_the_header_in_chinese_groups_marks_and_narrows_the_results(visit, demo):
    visit.goto("/")

    visit.page.get_by_role("searchbox", name="搜索本站").fill("城市")
    visit.page.keyboard.press("Enter")

    expect(visit.page).to_have_url(re.compile(r"/search/\?q=%E5%9F%8E%E5%B8%82$"))
    expect(visit.page.locator("h1")).to_have_text("搜索")
    expect(visit.page.get_by_role("heading", name=re.compile("^议程"))).to_be_visible()
    expect(visit.page.locator(".search-results mark").first).to_have_text("城市")
    visit.page.get_by_role("navigation", name="按类型查看结果").get_by_role(
        "link", name=re.compile("展品设备")
    ).click()
    expect(visit.page).to_have_url(re.compile("kind=equipment"))
    links = visit.page.locator(".search-result-title")
    assert links.count() > 0
    assert all(
        href.startswith("/equipment/")
        for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    )
    assert visit.console_errors == []
    assert visit.remote_requests == []


def test_search_on_a_phone_in_english_by_pinyin_and_by_booth_code(phone_visit, demo):
    page = phone_visit.page
    phone_visit.goto("/en/speakers/")

    # On a phone the header shows only the button; it opens the search page with its own box.
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_hidden()
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=$"))
    page.get_by_role("searchbox").fill("wangjianqing")
    page.get_by_role("searchbox").press("Enter")

    expect(page.get_by_role("link", name="Wang Jianqing")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("searchbox").fill("a101")
    page.get_by_role("searchbox").press("Enter")
    page.get_by_role("link", name=re.compile("^Booth A-101")).click()

    expect(page).to_have_url(re.compile(r"/en/floor-plan/\?booth=A-101"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone_visit.console_errors == []
