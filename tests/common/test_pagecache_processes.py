"""Without Redis each process keeps its own pages, but the data's versions are files that every
process of the machine reads: a change saved by another process (an import from the command
line while `make run` serves) retires this process's pages at once."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from common import pagecache
from events.models import Session
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def in_another_process(code):
    environment = {
        **os.environ,
        "DEBUG": "1",
        "REDIS_URL": "",
        "VERSIONS_DIR": str(settings.CACHES["versions"]["LOCATION"]),
    }
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_a_change_retired_by_another_process_shows_here_on_the_next_request(client, conference):
    SessionFactory(conference=conference, title_en="Opening", title_zh_hans="开幕")
    client.get("/en/schedule/")
    # A write this process does not hear of, as one made by another process.
    Session.objects.update(title_en="Renamed")
    kept = client.get("/en/schedule/").content.decode()

    in_another_process("from common import pagecache; pagecache.bump('programme')")
    after = client.get("/en/schedule/").content.decode()

    assert pagecache.kept_per_process()
    assert ("Renamed" in kept, "Renamed" in after) == (False, True)


def test_the_versions_are_read_from_the_files_on_every_request(conference):
    before = pagecache.versions(["programme"])

    in_another_process("from common import pagecache; pagecache.bump('programme')")

    assert pagecache.versions(["programme"]) != before
