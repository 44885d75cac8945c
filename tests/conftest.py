from collections import defaultdict

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.servers.basehttp import WSGIServer
from django.test.utils import override_settings
from django.utils import translation

from common.pagecache import local_pages, version_store
from tests.factories import ConferenceFactory, ConferenceOrganisationFactory
from tests.utils import closed_port

# The live server takes 40 connections arriving at once (the race tests), as a real server's
# listen queue does; Django's test server queues ten and resets the rest.
WSGIServer.request_queue_size = 128


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # Django's default hasher takes a third of a second by design; tests sign in hundreds of
    # users and test what the site does with passwords, not the hasher's strength.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _versions_in_a_temporary_folder(tmp_path_factory):
    # Without Redis the data's versions are files (common.pagecache.version_store); each test
    # worker keeps its own, so that one worker's change does not retire another's pages.
    caches = {**settings.CACHES}
    if "versions" in caches:
        caches["versions"] = {**caches["versions"], "LOCATION": str(tmp_path_factory.mktemp("versions"))}
    with override_settings(CACHES=caches):
        yield


def _forget_everything():
    cache.clear()
    version_store().clear()
    local_pages.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives a test's database transaction; start each test without stale rows.
    _forget_everything()
    yield
    _forget_everything()


@pytest.fixture(autouse=True)
def _no_export_builds(settings):
    # A programme change would build the exports in a thread a few seconds later, outliving the
    # test's transaction; tests of the builds turn it on (tests/events/test_prebuild.py).
    settings.EXPORT_BUILD_DELAY_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread; each test starts in Chinese.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def organiser_client(client, django_user_model):
    """A client signed in as a staff member of the Organiser group, not a superuser."""
    user = django_user_model.objects.create_user("organiser", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="Organiser"))
    client.force_login(user)
    return client


@pytest.fixture
def conference(db):
    """The current edition with a co-host and an organiser."""
    conference = ConferenceFactory(is_current=True)
    ConferenceOrganisationFactory(
        conference=conference,
        organisation__name_zh_hans="甲研究院",
        organisation__name_en="Alpha Institute",
        role="co_host",
        order=1,
    )
    ConferenceOrganisationFactory(
        conference=conference,
        organisation__name_zh_hans="乙公司",
        organisation__name_en="Beta Company",
        role="organiser",
        order=2,
    )
    return conference


def _database_use(item):
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if (marker and marker.kwargs.get("transaction")) or fixtures & {"transactional_db", "live_server"}:
        return "emptied afterwards"
    if marker or "db" in fixtures:
        return "rolled back"
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # A transactional test (live server, threads, migrations) empties the database when it
    # ends, the migrations' rows (the Organiser group) included. pytest-django runs them after
    # the others, and `make test` hands whole files to its workers in that order; a file that
    # held both kinds would empty the database under the next file's tests on its worker.
    uses = defaultdict(set)
    for item in items:
        if use := _database_use(item):
            uses[item.path].add(use)
    mixed = sorted(str(path) for path, kinds in uses.items() if len(kinds) > 1)
    if mixed:
        raise pytest.UsageError(
            "These files mix transactional tests with tests in a rolled-back transaction; move "
            f"the transactional ones to a file of their own: {', '.join(mixed)}"
        )


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}"


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    # Uploads and generated demo pictures never land in the project's media folders.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    private = {**settings.STORAGES["private"]}
    if private["BACKEND"].endswith("FileSystemStorage"):
        private["OPTIONS"] = {**private["OPTIONS"], "location": tmp_path_factory.mktemp("private-media")}
        settings.STORAGES = {**settings.STORAGES, "private": private}


@pytest.fixture
def newcomer(client, django_user_model, conference):
    """A client signed in as a user who has no company yet."""
    user = django_user_model.objects.create_user("li@acme.example", "li@acme.example", "pw-for-tests")
    client.force_login(user)
    return client


@pytest.fixture
def refused_port():
    """A local port that refuses connections for the whole test."""
    with closed_port() as port:
        yield port
