"""Races for one booth, fired from separate threads with their own database connections.
SQLite has no row locks and serialises writers, so these run on PostgreSQL (CI runs the
whole suite there too)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from exhibitors.models import BoothReservation
from exhibitors.services import BoothTaken, booth_reserve, reservation_decide
from tests.factories import BoothFactory, ExhibitorFactory, ReservationFactory

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
