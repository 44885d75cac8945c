import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from playwright.sync_api import expect

from tests.factories import CategoryFactory, ConferenceFactory
from tests.utils import PHONE, no_horizontal_scroll
from visitors.models import Registration


@pytest.fixture
def expo(transactional_db):
    conference = ConferenceFactory(is_current=True)
    CategoryFactory(name_en="IoT sensing")
    # A desk volunteer: staff with the check-in permission only (a transactional test's flush
    # removes the Organiser group that a migration made).
    desk = get_user_model().objects.create_user("desk", "desk@example.org", "desk-pass-2030", is_staff=True)
    desk.user_permissions.add(Permission.objects.get(codename="check_in_registration"))
    return conference


def test_a_visitor_registers_on_a_phone_shows_the_badge_and_is_checked_in(contexts, live_server, expo):
    page = contexts(**PHONE).new_page()
    page.goto(f"{live_server.url}/en/register/")
    assert no_horizontal_scroll(page)
    assert not page.get_by_role("checkbox", name=re.compile("Share my contact details")).is_checked()
    page.get_by_role("textbox", name="Your name", exact=True).fill("Li Ming")
    page.get_by_role("textbox", name="Organisation", exact=True).fill("City Institute")
    page.get_by_role("textbox", name="E-mail", exact=True).fill("li.ming@example.com")
    page.get_by_role("textbox", name="Mobile number", exact=True).fill("+86 138 0000 0000")
    page.get_by_label("IoT sensing").check()
    page.get_by_role("button", name="Register").click()
    assert page.locator("h1").inner_text() == "Check your inbox"

    link = re.search(r"http://\S+/register/confirm/\S+/", mail.outbox[-1].body)[0]
    assert link.startswith(f"{live_server.url}/en/register/confirm/")
    page.goto(link)
    assert page.locator("h1").inner_text() == "Confirm your registration"
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Confirm and show my badge").click()
    assert page.locator("h1").inner_text() == "Your visitor badge"
    qr = page.locator("svg.badge-qr")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 200
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    assert page.locator(".badge-name").inner_text() == "Li Ming"
    assert page.locator(".badge-organisation").inner_text() == "City Institute"
    registration = Registration.objects.get()
    assert page.locator(".badge-code code").inner_text() == registration.grouped_badge_code
    assert no_horizontal_scroll(page)

    desk = contexts().new_page()
    desk.goto(f"{live_server.url}/admin/visitors/registration/check-in/")
    desk.fill("#id_username", "desk")
    desk.fill("#id_password", "desk-pass-2030")
    desk.click("input[type=submit]")
    code_field = desk.locator("#id_code")
    # expect() waits: autofocus lands a moment after the page has loaded.
    expect(code_field).to_be_focused()
    code_field.fill(registration.grouped_badge_code.lower())
    code_field.press("Enter")
    assert "Li Ming" in desk.locator(".messagelist").inner_text()
    expect(code_field).to_be_focused()
    expect(code_field).to_have_value("")

    desk.locator("#id_code").fill(registration.badge_code)
    desk.locator("#id_code").press("Enter")
    assert "签到，经办人：desk" in desk.locator(".messagelist").inner_text()
    registration.refresh_from_db()
    assert registration.checked_in_by.username == "desk"
