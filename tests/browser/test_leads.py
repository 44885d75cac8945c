from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CategoryFactory, ConferenceFactory, ExhibitorFactory, RegistrationFactory
from tests.utils import PHONE, no_horizontal_scroll
from visitors.models import Lead


def test_an_exhibitor_on_a_phone_types_a_badge_code_and_sees_the_lead(
    contexts, live_server, transactional_db
):
    conference = ConferenceFactory(is_current=True)
    exhibitor = ExhibitorFactory(conference=conference, name_en="Acme Sensing")
    user = get_user_model().objects.create_user("li@acme.example", "li@acme.example", "Acme-stand-2030")
    exhibitor.users.add(user)
    registration = RegistrationFactory(
        conference=conference,
        name="Wang Fang",
        organisation="City Institute",
        email="wang.fang@example.com",
        share_contact=True,
        confirmed_at=timezone.now(),
    )
    registration.interests.add(CategoryFactory(name_en="IoT sensing"))

    page = contexts(**PHONE).new_page()
    page.goto(f"{live_server.url}/en/exhibit/sign-in/")
    page.fill("#id_username", "li@acme.example")
    page.fill("#id_password", "Acme-stand-2030")
    page.locator("form.stacked-form button[type=submit]").click()
    page.goto(f"{live_server.url}/en/exhibit/leads/scan/")
    assert no_horizontal_scroll(page)
    # Headless Chromium has no BarcodeDetector: the camera button stays hidden, typing works.
    assert page.locator("#badge-camera").is_hidden()
    page.fill("#id_code", registration.grouped_badge_code.lower())
    page.fill("#id_note", "Wants a quote for 200 sensors")
    page.select_option("#id_rating", "4")
    page.locator(".lead-scan-form button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert no_horizontal_scroll(page)

    page.locator("a[href='/en/exhibit/leads/']").first.click()
    lead = Lead.objects.get()
    card = page.locator(f"#lead-{lead.pk}")
    assert card.locator(".lead-name").inner_text() == "Wang Fang"
    assert card.locator(".lead-email").inner_text() == "wang.fang@example.com"
    assert card.locator(".lead-note").inner_text() == "Wants a quote for 200 sensors"
    assert card.locator(".lead-rating").inner_text() == "4/5"
    assert (lead.exhibitor, lead.scanned_by) == (exhibitor, user)
    assert no_horizontal_scroll(page)


# A stand-in for a browser that reads QR codes (BarcodeDetector) and a camera (a canvas's
# stream): headless Chromium has neither.
FAKE_CAMERA = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["qr_code", "ean_13"]); }
  detect() { return Promise.resolve([{ rawValue: window.__badge || "" }]); }
};
navigator.mediaDevices.getUserMedia = function () {
  var canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 10, 10);
  return Promise.resolve(canvas.captureStream());
};
"""


def test_the_camera_button_fills_the_badge_code_where_the_browser_reads_qr_codes(
    contexts, live_server, transactional_db
):
    conference = ConferenceFactory(is_current=True)
    exhibitor = ExhibitorFactory(conference=conference)
    user = get_user_model().objects.create_user("li@acme.example", "li@acme.example", "Acme-stand-2030")
    exhibitor.users.add(user)
    registration = RegistrationFactory(conference=conference, confirmed_at=timezone.now())
    context = contexts(**PHONE)
    context.add_init_script(FAKE_CAMERA)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/en/exhibit/sign-in/")
    page.fill("#id_username", "li@acme.example")
    page.fill("#id_password", "Acme-stand-2030")
    page.locator("form.stacked-form button[type=submit]").click()
    page.goto(f"{live_server.url}/en/exhibit/leads/scan/")
    page.evaluate("code => { window.__badge = code; }", registration.grouped_badge_code)

    page.locator("#badge-camera-start").click()
    # expect() polls without eval, which the site's policy (script-src 'self') refuses.
    expect(page.locator("#id_code")).to_have_value(registration.grouped_badge_code)
    assert page.locator("video.badge-camera-video").count() == 0
    page.locator(".lead-scan-form button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert Lead.objects.get().registration == registration
    assert errors == []
