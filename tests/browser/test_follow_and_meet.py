from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from tests.factories import ConferenceFactory, EquipmentFactory, ExhibitorFactory, RegistrationFactory
from tests.utils import PHONE, no_horizontal_scroll
from visitors.enums import MeetingStatus
from visitors.models import Meeting
from visitors.tokens import badge_path


def test_a_visitor_follows_an_exhibitor_asks_for_a_meeting_and_sees_it_accepted(
    contexts, live_server, transactional_db
):
    conference = ConferenceFactory(is_current=True)
    exhibitor = ExhibitorFactory(conference=conference, name_en="Acme Sensing", slug="acme")
    EquipmentFactory(exhibitor=exhibitor, name_en="Air sensor", slug="air-sensor")
    member = get_user_model().objects.create_user("li@acme.example", "li@acme.example", "Acme-stand-2030")
    exhibitor.users.add(member)
    registration = RegistrationFactory(
        conference=conference, name="Wang Fang", organisation="City Institute", confirmed_at=timezone.now()
    )

    visitor = contexts(**PHONE).new_page()
    visitor.goto(live_server.url + badge_path(registration).replace("/register/", "/en/register/", 1))
    visitor.goto(f"{live_server.url}/en/exhibitors/acme/")
    visitor.get_by_role("link", name="Follow").click()
    visitor.get_by_role("button", name="Follow").click()
    assert visitor.locator(".follow-state").inner_text() == "You follow this. It is listed in your agenda."
    assert no_horizontal_scroll(visitor)
    visitor.get_by_role("link", name="Back", exact=True).click()
    assert visitor.url == f"{live_server.url}/en/exhibitors/acme/"

    visitor.get_by_role("link", name="Request a meeting").click()
    assert no_horizontal_scroll(visitor)
    visitor.get_by_label("Time").select_option("14:30")
    visitor.get_by_label("How long").select_option("60")
    visitor.get_by_label("Message to the exhibitor").fill("About 200 sensors for the ring road")
    visitor.get_by_role("button", name="Send the request").click()
    assert visitor.url == f"{live_server.url}/en/agenda/#meetings"
    card = visitor.locator(".meeting-card")
    assert "Acme Sensing" in card.inner_text()
    assert "14:30–15:30" in card.inner_text()
    assert "Acme Sensing" in visitor.locator(".follow-list").inner_text()
    assert no_horizontal_scroll(visitor)
    meeting = Meeting.objects.get()
    assert [message.to for message in mail.outbox][-2:] == [[registration.email], [member.email]]

    team = contexts().new_page()
    team.goto(f"{live_server.url}/en/exhibit/sign-in/")
    team.fill("#id_username", "li@acme.example")
    team.fill("#id_password", "Acme-stand-2030")
    team.locator("form.stacked-form button[type=submit]").click()
    team.goto(f"{live_server.url}/en/exhibit/meetings/")
    assert "About 200 sensors for the ring road" in team.locator(f"#meeting-{meeting.pk}").inner_text()
    team.locator(f"#meeting-{meeting.pk}").get_by_role("link", name="Answer").click()
    team.get_by_label("Reply to the visitor").fill("Our sales manager Zhang Wei will meet you.")
    team.get_by_role("button", name="Accept").click()
    assert "You accepted the meeting with Wang Fang" in team.locator(".messages").inner_text()

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED
    visitor.reload()
    assert "Our sales manager Zhang Wei will meet you." in visitor.locator(".meeting-card").inner_text()
