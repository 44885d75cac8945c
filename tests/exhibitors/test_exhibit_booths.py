import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from exhibitors.models import BoothReservation
from exhibitors.services import BoothTaken, booth_reserve, reservations_expire
from tests.factories import BoothFactory, BoothTypeFactory, ExhibitorFactory, HallFactory, ReservationFactory
from tests.utils import member_client

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


def member_client_user(exhibitor, email="zhao@acme.example"):
    """A new user managing the exhibitor, for a client of the test's own making."""
    user = get_user_model().objects.create_user(email, email, "pw-for-tests")
    exhibitor.users.add(user)
    return user


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


# Choosing a booth: the plan, the list that fits a phone, the booth's page with the terms.


def test_booth_list_draws_the_hall_plan_with_free_booths_as_links_to_their_pages(acme, hall, shell):
    free = BoothFactory(hall=hall, booth_type=shell, code="A-101")
    ReservationFactory(booth=BoothFactory(hall=hall, booth_type=shell, code="A-102"), status="held")
    ReservationFactory(booth=BoothFactory(hall=hall, booth_type=shell, code="A-103"), status="confirmed")

    content = acme.get("/en/exhibit/booths/").content.decode()

    link = f'<a href="/en/exhibit/booths/{free.pk}/" class="booth booth-available"><title>A-101 · Available'
    assert link in content
    assert '<g class="booth booth-held"><title>A-102 · Held</title>' in content
    assert '<g class="booth booth-booked"><title>A-103 · Booked · ' in content
    assert content.count('class="booth booth-available"><title>') == 1


def test_booth_list_shows_one_hall_at_a_time_and_free_booths_by_default(acme, conference, hall, shell):
    other_hall = HallFactory(conference=conference, name_en="Hall 2", order=2)
    BoothFactory(hall=hall, booth_type=shell, code="A-1")
    ReservationFactory(booth=BoothFactory(hall=hall, booth_type=shell, code="A-2"), status="held")
    BoothFactory(hall=other_hall, booth_type=shell, code="B-1")

    first = acme.get("/en/exhibit/booths/")
    second = acme.get(f"/en/exhibit/booths/?hall={other_hall.pk}")
    everything = acme.get("/en/exhibit/booths/?show=all")

    assert [booth.code for booth in first.context["booths"]] == ["A-1"]
    assert [booth.code for booth in second.context["booths"]] == ["B-1"]
    assert [(booth.code, booth.availability) for booth in everything.context["booths"]] == [
        ("A-1", "available"),
        ("A-2", "held"),
    ]
    assert '<span class="booth-status booth-status-held">Held</span>' in everything.content.decode()
    assert f'href="?hall={other_hall.pk}">Hall 2</a>' in first.content.decode()


def test_booth_list_filters_by_type_and_pages_through_a_large_hall(acme, conference, hall, shell):
    raw = BoothTypeFactory(conference=conference, name_en="Raw space", pricing="per_m2", price=Decimal("300"))
    for number in range(30):
        BoothFactory(hall=hall, booth_type=shell, code=f"A-{100 + number}")
    BoothFactory(hall=hall, booth_type=raw, code="A-900", width=Decimal("6"), depth=Decimal("6"))

    first = acme.get("/en/exhibit/booths/")
    last = acme.get("/en/exhibit/booths/?page=3")
    raw_only = acme.get(f"/en/exhibit/booths/?booth_type={raw.pk}")

    assert len(first.context["booths"]) == 12
    assert first.context["paginator"].count == 31
    assert [booth.code for booth in last.context["booths"]][-1] == "A-900"
    assert [(booth.code, booth.price) for booth in raw_only.context["booths"]] == [
        ("A-900", Decimal("10800.00"))
    ]


def test_the_list_says_which_booths_are_the_companys_own(acme, company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell, code="A-1")
    booth_reserve(exhibitor=company, booth=booth)

    content = acme.get("/en/exhibit/booths/?show=all").content.decode()

    assert '<span class="booth-status booth-status-held">Held for your company</span>' in content
    assert "Choose A-1</a>" not in content


@pytest.mark.parametrize("size", [2, 40])
def test_booth_list_query_count_does_not_grow(acme, conference, hall, shell, size, django_assert_num_queries):
    other_type = BoothTypeFactory(conference=conference)
    for number in range(size):
        booth = BoothFactory(hall=hall, booth_type=shell if number % 2 else other_type)
        if number % 3 == 0:
            ReservationFactory(booth=booth, status="confirmed" if number % 2 else "held")
    acme.get("/en/exhibit/booths/")

    # Session, user, company; halls; count and page of booths; the plan's booths and their
    # companies; the filter's booth type, and the booth types to choose from.
    with django_assert_num_queries(10):
        response = acme.get(f"/en/exhibit/booths/?show=all&booth_type={shell.pk}")

    assert len(response.context["booths"]) == min(size // 2, 12)


def test_booth_page_shows_size_price_what_is_included_and_the_terms(acme, conference, hall, settings):
    settings.EXHIBIT_HOLD_DAYS = 2
    settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS = 3
    shell = BoothTypeFactory(conference=conference, name_en="Shell booth", includes_en="Three walls, a table")
    booth = BoothFactory(
        hall=hall,
        booth_type=shell,
        code="A-110",
        width=Decimal("3"),
        depth=Decimal("2.5"),
        price_override=Decimal("9900.00"),
        is_corner=True,
        open_sides=2,
    )

    response = acme.get(en("exhibitors:booth_detail", booth.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="booth-choice-title" tabindex="-1">Booth A-110, Hall 1</h1>' in content
    assert "<dd>Shell booth</dd>" in content
    assert "3 × 2.5 m (7.5 m²)" in content
    assert '<strong class="booth-price">CNY 9900.00</strong>' in content
    assert "(a price set for this booth)" in content
    assert "<dd>Three walls, a table</dd>" in content
    assert "Corner booth, open on 2 sides" in content
    assert "The booth is held for your company for 2 days (until " in content
    assert "The price is fixed when you reserve: CNY 9900.00." in content
    assert "A company can have at most 3 booths held or confirmed at a time." in content
    assert f'<form method="post" action="{en("exhibitors:reserve", booth.pk)}" class="actions">' in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert '<button type="submit" class="button">Accept and reserve A-110</button>' in content


def test_booth_page_of_raw_space_shows_the_price_per_square_metre(acme, conference, hall):
    raw = BoothTypeFactory(conference=conference, pricing="per_m2", price=Decimal("300.00"), includes_en="")
    booth = BoothFactory(hall=hall, booth_type=raw, width=Decimal("6"), depth=Decimal("6"))

    content = acme.get(en("exhibitors:booth_detail", booth.pk)).content.decode()

    assert '<strong class="booth-price">CNY 10800.00</strong>' in content
    assert "(CNY 300.00 per m² × 36 m²)" in content
    assert "<dd>Floor space only</dd>" in content


def test_looking_at_a_booth_page_changes_nothing(acme, company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell)
    lapsed = ReservationFactory(
        booth=booth, status="held", held_until=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = acme.get(en("exhibitors:booth_detail", booth.pk))

    lapsed.refresh_from_db()
    assert response.status_code == 200
    assert response.context["booth"].availability == "available"
    assert list(BoothReservation.objects.values_list("status", flat=True)) == ["held"]
    assert mail.outbox == []


def test_a_taken_booth_page_says_so_offers_others_and_has_no_reserve_button(acme, conference, hall, shell):
    held = BoothFactory(hall=hall, booth_type=shell, code="A-1")
    rival = ExhibitorFactory(conference=conference, name_en="Rival Ltd")
    ReservationFactory(booth=held, exhibitor=rival, status="held")
    free = BoothFactory(hall=hall, booth_type=shell, code="A-2")

    content = acme.get(en("exhibitors:booth_detail", held.pk)).content.decode()

    assert '<span class="booth-status booth-status-held">Held</span>' in content
    assert "Another exhibitor holds this booth, so it cannot be chosen now." in content
    assert f'<a href="{en("exhibitors:booth_detail", free.pk)}">A-2</a>' in content
    assert "Accept and reserve" not in content
    assert "Rival Ltd" not in content


def test_the_companys_own_booth_page_says_it_has_it(acme, company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell)
    booth_reserve(exhibitor=company, booth=booth)

    content = acme.get(en("exhibitors:booth_detail", booth.pk)).content.decode()

    assert "Your company already has this booth" in content
    assert "Accept and reserve" not in content


def test_a_rejected_company_sees_the_booth_but_no_reserve_button(acme, company, hall, shell):
    company.review_status = "rejected"
    company.save()

    content = acme.get(
        en("exhibitors:booth_detail", BoothFactory(hall=hall, booth_type=shell).pk)
    ).content.decode()

    assert "Your company was not approved, so it cannot reserve booths." in content
    assert "Accept and reserve" not in content


def test_booth_pages_of_unknown_booths_and_other_editions_are_404(acme, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell)

    assert acme.get(en("exhibitors:booth_detail", booth.pk + 1000)).status_code == 404
    assert acme.get(en("exhibitors:booth_detail", BoothFactory().pk)).status_code == 404


def test_booth_pages_need_a_signed_in_exhibitor(client, conference, hall, shell, django_user_model):
    booth = BoothFactory(hall=hall, booth_type=shell)
    anonymous = client.get(en("exhibitors:booth_detail", booth.pk))
    client.force_login(django_user_model.objects.create_user("new@example.org", "new@example.org"))

    without_company = client.get(en("exhibitors:booth_detail", booth.pk))
    post_without_company = client.post(en("exhibitors:reserve", booth.pk))

    assert anonymous["Location"].startswith("/en/exhibit/sign-in/?next=")
    assert without_company["Location"] == en("exhibitors:company")
    assert post_without_company["Location"] == en("exhibitors:company")
    assert not BoothReservation.objects.exists()


def test_reserving_from_the_booth_page_with_its_csrf_token_holds_the_booth(company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell, code="A-101")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member_client_user(company))
    page = browser.get(en("exhibitors:booth_detail", booth.pk)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    response = browser.post(en("exhibitors:reserve", booth.pk), {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert response["Location"] == en("exhibitors:dashboard")
    assert list(BoothReservation.objects.values_list("booth__code", "status", "exhibitor")) == [
        ("A-101", "held", company.pk)
    ]


def test_a_forged_reservation_without_csrf_token_is_refused(company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell)
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(member_client_user(company))

    response = forger.post(en("exhibitors:reserve", booth.pk))

    assert response.status_code == 403
    assert not BoothReservation.objects.exists()


def test_a_refused_reservation_returns_to_the_booth_page_with_the_reason(acme, company, hall, shell):
    company.review_status = "rejected"
    company.save()
    booth = BoothFactory(hall=hall, booth_type=shell)

    response = acme.post(en("exhibitors:reserve", booth.pk))

    assert response["Location"] == en("exhibitors:booth_detail", booth.pk)
    assert not BoothReservation.objects.exists()


def test_the_taken_page_leads_to_the_terms_of_the_other_booths(company, hall, shell):
    booth = BoothFactory(hall=hall, booth_type=shell, code="A-1")
    other = BoothFactory(hall=hall, booth_type=shell, code="A-2")
    booth_reserve(exhibitor=company, booth=booth)
    rival = member_client(ExhibitorFactory(conference=hall.conference), "wang@rival.example")

    content = rival.post(en("exhibitors:reserve", booth.pk)).content.decode()

    assert f'<a class="button" href="{en("exhibitors:booth_detail", other.pk)}">Choose A-2</a>' in content


@pytest.mark.parametrize("size", [2, 40])
def test_booth_page_query_count_does_not_grow(acme, conference, hall, shell, size, django_assert_num_queries):
    taken = BoothFactory(hall=hall, booth_type=shell)
    ReservationFactory(booth=taken, status="confirmed")
    elsewhere = HallFactory(conference=conference)
    for _ in range(size):
        BoothFactory(hall=elsewhere, booth_type=shell)
    acme.get(en("exhibitors:booth_detail", taken.pk))

    # Session, user, company; the booth; similar free booths in its hall and in the others.
    with django_assert_num_queries(6):
        response = acme.get(en("exhibitors:booth_detail", taken.pk))

    assert len(response.context["alternatives"]) == min(size, 5)
