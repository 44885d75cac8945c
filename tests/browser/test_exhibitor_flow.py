import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from exhibitors.models import BoothReservation
from tests.factories import (
    BoothFactory,
    BoothTypeFactory,
    ConferenceFactory,
    ExhibitorFactory,
    HallFactory,
    ReservationFactory,
)


@pytest.fixture
def expo(transactional_db):
    conference = ConferenceFactory(is_current=True)
    hall = HallFactory(conference=conference, name_en="Hall 1")
    booth_type = BoothTypeFactory(conference=conference)
    for code in ("A-101", "A-102"):
        BoothFactory(hall=hall, booth_type=booth_type, code=code)
    # The Organiser group comes from a migration, which a transactional test's flush removes.
    group, _ = Group.objects.get_or_create(name="Organiser")
    organiser = get_user_model().objects.create_user(
        "organiser", "organiser@example.org", "organiser-pass-2030", is_staff=True, is_superuser=True
    )
    organiser.groups.add(group)
    return conference


def test_a_new_exhibitor_signs_up_reserves_and_an_organiser_confirms(contexts, live_server, expo):
    page = contexts(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/en/exhibit/sign-up/")
    page.get_by_label("E-mail").fill("li@acme.example")
    page.fill("#id_password1", "Acme-stand-2030")
    page.fill("#id_password2", "Acme-stand-2030")
    page.get_by_role("button", name="Create the account").click()
    assert page.locator("h1").inner_text() == "Check your inbox"

    link = re.search(r"http://\S+/exhibit/confirm/\S+/", mail.outbox[-1].body)[0]
    assert link.startswith(f"{live_server.url}/en/exhibit/confirm/")
    page.goto(link)
    page.get_by_role("button", name="Confirm and sign in").click()
    page.get_by_label("Company name (Chinese)").fill("艾克米传感")
    page.get_by_label("Company name (English)").fill("Acme Sensing")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Acme Sensing"

    page.get_by_role("link", name="Reserve a booth").click()
    page.get_by_role("link", name="Choose A-101").click()
    page.get_by_role("button", name="Accept and reserve A-101").click()
    assert "Booth A-101 is held for you" in page.locator(".messages").inner_text()
    page.goto(f"{live_server.url}/en/floor-plan/")
    assert page.locator("#booth-A-101 .status-label").text_content() == "Held"

    back_office = contexts().new_page()
    back_office.goto(f"{live_server.url}/admin/login/")
    back_office.fill("#id_username", "organiser")
    back_office.fill("#id_password", "organiser-pass-2030")
    back_office.click("input[type=submit]")
    for changelist, action in (("exhibitor", "approve"), ("boothreservation", "confirm")):
        back_office.goto(f"{live_server.url}/admin/exhibitors/{changelist}/")
        back_office.check("input.action-select")
        back_office.select_option("select[name=action]", action)
        back_office.click("button[name=index]")
    assert BoothReservation.objects.get().status == "confirmed"

    page.goto(f"{live_server.url}/en/floor-plan/")
    assert page.locator("#booth-A-101 .status-label").text_content() == "Booked"
    assert page.locator("#booth-A-101 td a").text_content() == "Acme Sensing"

    rival = contexts().new_page()
    get_user_model().objects.create_user("wang@rival.example", "wang@rival.example", "Rival-stand-2030")
    rival.goto(f"{live_server.url}/en/exhibit/sign-in/")
    rival.get_by_label("E-mail").fill("wang@rival.example")
    rival.fill("#id_password", "Rival-stand-2030")
    rival.get_by_role("button", name="Sign in").click()
    rival.get_by_label("Company name (Chinese)").fill("对手公司")
    rival.get_by_role("button", name="Save").click()
    rival.goto(f"{live_server.url}/en/exhibit/booths/")
    assert rival.get_by_role("link", name="Choose A-101").count() == 0
    assert rival.get_by_role("link", name="Choose A-102").count() == 1


def test_an_exhibitor_chooses_a_booth_on_the_plan_on_a_phone(phone_visit, expo):
    hall = expo.halls.get()
    corner = BoothTypeFactory(conference=expo, name_en="Corner shell", includes_en="Three walls, a table")
    BoothFactory(
        hall=hall,
        booth_type=corner,
        code="A-110",
        x=Decimal(30),
        y=Decimal(20),
        price_override=Decimal("15000.00"),
        is_corner=True,
        open_sides=2,
    )
    ReservationFactory(booth=hall.booths.get(code="A-102"), status="held")
    company = ExhibitorFactory(conference=expo, name_en="Acme Sensing", review_status="pending")
    company.users.add(get_user_model().objects.create_user("li@acme.example", "li@acme.example", "Acme-2030"))
    page = phone_visit.page
    phone_visit.goto("/en/exhibit/sign-in/")
    page.get_by_label("E-mail").fill("li@acme.example")
    page.fill("#id_password", "Acme-2030")
    page.get_by_role("button", name="Sign in", exact=True).click()

    phone_visit.goto("/en/exhibit/booths/")
    assert page.get_by_role("link", name="A-102 · Held").count() == 0
    assert page.locator(".booth-chooser .booth-held title").text_content() == "A-102 · Held"
    page.get_by_role("link", name="A-110 · Available").tap()

    panel = page.locator("#booth-panel")
    assert panel.get_by_role("heading", level=2).inner_text() == "Booth A-110, Hall 1"
    expect(page.locator("#booth-choice-title")).to_be_focused()
    assert page.url == f"{phone_visit.base_url}/en/exhibit/booths/"
    facts = panel.locator(".booth-facts").inner_text()
    for fact in (
        "Corner shell",
        "3 × 3 m (9 m²)",
        "CNY 15000.00",
        "Three walls, a table",
        "Corner booth, open on 2 sides",
    ):
        assert fact in facts
    terms = panel.locator(".booth-terms").inner_text()
    assert "The booth is held for your company for 3 days" in terms
    assert "The price is fixed when you reserve: CNY 15000.00." in terms
    assert "you can cancel the reservation" in terms
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    panel.get_by_role("button", name="Accept and reserve A-110").tap()

    assert "Booth A-110 is held for you" in page.locator(".messages").inner_text()
    reservation = BoothReservation.objects.get(booth__code="A-110")
    assert (reservation.status, reservation.price, reservation.exhibitor) == (
        "held",
        Decimal("15000.00"),
        company,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone_visit.console_errors == []
    assert phone_visit.remote_requests == []


def test_the_booth_list_fits_a_phone(phone_visit, expo):
    hall = expo.halls.get()
    for number in range(40):
        BoothFactory(hall=hall, booth_type=hall.booths.first().booth_type, code=f"C-{200 + number}")
    company = ExhibitorFactory(conference=expo, review_status="approved")
    company.users.add(get_user_model().objects.create_user("li@acme.example", "li@acme.example", "Acme-2030"))
    page = phone_visit.page
    phone_visit.goto("/en/exhibit/sign-in/")
    page.get_by_label("E-mail").fill("li@acme.example")
    page.fill("#id_password", "Acme-2030")
    page.get_by_role("button", name="Sign in", exact=True).click()

    phone_visit.goto("/en/exhibit/booths/")

    choose = page.get_by_role("link", name="Choose A-101")
    box = choose.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate("document.documentElement.scrollHeight") < 4000
    choose.tap()
    assert page.locator("h1").inner_text() == "Booth A-101, Hall 1"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone_visit.console_errors == []


def test_without_javascript_a_booth_on_the_plan_opens_its_page_with_the_terms(contexts, live_server, expo):
    company = ExhibitorFactory(conference=expo, review_status="approved")
    company.users.add(get_user_model().objects.create_user("li@acme.example", "li@acme.example", "Acme-2030"))
    page = contexts(viewport={"width": 360, "height": 740}, java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/en/exhibit/sign-in/")
    page.get_by_label("E-mail").fill("li@acme.example")
    page.fill("#id_password", "Acme-2030")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(f"{live_server.url}/en/exhibit/booths/")

    page.get_by_role("link", name="A-102 · Available").click()

    assert page.locator("h1").inner_text() == "Booth A-102, Hall 1"
    assert "Terms of the reservation" in page.locator(".booth-terms").inner_text()
    page.get_by_role("button", name="Accept and reserve A-102").click()
    assert "Booth A-102 is held for you" in page.locator(".messages").inner_text()
    assert BoothReservation.objects.get().booth.code == "A-102"
