import datetime
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.factories import ConferenceFactory, RoomFactory, SessionFactory, at


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_filter_the_programme_on_a_phone_and_open_a_session(phone_visit, demo):
    page = phone_visit.page
    phone_visit.goto("/en/schedule/")
    assert page.locator(".session-card").count() == 10

    page.get_by_text("Filters", exact=True).click()
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


@pytest.fixture
def busy_day(transactional_db):
    """Six rooms with an hour's talk after another all day, and in the first room at 10:00 a
    keynote with a clash half an hour later."""
    conference = ConferenceFactory(is_current=True)
    rooms = [RoomFactory(conference=conference, name_en=f"Room {n}", order=n) for n in range(1, 7)]
    for room in rooms:
        for hour in range(9, 18):
            if (room, hour) != (rooms[0], 10):
                SessionFactory(conference=conference, room=room, start=at(f"2030-06-20 {hour:02}:00"))
    for title, start in [("Keynote", "10:00"), ("Clash", "10:30")]:
        SessionFactory(conference=conference, room=rooms[0], title_en=title, start=at(f"2030-06-20 {start}"))


@pytest.mark.parametrize("visitor", ["phone_visit", "visit"])
def test_grid_keeps_rooms_and_times_in_view_and_clashes_side_by_side(request, visitor, busy_day):
    visit = request.getfixturevalue(visitor)
    page = visit.page
    visit.goto("/en/schedule/grid/")
    scroller = page.locator(".grid-scroller")

    def box(locator):
        found = locator.bounding_box()
        return found["x"], found["y"], found["x"] + found["width"], found["y"] + found["height"]

    def covers_a_card(locator, selector):
        """Whether a card lies partly under the element, and there the element is what shows."""
        return locator.evaluate(
            """(element, selector) => {
              const r = element.getBoundingClientRect();
              for (const card of document.querySelectorAll(".session-card")) {
                const c = card.getBoundingClientRect();
                const left = Math.max(r.left, c.left), right = Math.min(r.right, c.right);
                const top = Math.max(r.top, c.top), bottom = Math.min(r.bottom, c.bottom);
                if (right - left > 4 && bottom - top > 4) {
                  const shown = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
                  return !!shown.closest(selector);
                }
              }
              return false;
            }""",
            selector,
        )

    def scrolled(direction, minimum):
        page.wait_for_function(
            f"() => document.querySelector('.grid-scroller').{direction} > {minimum}", timeout=5000
        )
        # The end of a smooth scroll: the position holds still for five frames in a row.
        page.evaluate(
            """() => new Promise(settled => {
              const box = document.querySelector('.grid-scroller');
              let last = null, still = 0;
              const frame = () => {
                const now = `${box.scrollLeft},${box.scrollTop}`;
                still = now === last ? still + 1 : 0;
                last = now;
                if (still >= 5) settled(true); else requestAnimationFrame(frame);
              };
              requestAnimationFrame(frame);
            })"""
        )

    keynote, clash = (box(page.locator(".session-card", has_text=title)) for title in ("Keynote", "Clash"))
    assert keynote[2] <= clash[0] or clash[2] <= keynote[0]  # side by side, not on top
    assert keynote[1] < clash[1] < keynote[3]  # and at overlapping times
    sizes = scroller.evaluate("box => [box.scrollWidth, box.clientWidth, box.scrollHeight, box.clientHeight]")
    assert sizes[0] > sizes[1] and sizes[2] > sizes[3]
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    scroller.scroll_into_view_if_needed()

    # Down, from the keyboard: the room headers stay at the top of the box, over the cards.
    scroller.focus()
    page.keyboard.press("PageDown")
    scrolled("scrollTop", 200)
    header = page.locator(".grid-room").first
    assert box(header)[1] == pytest.approx(box(scroller)[1] + 1, abs=1)  # inside its border
    assert covers_a_card(header, ".grid-room")

    # Right: the times stay at the left of the box, over the cards.
    scroller.evaluate("box => { box.scrollTop = 0; box.scrollLeft = box.scrollWidth; }")
    scrolled("scrollLeft", 100)
    label = page.locator(".grid-time").first
    assert box(label)[0] == pytest.approx(box(scroller)[0] + 1, abs=1)
    assert covers_a_card(label, ".grid-time")
    assert visit.console_errors == []


@pytest.fixture
def three_days(transactional_db):
    conference = ConferenceFactory(
        is_current=True, start_date=datetime.date(2030, 6, 20), end_date=datetime.date(2030, 6, 22)
    )
    room = RoomFactory(conference=conference, name_en="Hall")
    for day in (20, 21, 22):
        for hour in range(8, 20):
            SessionFactory(
                conference=conference,
                room=room,
                title_en=f"Day {day} talk {hour}",
                start=at(f"2030-06-{day} {hour:02}:00"),
            )


def test_the_printed_programme_starts_on_page_one_and_gives_each_day_its_own_pages(visit, three_days):
    visit.goto("/en/schedule/")

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(visit.page.pdf(format="A4"))).pages]

    assert "Day 20 talk 8" in pages[0]
    assert all(text.strip() for text in pages)
    for day in (21, 22):
        first = next(number for number, text in enumerate(pages) if f"Day {day} talk 8" in text)
        assert f"Day {day - 1} talk" not in pages[first]


def test_on_a_phone_the_filters_fold_behind_one_button_and_the_first_session_is_in_view(phone_visit, demo):
    page = phone_visit.page
    phone_visit.goto("/en/schedule/")

    first_card = page.locator(".session-card").first.bounding_box()
    assert first_card["y"] < 740
    expect(page.get_by_label("Search", exact=True)).to_be_hidden()

    page.get_by_text("Filters", exact=True).click()

    expect(page.get_by_label("Search", exact=True)).to_be_visible()
    assert phone_visit.console_errors == []


def test_on_a_phone_filters_in_use_stay_unfolded(phone_visit, demo):
    phone_visit.goto("/en/schedule/?q=ceremony")

    expect(phone_visit.page.get_by_label("Search", exact=True)).to_be_visible()
    expect(phone_visit.page.get_by_text("Filters · in use")).to_be_visible()


def test_on_a_desktop_the_filters_are_open_without_the_button(visit, demo):
    visit.goto("/en/schedule/")

    expect(visit.page.get_by_label("Search", exact=True)).to_be_visible()
    expect(visit.page.locator(".filter-fold > summary")).to_be_hidden()
