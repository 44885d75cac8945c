import icalendar
import pytest
from playwright.sync_api import expect

from tests.factories import SessionFactory, at
from tests.utils import Visit


@pytest.fixture
def overlapping(conference):
    """Two sessions in different rooms whose times overlap by half an hour, and one later."""
    return [
        SessionFactory(
            conference=conference,
            slug="morning-keynote",
            title_en="Morning keynote",
            start=at("2030-06-20 09:00"),
        ),
        SessionFactory(
            conference=conference,
            slug="parallel-forum",
            title_en="Parallel forum",
            start=at("2030-06-20 09:30"),
        ),
        SessionFactory(
            conference=conference,
            slug="afternoon-panel",
            title_en="Afternoon panel",
            start=at("2030-06-20 14:00"),
        ),
    ]


def card(page, title):
    heading = page.locator(".session-title").get_by_role("link", name=title, exact=True)
    return page.locator(".session-card").filter(has=heading)


def test_star_two_overlapping_sessions_see_the_warning_and_subscribe(visit, overlapping):
    page = visit.page
    visit.goto("/en/schedule/")
    # Set on this page; a reload would lose it, so it proves the stars did not reload.
    page.evaluate("window.sameDocument = true")

    for title in ("Morning keynote", "Parallel forum"):
        button = card(page, title).get_by_role("button")
        expect(button).to_have_attribute("aria-pressed", "false")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_contain_text("Starred")
    expect(page.locator("[data-agenda-count]")).to_have_text("2")
    assert page.evaluate("window.sameDocument") is True
    expect(card(page, "Parallel forum").get_by_role("button")).to_be_focused()

    # The page is shared (served from the cache): the script marks this visitor's own stars.
    page.reload()
    expect(card(page, "Morning keynote").get_by_role("button")).to_have_attribute("aria-pressed", "true")
    expect(card(page, "Afternoon panel").get_by_role("button")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-agenda-count]")).to_have_text("2")

    page.get_by_role("link", name="My agenda").first.click()
    page.wait_for_url("**/en/agenda/")
    expect(page.locator(".notice-overlap")).to_contain_text(
        "2 of your sessions run at the same time as others."
    )
    expect(card(page, "Morning keynote").locator(".overlap-warning")).to_contain_text("Parallel forum")
    expect(card(page, "Parallel forum").locator(".overlap-warning")).to_contain_text("Morning keynote")

    address = page.locator("#subscription-url").input_value()
    response = page.request.get(address)
    assert response.status == 200
    calendar = icalendar.Calendar.from_ical(response.body())
    assert sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT")) == [
        "Morning keynote",
        "Parallel forum",
    ]
    assert visit.console_errors == []
    assert visit.remote_requests == []


def test_another_visitor_sees_none_of_the_stars(visit, contexts, live_server, overlapping):
    visit.goto("/en/schedule/")
    button = card(visit.page, "Morning keynote").get_by_role("button")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")

    other = Visit(contexts(), live_server.url)
    other.goto("/en/schedule/")

    expect(other.page.locator('[aria-pressed="true"]')).to_have_count(0)
    expect(other.page.locator("[data-agenda-count]")).to_be_hidden()
    assert other.console_errors == []


def test_stars_work_without_javascript_on_a_phone(contexts, live_server, overlapping):
    context = contexts(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    visit = Visit(context, live_server.url)
    page = visit.page
    visit.goto("/en/schedule/")

    card(page, "Afternoon panel").get_by_role("button").click()
    page.wait_for_url("**/en/agenda/star/?*")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add to my agenda")
    page.get_by_role("button", name="Add to my agenda").click()
    page.wait_for_url("**/en/schedule/#session-*")

    visit.goto("/agenda/")
    expect(page.locator(".session-card")).to_have_count(1)
    expect(page.locator(".overlap-warning")).to_have_count(0)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
