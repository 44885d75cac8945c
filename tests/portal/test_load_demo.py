import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from events.models import Conference, ConferenceOrganisation, Organisation, Session, Speaker
from events.selectors import session_conflicts
from exhibitors.models import Booth, Equipment, EquipmentImage, Exhibitor
from exhibitors.selectors import hall_plans
from standards.models import Article, Publication, Standard
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
        "Programme: 0 created, 0 updated, 53 unchanged",
        "Standards and news: 0 created, 0 updated, 6 unchanged",
        "Expo: 0 created, 0 updated, 139 unchanged",
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


def test_load_demo_programme_opens_with_the_ceremony_and_its_four_speakers():
    load()

    opening = Session.objects.get(slug="opening-ceremony")
    speakers = [link.speaker.name_en for link in opening.session_speakers.select_related("speaker")]
    assert speakers == ["Song Chaozhi", "Dai Hong", "Wang Jianqing", "Sun Wenlong"]
    assert (opening.status, opening.start.isoformat()) == ("published", "2018-06-20T01:00:00+00:00")
    assert Session.objects.get(slug="whitepaper-release").title_en == (
        "Release of the Whitepaper on New Smart City Development 2018"
    )


def test_load_demo_marks_every_invented_session_and_speaker_as_a_sample():
    load()

    real = {"opening-ceremony", "whitepaper-release"}
    for session in Session.objects.exclude(slug__in=real):
        assert session.title_zh_hans.startswith("【示例】"), session.slug
        assert session.title_en.startswith("[Sample] "), session.slug
    invented = Speaker.objects.exclude(slug__in=["song-chaozhi", "dai-hong", "wang-jianqing", "sun-wenlong"])
    assert {speaker.name_en for speaker in invented} == {
        "Sample Speaker A",
        "Sample Speaker B",
        "Sample Speaker C",
    }


def test_load_demo_programme_has_no_conflicts():
    load()

    assert session_conflicts(Conference.objects.get()) == {}


def test_load_demo_standards_news_come_from_the_seed():
    load()

    standard = Standard.objects.get()
    assert (standard.code, standard.status, str(standard.issued_on), str(standard.effective_on)) == (
        "GB/T 36333-2018",
        "in_force",
        "2018-06-07",
        "2019-01-01",
    )
    assert [article.title_en for article in Article.objects.published().order_by("pk")] == [
        "Plans for 41 basic and general national standards for smart cities approved",
        "Five national standards for smart cities approved and issued",
        "Next steps in smart city standardisation",
        "Whitepaper on New Smart City Development 2018 released",
    ]
    assert list(Article.objects.get(slug="five-smart-city-standards-issued").related_standards.all()) == [
        standard
    ]
    assert Publication.objects.get().contents == [
        "前言",
        "第一部分",
        "第二部分",
        "第三部分",
        "第四部分",
        "第五部分",
    ]


def test_load_demo_expo_has_two_halls_of_about_sixty_booths_in_every_status():
    load()

    conference = Conference.objects.get()
    plans = hall_plans(conference)
    statuses = {item.booth.availability.value for plan in plans for item in plan.booths}
    assert [plan.hall.name_en for plan in plans] == ["Hall 1", "Hall 2"]
    assert Booth.objects.count() == 60
    assert statuses == {"available", "held", "booked"}
    assert Booth.objects.filter(booth_type__pricing="per_m2").count() == 4


def test_load_demo_exhibitors_and_products_are_marked_samples_with_generated_pictures():
    load()

    assert Exhibitor.objects.count() == 15
    assert all(
        e.name_zh_hans.startswith("【示例】") and e.name_en.startswith("[Sample] ")
        for e in Exhibitor.objects.all()
    )
    assert all(item.name_en.startswith("[Sample] ") for item in Equipment.objects.all())
    assert all(e.logo and e.logo_thumbnail for e in Exhibitor.objects.all())
    assert EquipmentImage.objects.count() == 45
    assert Equipment.objects.filter(standards__code="GB/T 36333-2018").count() == 10
