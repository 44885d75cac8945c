"""The search index written by transactions at once: each change to an object indexes it again,
and two changes to one object can commit at the same moment (a booth reserved while an
organiser edits the company). On PostgreSQL, from separate threads; with a control that takes
the index's lock away and shows the second writer fail."""

import threading
from unittest import mock

import pytest
from django.db import IntegrityError

from common.models import SearchEntry
from common.search import index
from tests.factories import ExhibitorFactory
from tests.utils import needs_row_locks, race

pytestmark = [pytest.mark.django_db(transaction=True), needs_row_locks]

WRITERS = 8


def test_eight_transactions_indexing_one_exhibitor_at_once_leave_one_entry():
    exhibitor = ExhibitorFactory()

    outcomes = race(
        [lambda: index.reindex("exhibitor", [exhibitor.pk])] * WRITERS, refusals=(IntegrityError,)
    )

    assert outcomes == [None] * WRITERS
    assert SearchEntry.objects.filter(kind="exhibitor", object_id=exhibitor.pk).count() == 1


def test_control_without_the_lock_writers_indexing_one_exhibitor_collide():
    exhibitor = ExhibitorFactory()
    writers = [lambda: index.reindex("exhibitor", [exhibitor.pk])] * WRITERS
    # No entry to delete, so no row lock stands in for the index's own.
    SearchEntry.objects.all().delete()
    write = index._write
    deleted = threading.Barrier(WRITERS)

    def write_once_all_have_deleted(kind, documents, **options):
        deleted.wait(timeout=30)
        return write(kind, documents, **options)

    with (
        mock.patch.object(index, "_lock_entries", lambda kind, ids: None),
        mock.patch.object(index, "_write", write_once_all_have_deleted),
    ):
        outcomes = race(writers, refusals=(IntegrityError,))

    assert sorted(outcomes, key=str) == ["IntegrityError"] * (WRITERS - 1) + [None]
