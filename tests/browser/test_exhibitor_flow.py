import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from exhibitors.models import BoothReservation
from tests.factories import BoothFactory, BoothTypeFactory, ConferenceFactory, HallFactory


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
    page.get_by_role("button", name="Reserve A-101").click()
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
    assert rival.get_by_role("button", name="Reserve A-101").count() == 0
    assert rival.get_by_role("button", name="Reserve A-102").count() == 1
