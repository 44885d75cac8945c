"""Confirmations of one import preview arriving together (a double click, two tabs, a proxy's
retry), on PostgreSQL with its row locks, from threads with their own connections: the
programme is imported once. The control takes the lock away and shows the race bite."""

import threading
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.db.models import QuerySet

from events import services
from events.models import ProgrammeUpload, Session
from tests.utils import RACE_TIMEOUT, needs_row_locks, race

from .frab_files import as_json, programme

pytestmark = [pytest.mark.django_db(transaction=True), needs_row_locks]

CLICKS = 8


def confirmations():
    organiser = get_user_model().objects.create_user("organiser", is_staff=True)
    upload = services.programme_upload_preview(
        user=organiser,
        content=as_json(programme(sessions=5)),
        name="schedule.json",
        edition=3,
        language="zh-hans",
        time_zone="",
        make_current=False,
    )

    def confirm():
        report = services.programme_upload_apply(upload_id=upload.pk, user=organiser)
        return report.created if report else None

    return [confirm] * CLICKS


def test_eight_confirmations_at_once_import_the_programme_once():
    outcomes = race(confirmations())

    assert sorted(outcomes, key=str) == [5] + [None] * (CLICKS - 1)
    assert Session.objects.count() == 5
    assert ProgrammeUpload.objects.count() == 0


def test_control_without_the_lock_more_than_one_confirmation_imports():
    targets = confirmations()
    read = threading.Barrier(CLICKS)
    first = QuerySet.first

    def first_once_all_have_read(queryset):
        found = first(queryset)
        if queryset.model is ProgrammeUpload:
            read.wait(timeout=RACE_TIMEOUT)
        return found

    with (
        mock.patch.object(QuerySet, "select_for_update", lambda queryset, *args, **kwargs: queryset),
        mock.patch.object(QuerySet, "first", first_once_all_have_read),
    ):
        outcomes = race(targets, refusals=(IntegrityError,))

    assert outcomes.count(None) < CLICKS - 1
