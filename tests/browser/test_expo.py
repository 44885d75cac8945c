import pytest
from django.core.management import call_command


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_floor_plan_on_a_phone_shows_every_status_without_colour(phone_visit, demo):
    page = phone_visit.page
    phone_visit.goto("/en/floor-plan/?booth=A-205")

    # One hall at a time; the booth asked for is in the first.
    assert page.locator("figure.hall-plan").count() == 1
    assert page.locator(".hall-tabs a").all_inner_texts() == ["Hall 1", "Hall 2"]
    # Status is carried by pattern fills, not by colour alone, and spelled out in the table.
    fills = page.evaluate(
        """[...document.querySelectorAll('.booth rect')].reduce((found, rect) => {
            found[rect.closest('.booth').classList[1]] = getComputedStyle(rect).fill; return found; }, {})"""
    )
    assert fills["booth-held"].startswith('url("#pattern-held")')
    assert fills["booth-booked"].startswith('url("#pattern-booked")')
    labels = set(page.locator(".status-label").all_inner_texts())
    assert labels == {"Held", "Booked"}
    assert page.locator(".free-booths").inner_text().startswith("Available booths (")
    assert page.locator("tr.is-highlighted th").inner_text() == "A-205"
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    assert phone_visit.console_errors == []
    assert phone_visit.remote_requests == []


def test_zoom_buttons_enlarge_the_plan(visit, demo):
    page = visit.page
    visit.goto("/floor-plan/")

    figure = page.locator("figure.hall-plan").first
    before = figure.bounding_box()["width"]
    page.get_by_role("button", name="放大").first.click()

    assert figure.bounding_box()["width"] > before * 1.4


def test_booked_booth_leads_to_its_exhibitor_and_their_equipment(visit, demo):
    page = visit.page
    visit.goto("/en/floor-plan/")

    page.locator("a.booth-booked").first.click()
    page.wait_for_url("**/en/exhibitors/**")
    assert page.locator("h1").inner_text().startswith("[Sample] ")
    assert page.locator(".equipment-card").count() >= 1
    assert visit.console_errors == []


def test_a_booth_link_on_a_phone_shows_the_booth_on_its_plan_and_the_first_zoom_tap_zooms(phone_visit, demo):
    page = phone_visit.page
    phone_visit.goto("/en/floor-plan/?booth=A-410")

    scroller = page.locator(".plan-scroller").bounding_box()
    booth = page.locator(".booth.is-highlighted rect").bounding_box()
    assert scroller["x"] <= booth["x"] and booth["x"] + booth["width"] <= scroller["x"] + scroller["width"]
    assert scroller["y"] <= booth["y"] and booth["y"] + booth["height"] <= scroller["y"] + scroller["height"]
    assert 0 <= booth["y"] <= 740  # on screen, not only inside the box

    figure = page.locator("figure.hall-plan")
    before = figure.bounding_box()["width"]
    page.get_by_role("button", name="Zoom in").tap()

    assert figure.bounding_box()["width"] > before * 1.4
    booth = page.locator(".booth.is-highlighted rect").bounding_box()
    assert scroller["x"] <= booth["x"] <= scroller["x"] + scroller["width"]
    assert phone_visit.console_errors == []
