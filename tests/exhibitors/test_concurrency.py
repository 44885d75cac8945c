"""Races for one booth, one company's limit, one address and one form, fired from separate
threads with their own database connections. SQLite has no row locks and serialises writers,
so these run on PostgreSQL (CI runs the whole suite there too). Each guard's test has a control
that takes the guard away and shows the race win, so the test is known to bite."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from exhibitors.models import BoothReservation, Equipment, Exhibitor
from exhibitors.services import BoothTaken, booth_reserve, reservation_decide
from tests.factories import (
    BoothFactory,
    BoothTypeFactory,
    CategoryFactory,
    ConferenceFactory,
    ExhibitorFactory,
    ReservationFactory,
)
from tests.utils import (
    PASSWORD,
    company_form,
    equipment_form,
    needs_row_locks,
    race,
    without_constraint,
    without_the_lock,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_row_locks,
]

ATTEMPTS = 20
BOOTH_TAKEN = (BoothTaken, ValidationError)


def exhibitors_reserving_one_booth():
    booth = BoothFactory()
    exhibitors = [ExhibitorFactory(conference=booth.conference) for _ in range(ATTEMPTS)]
    return booth, [
        lambda exhibitor=exhibitor: booth_reserve(exhibitor=exhibitor, booth=booth).status
        for exhibitor in exhibitors
    ]


def test_twenty_exhibitors_racing_for_one_booth_leave_exactly_one_reservation():
    booth, attempts = exhibitors_reserving_one_booth()

    outcomes = race(attempts, refusals=BOOTH_TAKEN)

    assert sorted(outcomes) == ["BoothTaken"] * (ATTEMPTS - 1) + ["held"]
    assert BoothReservation.objects.filter(booth=booth).count() == 1


def test_control_without_the_booth_lock_the_constraint_still_keeps_one_reservation():
    booth, attempts = exhibitors_reserving_one_booth()

    with without_the_lock(BoothReservation, ATTEMPTS):
        outcomes = race(attempts, refusals=BOOTH_TAKEN)

    assert sorted(outcomes) == ["BoothTaken"] * (ATTEMPTS - 1) + ["held"]
    assert BoothReservation.objects.filter(booth=booth).count() == 1


def test_control_without_the_lock_and_the_constraint_every_exhibitor_holds_the_booth():
    booth, attempts = exhibitors_reserving_one_booth()

    with (
        without_constraint(BoothReservation, "exhibitors_reservation_one_active_per_booth"),
        without_the_lock(BoothReservation, ATTEMPTS),
    ):
        outcomes = race(attempts, refusals=BOOTH_TAKEN)
        held = BoothReservation.objects.filter(booth=booth, status="held").count()

    assert outcomes == ["held"] * ATTEMPTS
    assert held == ATTEMPTS


def organisers_deciding_one_reservation(django_user_model):
    reservation = ReservationFactory(status="held")
    organisers = [django_user_model.objects.create_user(f"organiser{n}") for n in range(2)]
    return reservation, [
        lambda: reservation_decide(reservation=reservation, user=organisers[0], confirm=True).status,
        lambda: (
            reservation_decide(reservation=reservation, user=organisers[1], confirm=False, reason="No").status
        ),
    ]


def test_two_organisers_deciding_one_reservation_at_once_decide_it_once(django_user_model):
    reservation, decisions = organisers_deciding_one_reservation(django_user_model)

    outcomes = race(decisions)

    assert sorted(outcomes) in (["ValidationError", "confirmed"], ["ValidationError", "rejected"])
    assert (
        BoothReservation.objects.filter(booth=reservation.booth, status__in=["confirmed", "rejected"]).count()
        == 1
    )


def test_control_without_the_lock_both_organisers_decide_one_reservation(django_user_model):
    _, decisions = organisers_deciding_one_reservation(django_user_model)

    with without_the_lock(BoothReservation, 2):
        outcomes = race(decisions)

    assert sorted(outcomes) == ["confirmed", "rejected"]


def clicks_on_ten_booths(settings):
    settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS = 2
    exhibitor = ExhibitorFactory()
    # Booths of different types, so no booth lock stands in for the company's.
    booths = [BoothFactory(conference=exhibitor.conference, booth_type=BoothTypeFactory()) for _ in range(10)]
    return exhibitor, [
        lambda booth=booth: booth_reserve(exhibitor=exhibitor, booth=booth).status for booth in booths
    ]


def test_double_clicks_on_many_booths_at_once_keep_the_company_limit(settings):
    exhibitor, clicks = clicks_on_ten_booths(settings)

    outcomes = race(clicks, refusals=BOOTH_TAKEN)

    assert sorted(outcomes) == ["ValidationError"] * 8 + ["held"] * 2
    assert BoothReservation.objects.filter(exhibitor=exhibitor, status="held").count() == 2


def test_control_without_the_company_lock_every_click_holds_a_booth(settings):
    exhibitor, clicks = clicks_on_ten_booths(settings)

    with without_the_lock(BoothReservation, 10):
        outcomes = race(clicks, refusals=BOOTH_TAKEN)

    assert outcomes == ["held"] * 10
    assert BoothReservation.objects.filter(exhibitor=exhibitor, status="held").count() == 10


def signed_in_client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_one_address_signing_up_twice_at_once_makes_one_account(django_user_model):
    ConferenceFactory(is_current=True)
    form = {"email": "li@example.com", "password1": PASSWORD, "password2": PASSWORD}

    outcomes = race([lambda: Client(raise_request_exception=False).post("/en/exhibit/sign-up/", form)] * 4)

    statuses = sorted(response.status_code for response in outcomes)
    assert statuses == [200] * 4
    assert sum("Check your inbox" in response.content.decode() for response in outcomes) == 1
    assert django_user_model.objects.count() == 1


def test_one_user_creating_the_company_twice_at_once_makes_one_company(django_user_model):
    ConferenceFactory(is_current=True)
    user = django_user_model.objects.create_user("li@acme.example", "li@acme.example", PASSWORD)
    clients = [signed_in_client(user) for _ in range(4)]

    outcomes = race(
        [lambda client=client: client.post("/en/exhibit/company/", company_form()) for client in clients]
    )

    assert [response.status_code for response in outcomes] == [302] * 4
    assert Exhibitor.objects.count() == 1
    assert list(Exhibitor.objects.get().users.all()) == [user]


def test_two_companies_with_one_name_at_once_get_their_own_slugs(django_user_model):
    ConferenceFactory(is_current=True)
    clients = [
        signed_in_client(django_user_model.objects.create_user(f"user{n}@example.com")) for n in range(4)
    ]

    outcomes = race(
        [lambda client=client: client.post("/en/exhibit/company/", company_form()) for client in clients]
    )

    assert [response.status_code for response in outcomes] == [302] * 4
    assert sorted(Exhibitor.objects.values_list("slug", flat=True)) == [
        "acme-sensing",
        "acme-sensing-2",
        "acme-sensing-3",
        "acme-sensing-4",
    ]


def test_one_listing_form_posted_twice_at_once_saves_one_listing(django_user_model):
    exhibitor = ExhibitorFactory(conference=ConferenceFactory(is_current=True), slug="acme")
    user = django_user_model.objects.create_user("li@acme.example")
    exhibitor.users.add(user)
    form = equipment_form(
        CategoryFactory(parent=CategoryFactory()), submission="0123456789abcdef0123456789abcdef"
    )
    clients = [signed_in_client(user) for _ in range(4)]

    outcomes = race(
        [lambda client=client: client.post("/en/exhibit/equipment/new/", form) for client in clients]
    )

    assert [response.status_code for response in outcomes] == [302] * 4
    assert Equipment.objects.count() == 1


def test_listings_with_one_name_saved_at_once_get_their_own_slugs(django_user_model):
    exhibitor = ExhibitorFactory(conference=ConferenceFactory(is_current=True), slug="acme")
    user = django_user_model.objects.create_user("li@acme.example")
    exhibitor.users.add(user)
    category = CategoryFactory(parent=CategoryFactory())
    clients = [signed_in_client(user) for _ in range(4)]

    outcomes = race(
        [
            lambda client=client: client.post("/en/exhibit/equipment/new/", equipment_form(category))
            for client in clients
        ]
    )

    assert [response.status_code for response in outcomes] == [302] * 4
    assert Equipment.objects.count() == 4
