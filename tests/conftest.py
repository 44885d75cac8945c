import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from common.pagecache import local_pages
from tests.factories import ConferenceFactory, ConferenceOrganisationFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives a test's database transaction; start each test without stale rows.
    cache.clear()
    local_pages.clear()
    yield
    cache.clear()
    local_pages.clear()


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


def member_client(exhibitor, email):
    """A client of its own, signed in as a new member of the exhibitor."""
    user = get_user_model().objects.create_user(email, email, "pw-for-tests")
    exhibitor.users.add(user)
    client = Client()
    client.force_login(user)
    return client
