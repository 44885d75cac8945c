import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from exhibitors.models import BoothReservation
from exhibitors.services import BoothTaken, booth_reserve, reservations_expire
from tests.conftest import member_client
from tests.factories import BoothFactory, BoothTypeFactory, ExhibitorFactory, HallFactory, ReservationFactory

pytestmark = pytest.mark.django_db


def en(name, *args):
    """The English address of a page, so that the assertions can read English messages."""
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def hall(conference):
    return HallFactory(conference=conference, name_en="Hall 1")


@pytest.fixture
def shell(conference):
    return BoothTypeFactory(conference=conference, price=Decimal("12800.00"))


@pytest.fixture
def company(conference):
    return ExhibitorFactory(
        conference=conference, review_status="pending", name_en="Acme", email="office@acme.example"
    )


@pytest.fixture
def acme(company):
    return member_client(company, "li@acme.example")


def test_booth_list_shows_free_booths_with_prices(acme, hall, shell):
    free = BoothFactory(hall=hall, booth_type=shell, code="A-101")
    ReservationFactory(booth=BoothFactory(hall=hall, booth_type=shell, code="A-102"), status="confirmed")

    response = acme.get("/en/exhibit/booths/")

    assert [booth.code for booth in response.context["booths"]] == [free.code]
    assert "12800.00" in response.content.decode()


@pytest.mark.parametrize("query", ["hall=abc", "booth_type=999999", "page=-5"])
def test_booth_list_bad_filters_are_ignored(acme, hall, shell, query):
    BoothFactory(hall=hall, booth_type=shell)

    response = acme.get(f"/en/exhibit/booths/?{query}")

    assert response.status_code == 200
    assert len(response.context["booths"]) == 1


def test_reserving_holds_the_booth_and_tells_exhibitor_and_organisers(
    acme, company, hall, shell, settings, django_capture_on_commit_callbacks
):
    settings.ORGANISER_EMAILS = ["expo@organiser.example"]
    booth = BoothFactory(hall=hall, booth_type=shell, code="A-101")

    with django_capture_on_commit_callbacks(execute=True):
        response = acme.post(en("exhibitors:reserve", booth.pk))

    assert response.status_code == 302
    reservation = BoothReservation.objects.get()
    assert (reservation.status, reservation.price, reservation.exhibitor) == (
        "held",
        Decimal("12800.00"),
        company,
    )
    assert timezone.now() + datetime.timedelta(days=2, hours=23) < reservation.held_until
    assert sorted(message.to[0] for message in mail.outbox) == ["expo@organiser.example", "li@acme.example"]
    plan = acme.get("/en/floor-plan/").content.decode()
    assert '<td class="status-label status-held">Held</td>' in plan


def test_a_second_exhibitor_cannot_reserve_a_held_booth_and_gets_alternatives(company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell, code="A-101")
    BoothFactory(hall=hall, booth_type=shell, code="A-102")
    booth_reserve(exhibitor=company, booth=booth)
    rival = member_client(ExhibitorFactory(conference=hall.conference), "wang@rival.example")

    response = rival.post(en("exhibitors:reserve", booth.pk))

    assert response.status_code == 409
    assert "Booth A-101 was just taken" in response.content.decode()
    assert [other.code for other in response.context["alternatives"]] == ["A-102"]
    assert BoothReservation.objects.count() == 1


def test_a_lapsed_hold_frees_the_booth_for_the_next_exhibitor(company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell)
    old = booth_reserve(exhibitor=company, booth=booth, now=timezone.now() - datetime.timedelta(days=4))
    rival = ExhibitorFactory(conference=hall.conference)

    new = booth_reserve(exhibitor=rival, booth=booth)

    old.refresh_from_db()
    assert (old.status, new.status, new.exhibitor) == ("expired", "held", rival)


def test_per_company_limit_on_active_reservations(acme, company, hall, shell, settings):
    settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS = 1
    first, second = BoothFactory(hall=hall, booth_type=shell), BoothFactory(hall=hall, booth_type=shell)
    booth_reserve(exhibitor=company, booth=first)

    response = acme.post(en("exhibitors:reserve", second.pk), follow=True)

    assert "the most allowed" in response.content.decode()
    assert BoothReservation.objects.count() == 1


def test_a_rejected_company_cannot_reserve(acme, company, hall, shell):
    company.review_status = "rejected"
    company.save()

    acme.post(reverse("exhibitors:reserve", args=[BoothFactory(hall=hall, booth_type=shell).pk]))

    assert not BoothReservation.objects.exists()


def test_reserving_a_booth_of_another_edition_is_404(acme):
    other = BoothFactory()

    assert acme.post(reverse("exhibitors:reserve", args=[other.pk])).status_code == 404


def test_reserve_needs_post(acme, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell)

    assert acme.get(en("exhibitors:reserve", booth.pk)).status_code == 405


def test_cancelling_asks_first_and_says_the_booth_is_freed_at_once(acme, company, hall, shell):
    reservation = booth_reserve(
        exhibitor=company, booth=BoothFactory(hall=hall, booth_type=shell, code="C-7")
    )
    dashboard = acme.get(en("exhibitors:dashboard")).content.decode()

    page = acme.get(en("exhibitors:reservation_cancel", reservation.pk)).content.decode()

    assert (
        f'href="{en("exhibitors:reservation_cancel", reservation.pk)}">Cancel this reservation</a>'
        in dashboard
    )
    assert "Cancel your reservation of booth C-7?" in page
    assert "The booth becomes free for other exhibitors at once." in page
    assert '<button type="submit" class="button button-danger">Yes, cancel the reservation</button>' in page
    reservation.refresh_from_db()
    assert reservation.status == "held"


def test_the_cancel_page_of_a_confirmed_reservation_sends_back_to_the_dashboard(acme, company, hall):
    reservation = ReservationFactory(exhibitor=company, booth__hall=hall, status="confirmed")

    response = acme.get(en("exhibitors:reservation_cancel", reservation.pk), follow=True)

    assert "Only a held reservation can be cancelled here" in response.content.decode()


def test_cancel_a_held_reservation(acme, company, hall, shell):
    reservation = booth_reserve(exhibitor=company, booth=BoothFactory(hall=hall, booth_type=shell))

    acme.post(en("exhibitors:reservation_cancel", reservation.pk))

    reservation.refresh_from_db()
    assert reservation.status == "cancelled"


def test_a_confirmed_reservation_cannot_be_cancelled_by_the_exhibitor(acme, company, hall, shell):
    reservation = ReservationFactory(exhibitor=company, booth__hall=hall, status="confirmed")

    response = acme.post(en("exhibitors:reservation_cancel", reservation.pk), follow=True)

    reservation.refresh_from_db()
    assert reservation.status == "confirmed"
    assert "Only a held reservation can be cancelled here" in response.content.decode()


def test_organiser_confirms_in_the_admin_and_the_plan_names_the_company(
    organiser_client, company, hall, shell, django_capture_on_commit_callbacks
):
    company.review_status = "approved"
    company.save()
    reservation = booth_reserve(
        exhibitor=company, booth=BoothFactory(hall=hall, booth_type=shell, code="A-101")
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            reverse("admin:exhibitors_boothreservation_changelist"),
            {"action": "confirm", "_selected_action": [reservation.pk]},
        )

    reservation.refresh_from_db()
    assert (reservation.status, reservation.decided_by.username) == ("confirmed", "organiser")
    assert mail.outbox[0].subject == "A-101 展位已确认 / Booth A-101 is confirmed"
    assert "<title>A-101 · Booked · Acme</title>" in organiser_client.get("/en/floor-plan/").content.decode()


def test_organiser_rejects_with_a_reason_the_exhibitor_sees(organiser_client, acme, company, hall, shell):
    reservation = booth_reserve(exhibitor=company, booth=BoothFactory(hall=hall, booth_type=shell))

    organiser_client.post(
        reverse("admin:exhibitors_boothreservation_changelist"),
        {"action": "reject", "_selected_action": [reservation.pk], "reason": "Payment not received"},
    )

    reservation.refresh_from_db()
    assert (reservation.status, reservation.reason) == ("rejected", "Payment not received")
    assert "Payment not received" in acme.get("/en/exhibit/").content.decode()


def test_confirming_a_decided_reservation_is_refused(organiser_client, company, hall):
    reservation = ReservationFactory(exhibitor=company, booth__hall=hall, status="cancelled")

    response = organiser_client.post(
        reverse("admin:exhibitors_boothreservation_changelist"),
        {"action": "confirm", "_selected_action": [reservation.pk]},
        follow=True,
    )

    reservation.refresh_from_db()
    assert reservation.status == "cancelled"
    assert next(m.level_tag for m in response.context["messages"]) == "error"


def test_holds_about_to_expire_filter(organiser_client, company, hall):
    soon = ReservationFactory(
        exhibitor=company,
        booth__hall=hall,
        status="held",
        held_until=timezone.now() + datetime.timedelta(hours=3),
    )
    ReservationFactory(exhibitor=company, booth__hall=hall, status="held")

    response = organiser_client.get(
        reverse("admin:exhibitors_boothreservation_changelist"), {"held_until": "24h"}
    )

    assert list(response.context["cl"].result_list) == [soon]


def test_expire_holds_command_marks_lapsed_holds_and_tells_the_exhibitor(
    company, hall, django_capture_on_commit_callbacks
):
    company.users.add(get_user_model().objects.create_user("li@acme.example", "li@acme.example"))
    lapsed = ReservationFactory(
        exhibitor=company,
        booth__hall=hall,
        status="held",
        held_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    current = ReservationFactory(exhibitor=company, booth__hall=hall, status="held")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_holds", verbosity=0)

    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert (lapsed.status, current.status) == ("expired", "held")
    assert "expired" in mail.outbox[0].subject
    assert reservations_expire() == 0


def test_organisers_group_members_hear_of_new_reservations(
    company, hall, shell, django_capture_on_commit_callbacks
):
    organiser = get_user_model().objects.create_user("zhang", "zhang@organiser.example")
    organiser.groups.add(Group.objects.get(name="Organiser"))

    with django_capture_on_commit_callbacks(execute=True):
        booth_reserve(exhibitor=company, booth=BoothFactory(hall=hall, booth_type=shell))

    assert ["zhang@organiser.example"] in [message.to for message in mail.outbox]


def test_booth_taken_error_names_similar_free_booths(company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell, code="A-1")
    BoothFactory(hall=hall, booth_type=shell, code="A-2")
    BoothFactory(hall=hall, booth_type=BoothTypeFactory(conference=hall.conference), code="A-3")
    booth_reserve(exhibitor=company, booth=booth)

    with pytest.raises(BoothTaken) as taken:
        booth_reserve(exhibitor=ExhibitorFactory(conference=hall.conference), booth=booth)

    assert [other.code for other in taken.value.alternatives] == ["A-2"]


def test_reserving_a_booth_twice_keeps_one_reservation_and_sends_one_email(
    acme, company, hall, shell, django_capture_on_commit_callbacks
):
    booth = BoothFactory(hall=hall, booth_type=shell, code="A-101")

    with django_capture_on_commit_callbacks(execute=True):
        first = acme.post(en("exhibitors:reserve", booth.pk))
        again = acme.post(en("exhibitors:reserve", booth.pk), follow=True)

    assert first.status_code == 302
    assert BoothReservation.objects.get().exhibitor == company
    assert [m.message for m in again.context["messages"]][-1].startswith("Booth A-101 is held for you.")
    assert [message.to for message in mail.outbox] == [["li@acme.example", "office@acme.example"]]
