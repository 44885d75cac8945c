"""Races for one booth, one company's limit, one address and one form, fired from separate
threads with their own database connections. SQLite has no row locks and serialises writers,
so these run on PostgreSQL (CI runs the whole suite there too)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
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
from tests.utils import PASSWORD, company_form, equipment_form

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL's row locks"),
]

ATTEMPTS = 20


def race(targets):
    """Run each callable in its own thread, all released at once; returns their outcomes."""
    barrier = threading.Barrier(len(targets))
    outcomes = []

    def run(target):
        try:
            barrier.wait(timeout=30)
            outcomes.append(target())
        except (BoothTaken, ValidationError) as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_twenty_exhibitors_racing_for_one_booth_leave_exactly_one_reservation():
    booth = BoothFactory()
    exhibitors = [ExhibitorFactory(conference=booth.conference) for _ in range(ATTEMPTS)]

    outcomes = race(
        [
            lambda exhibitor=exhibitor: booth_reserve(exhibitor=exhibitor, booth=booth).status
            for exhibitor in exhibitors
        ]
    )

    assert sorted(outcomes) == ["BoothTaken"] * (ATTEMPTS - 1) + ["held"]
    assert BoothReservation.objects.filter(booth=booth).count() == 1


def test_two_organisers_deciding_one_reservation_at_once_decide_it_once(django_user_model):
    reservation = ReservationFactory(status="held")
    organisers = [django_user_model.objects.create_user(f"organiser{n}") for n in range(2)]

    outcomes = race(
        [
            lambda: reservation_decide(reservation=reservation, user=organisers[0], confirm=True).status,
            lambda: (
                reservation_decide(
                    reservation=reservation, user=organisers[1], confirm=False, reason="No"
                ).status
            ),
        ]
    )

    assert sorted(outcomes) in (["ValidationError", "confirmed"], ["ValidationError", "rejected"])
    assert (
        BoothReservation.objects.filter(booth=reservation.booth, status__in=["confirmed", "rejected"]).count()
        == 1
    )


def test_double_clicks_on_many_booths_at_once_keep_the_company_limit(settings):
    settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS = 2
    exhibitor = ExhibitorFactory()
    # Booths of different types, so no booth lock stands in for the company's.
    booths = [BoothFactory(conference=exhibitor.conference, booth_type=BoothTypeFactory()) for _ in range(10)]

    outcomes = race(
        [lambda booth=booth: booth_reserve(exhibitor=exhibitor, booth=booth).status for booth in booths]
    )

    assert sorted(outcomes) == ["ValidationError"] * 8 + ["held"] * 2
    assert BoothReservation.objects.filter(exhibitor=exhibitor, status="held").count() == 2


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
