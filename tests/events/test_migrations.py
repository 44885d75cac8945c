"""Data migrations, run backwards and forwards on a database of their own making. Migrating
needs a transactional test, which empties the database afterwards, so these live apart from the
tests that expect the migrations' rows (see tests/conftest.py)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_migration_gives_every_edition_its_own_copy_of_the_shared_kinds():
    before, after = (
        [("events", "0010_sessionkind_conference")],
        [("events", "0012_sessionkind_conference_required")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Conference_, Kind, Session_ = (
        old.get_model("events", name) for name in ("Conference", "SessionKind", "Session")
    )
    Kind.objects.all().delete()
    talk = Kind.objects.create(name="Talk", name_zh_hans="报告", slug="talk", order=1)
    first, second = (
        Conference_.objects.create(
            number=number, name=f"E{number}", name_zh_hans=f"E{number}", start_date="2030-06-20",
            end_date="2030-06-20", venue_name="V", venue_name_zh_hans="V", time_zone="Asia/Shanghai",
        )
        for number in (1, 2)
    )  # fmt: skip
    for edition in (first, second):
        Session_.objects.create(
            conference=edition, title="T", title_zh_hans="T", slug="t", kind=talk,
            start="2030-06-20T01:00:00Z", end="2030-06-20T02:00:00Z",
        )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    new = executor.loader.project_state(after).apps
    kinds = new.get_model("events", "SessionKind").objects.order_by("conference_id")
    assert [(kind.conference_id, kind.slug) for kind in kinds] == [(first.pk, "talk"), (second.pk, "talk")]
    sessions = new.get_model("events", "Session").objects.order_by("conference_id")
    assert [session.kind.conference_id for session in sessions] == [first.pk, second.pk]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
