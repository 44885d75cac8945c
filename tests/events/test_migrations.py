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


def test_a_sessions_language_field_becomes_its_languages_and_back():
    before, after = [("events", "0016_conference_unique_acronym")], [("events", "0017_session_languages")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Conference_, Kind, Session_ = (
        old.get_model("events", name) for name in ("Conference", "SessionKind", "Session")
    )
    edition = Conference_.objects.create(
        number=1, name="E", name_zh_hans="E", start_date="2030-06-20", end_date="2030-06-20",
        venue_name="V", venue_name_zh_hans="V", time_zone="Asia/Shanghai", acronym="e1",
    )  # fmt: skip
    kind = Kind.objects.create(conference=edition, name="Talk", name_zh_hans="报告", slug="talk", order=1)
    for slug, language in [("both", "zh-hans+en"), ("chinese", "zh-hans"), ("german", "de"), ("none", "")]:
        Session_.objects.create(
            conference=edition, title=slug, title_zh_hans=slug, slug=slug, kind=kind, language=language,
            start="2030-06-20T01:00:00Z", end="2030-06-20T02:00:00Z",
        )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    new = executor.loader.project_state(after).apps
    rows = new.get_model("events", "SessionLanguage").objects.order_by("session__slug", "order")
    assert [(row.session.slug, row.code) for row in rows] == [
        ("both", "zh"),
        ("both", "en"),
        ("chinese", "zh"),
        ("german", "de"),
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    back = executor.loader.project_state(before).apps.get_model("events", "Session").objects
    assert dict(back.values_list("slug", "language")) == {
        "both": "zh-hans+en",
        "chinese": "zh-hans",
        "german": "de",
        "none": "zh-hans",  # the old field had no "none": its default
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
