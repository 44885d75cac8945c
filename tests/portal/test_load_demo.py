import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from events.models import Conference, ConferenceOrganisation, Organisation
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def load(*args):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue().splitlines()


def test_load_demo_creates_the_12th_edition_from_the_seed():
    load()

    conference = Conference.objects.get()
    with translation.override("en"):
        assert conference.name == (
            "The 12th China Smart City Construction Technology Conference and Equipment Expo"
        )
        assert conference.theme == "Smart City 2.0: Smart Development, Smart Future"
        assert conference.venue_name == "Beijing International Convention Center"
    assert conference.name_zh_hans == "第十二届中国智慧城市建设技术研讨会暨设备博览会"
    assert (conference.number, conference.is_current) == (12, True)
    assert (str(conference.start_date), str(conference.end_date)) == ("2018-06-20", "2018-06-20")
    assert conference.time_zone == "Asia/Shanghai"


def test_load_demo_names_the_three_co_hosts_and_the_organising_company():
    load()

    bodies = [
        (body.organisation.name_en, body.role)
        for body in ConferenceOrganisation.objects.select_related("organisation")
    ]
    assert bodies == [
        ("Chinese Academy of Surveying & Mapping", "co_host"),
        ("China Academy of Building Research", "co_host"),
        ("China Electronics Standardization Institute", "co_host"),
        ("Beijing Zhongce Huaxin Technology Development Co., Ltd.", "organiser"),
    ]
    assert all(organisation.name_zh_hans for organisation in Organisation.objects.all())


def test_load_demo_twice_changes_nothing():
    load()
    before = list(Conference.objects.values()) + list(Organisation.objects.values())

    report = load()

    after = list(Conference.objects.values()) + list(Organisation.objects.values())
    assert after == before
    assert report == [
        "Conference edition 12: unchanged",
        "Organising bodies: 0 created, 0 updated, 8 unchanged",
        "Programme: 0 created, 0 updated, 43 unchanged",
    ]
    assert ConferenceOrganisation.objects.count() == 4


def test_load_demo_repairs_an_edited_field():
    load()
    Conference.objects.update(theme_en="Edited")

    report = load()

    assert report[0] == "Conference edition 12: updated"
    assert Conference.objects.get().theme_en == "Smart City 2.0: Smart Development, Smart Future"


def test_load_demo_leaves_another_current_edition_current():
    later = ConferenceFactory(number=13, is_current=True)

    load()

    assert list(Conference.objects.current()) == [later]


def test_load_demo_organiser_is_refused_without_debug():
    with pytest.raises(CommandError, match="only created with DEBUG=1"):
        load("--organiser")

    assert not get_user_model().objects.exists()


def test_load_demo_organiser_can_sign_in_to_the_back_office(settings, client):
    settings.DEBUG = True

    report = load("--organiser")
    load("--organiser")

    assert report[-1] == "Demo organiser: sign in at /admin/ as organiser / smartcity-demo-2018"
    user = get_user_model().objects.get()
    assert (user.is_staff, user.is_superuser, [g.name for g in user.groups.all()]) == (
        True,
        False,
        ["Organiser"],
    )
    assert client.login(username="organiser", password="smartcity-demo-2018")
    assert client.get("/admin/events/conference/").status_code == 200
