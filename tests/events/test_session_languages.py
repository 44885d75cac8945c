"""A session's languages: every one a programme lists, in its order, or none at all; named in
both site languages; a filter for any of them; exported as the source wrote them; set in the
back office as a line of codes."""

import pytest
from django.urls import reverse

from events.models import Session, SessionLanguage
from tests.factories import RoomFactory, SessionFactory
from tests.utils import session_form

from .frab_files import as_json, as_xml, exported_events, frab_schema_errors, programme, run_import

pytestmark = pytest.mark.django_db

# As a congress lists them: two either way round, none, one typed on a Chinese keyboard.
WRITTEN = ["de, en", "en,de", "", "ｄｅ"]


def with_languages(written=WRITTEN):
    description = programme(sessions=len(written))
    for event, language in zip(description["events"], written, strict=True):
        event["language"] = language
    return description


def codes_by_title():
    return {session.title_zh_hans: session.language_codes for session in Session.objects.all()}


@pytest.mark.parametrize("write", [as_json, as_xml])
def test_every_language_of_a_session_is_kept_in_its_order_and_none_stays_none(tmp_path, write):
    run_import(tmp_path, write(with_languages()), name="schedule.xml" if write is as_xml else "schedule.json")

    assert codes_by_title() == {
        "Vortrag 1": ["de", "en"],
        "Vortrag 2": ["en", "de"],
        "Vortrag 3": [],
        "Vortrag 4": ["de"],
    }


def test_languages_are_named_in_both_site_languages_and_a_session_without_one_names_none(tmp_path, client):
    run_import(tmp_path, as_json(with_languages()), "--make-current")
    both, none = (Session.objects.get(title_zh_hans=title) for title in ("Vortrag 1", "Vortrag 3"))

    english = client.get(f"/en/sessions/{both.slug}/").content.decode()
    chinese = client.get(f"/sessions/{both.slug}/").content.decode()
    without = client.get(f"/en/sessions/{none.slug}/").content.decode()

    assert "<dd>German, English</dd>" in english
    assert "<dd>德语、英语</dd>" in chinese
    assert "<dt>Language</dt>" not in without


def test_exports_write_the_languages_as_the_source_did_and_validate(tmp_path, client):
    run_import(tmp_path, as_json(with_languages()), "--make-current")

    exported, errors = frab_schema_errors(client)
    xml = client.get("/en/schedule/export/schedule.xml").content.decode()

    languages = {event["title"]: event["language"] for event in exported_events(exported).values()}
    assert languages == {"Vortrag 1": "de, en", "Vortrag 2": "en, de", "Vortrag 3": "", "Vortrag 4": "de"}
    assert "<language>de, en</language>" in xml
    assert errors == []


@pytest.mark.parametrize("write", [as_json, as_xml])
def test_the_export_of_languages_imports_back_the_same(tmp_path, client, write):
    run_import(tmp_path, write(with_languages()), "--make-current")
    before = codes_by_title()
    suffix = "xml" if write is as_xml else "json"
    exported = client.get(f"/en/schedule/export/schedule.{suffix}").content
    Session.objects.all().delete()

    run_import(tmp_path, exported, "--make-current", name=f"again.{suffix}")

    assert codes_by_title() == before


def test_the_programme_filters_by_any_of_a_sessions_languages(tmp_path, client):
    run_import(tmp_path, as_json(with_languages()), "--make-current")

    def titles(query):
        page = client.get(f"/en/schedule/?{query}")
        assert page.status_code == 200
        return sorted(session.title for session in page.context["object_list"])

    assert titles("language=de") == ["Vortrag 1", "Vortrag 2", "Vortrag 4"]
    assert titles("language=en") == ["Vortrag 1", "Vortrag 2"]
    assert titles("") == ["Vortrag 1", "Vortrag 2", "Vortrag 3", "Vortrag 4"]
    options = client.get("/en/schedule/").content.decode()
    assert '<option value="de">German</option>' in options
    assert '<option value="en">English</option>' in options


@pytest.mark.parametrize("value", ["fr", "<script>", "de" * 200, "%00"])
def test_a_language_the_programme_does_not_have_is_reported_on_the_form(tmp_path, client, value):
    run_import(tmp_path, as_json(with_languages()), "--make-current")

    page = client.get("/en/schedule/", {"language": value})

    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()


def test_exports_take_the_language_filter(tmp_path, client):
    run_import(tmp_path, as_json(with_languages()), "--make-current")

    document = client.get("/en/schedule/export/schedule.json?language=en").json()

    assert sorted(event["title"] for event in exported_events(document).values()) == [
        "Vortrag 1",
        "Vortrag 2",
    ]


def test_an_edition_in_one_language_offers_no_language_filter(client, conference):
    SessionFactory(conference=conference, languages=["zh"])
    SessionFactory(conference=conference, languages=[])

    page = client.get("/en/schedule/").content.decode()

    assert 'name="language"' not in page


def test_a_word_that_is_no_language_code_is_left_out_with_a_warning(tmp_path):
    output = run_import(tmp_path, as_json(with_languages(["de, deutsch!, en"])))

    assert codes_by_title() == {"Vortrag 1": ["de", "en"]}
    assert "“deutsch!” is not a language code; it was left out." in output


def test_a_file_with_other_languages_updates_the_session_and_the_same_file_changes_nothing(tmp_path):
    run_import(tmp_path, as_json(with_languages(["de, en"])))

    changed = run_import(tmp_path, as_json(with_languages(["en"])))
    again = run_import(tmp_path, as_json(with_languages(["en"])))

    assert codes_by_title() == {"Vortrag 1": ["en"]}
    assert "1 updated" in changed
    assert "0 updated, 1 unchanged" in again


def test_organisers_set_languages_as_codes_in_their_order(organiser_client, conference):
    room = RoomFactory(conference=conference)

    organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(conference, room, "2030-06-20 09:00", "2030-06-20 10:00", languages="ｅｎ，ｄｅ"),
    )

    assert Session.objects.get(slug="new-session").language_codes == ["en", "de"]


def test_a_new_session_starts_in_chinese_and_an_emptied_line_means_no_language(organiser_client, conference):
    session = SessionFactory(conference=conference, slug="held", languages=["de", "en"])
    add = organiser_client.get(reverse("admin:events_session_add")).content.decode()
    change = organiser_client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()
    form = session_form(
        conference, session.room, "2030-06-20 09:00", "2030-06-20 10:00", slug="held", languages=""
    )

    organiser_client.post(reverse("admin:events_session_change", args=[session.pk]), form)

    assert 'name="languages" value="zh"' in add
    assert 'name="languages" value="de, en"' in change
    assert Session.objects.get(slug="held").language_codes == []


def test_a_word_that_is_no_code_is_a_form_error_and_nothing_is_saved(organiser_client, conference):
    room = RoomFactory(conference=conference)

    response = organiser_client.post(
        reverse("admin:events_session_add"),
        session_form(conference, room, "2030-06-20 09:00", "2030-06-20 10:00", languages="zh, 中文"),
    )

    assert response.status_code == 200
    assert "“中文”不是语言代码" in response.content.decode()
    assert not Session.objects.filter(slug="new-session").exists()
    assert not SessionLanguage.objects.exists()


def test_the_back_office_lists_sessions_held_in_a_language(organiser_client, conference):
    SessionFactory(conference=conference, title_zh_hans="德语场", languages=["de"])
    SessionFactory(conference=conference, title_zh_hans="双语场", languages=["zh", "de"])
    SessionFactory(conference=conference, title_zh_hans="中文场", languages=["zh"])

    page = organiser_client.get(reverse("admin:events_session_changelist"), {"language": "de"})

    assert sorted(session.title_zh_hans for session in page.context["cl"].result_list) == ["双语场", "德语场"]
    assert '<a href="?language=de">德语</a>' in page.content.decode()
