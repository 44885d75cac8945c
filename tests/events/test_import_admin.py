"""The programme import in the back office: an upload is checked and shown as a preview of
what would change, imported only when its uploader confirms, and dropped or expired otherwise."""

import datetime

import pytest
from django.core.files.storage import storages

from events.models import Conference, ProgrammeUpload, Session
from tests.factories import SessionFactory, at

from .frab_files import (
    as_json,
    in_two_languages,
    links_as_people_write_them,
    programme,
    run_import,
    upload,
    without_zone_name,
)

pytestmark = pytest.mark.django_db

IMPORT = "/admin/events/conference/import/"


def preview(client, data):
    """Upload a file; the preview page it leads to."""
    response = client.post(IMPORT, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response.url)


def confirm(client, page):
    """Confirm a preview; the page the back office lands on."""
    return client.post(page.request["PATH_INFO"], {"apply": "Import"}, follow=True)


def import_in_back_office(client, data):
    return confirm(client, preview(client, data))


def test_organisers_import_a_programme_in_the_back_office(organiser_client):
    page = organiser_client.get("/admin/events/conference/")
    assert f'href="{IMPORT}"' in page.content.decode()

    response = import_in_back_office(
        organiser_client,
        {"file": upload(as_json(programme(sessions=4))), "edition": "7", "make_current": "on"},
    )

    # The back office speaks Chinese.
    assert "新建 4 个，更新 0 个，未变 0 个，移除 0 个" in response.content.decode()
    assert Conference.objects.get(number=7).is_current
    assert Session.objects.count() == 4


def test_a_bad_upload_shows_its_problems_and_changes_nothing(organiser_client):
    description = programme(sessions=2)
    description["events"][0]["guid"] = "nope"

    response = organiser_client.post(IMPORT, {"file": upload(as_json(description))})

    content = response.content.decode()
    assert response.status_code == 200
    assert "文件未导入，未作任何更改。" in content
    assert "“nope”不是有效的 GUID。" in content
    assert Conference.objects.count() == 0


def test_staff_without_the_programme_permissions_cannot_import(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="pw-long-enough", is_staff=True)
    client.force_login(staff)

    response = client.post(IMPORT, {"file": upload(as_json(programme()))})

    assert response.status_code == 403
    assert Session.objects.count() == 0


@pytest.mark.parametrize(("edition", "content"), [("abc", None), ("0", None), ("", b"")])
def test_a_bad_edition_number_or_an_empty_file_is_a_form_error_in_the_back_office(
    organiser_client, edition, content
):
    data = {"file": upload(as_json(programme()) if content is None else content), "edition": edition}

    response = organiser_client.post(IMPORT, data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Session.objects.count() == 0


def test_organisers_import_the_english_programme_in_the_back_office(organiser_client, tmp_path):
    chinese, english = in_two_languages()
    run_import(tmp_path, as_json(chinese))

    page = organiser_client.get(IMPORT)
    response = import_in_back_office(organiser_client, {"file": upload(as_json(english)), "language": "en"})

    assert 'name="language"' in page.content.decode()
    assert "新建 0 个，更新 4 个" in response.content.decode()
    assert Session.objects.get(guid=english["events"][0]["guid"]).title_en == "Talk 1"


def test_an_unknown_language_is_a_form_error_in_the_back_office(organiser_client):
    response = organiser_client.post(IMPORT, {"file": upload(as_json(programme())), "language": "fr"})

    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    assert Session.objects.count() == 0


def test_json_nested_too_deeply_is_a_form_error_in_the_back_office(organiser_client):
    response = organiser_client.post(IMPORT, {"file": upload(b'{"schedule": ' * 100_000)})

    assert response.status_code == 200
    assert "文档嵌套层级过深" in response.content.decode()
    assert Conference.objects.count() == 0


# Nesting just under and over the interpreter's recursion limit, at the top and inside a value.
NESTED = {
    "lists": lambda depth: "[" * depth + "]" * depth,
    "objects": lambda depth: '{"a":' * depth + "1" + "}" * depth,
    "in the days": lambda depth: '{"schedule": {"conference": {"days": ' + "[" * depth + "]" * depth + "}}}",
    "in the title": lambda depth: (
        '{"schedule": {"conference": {"title": ' + '{"a":' * depth + "1" + "}" * depth + "}}}"
    ),
}


@pytest.mark.parametrize("depth", [900, 995, 1200])
@pytest.mark.parametrize("shape", NESTED)
def test_json_nested_near_the_limit_is_a_form_error_never_a_500(organiser_client, shape, depth):
    response = organiser_client.post(IMPORT, {"file": upload(NESTED[shape](depth).encode())})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Conference.objects.count() == 0


def test_the_back_office_shows_what_was_repaired_or_left_out(organiser_client):
    page = preview(
        organiser_client, {"file": upload(as_json(links_as_people_write_them(programme(sessions=3))))}
    )
    response = confirm(organiser_client, page)

    content = response.content.decode()
    assert Session.objects.count() == 3
    assert "“javascript:alert(1)”不是网址（http 或 https），已略去。" in page.content.decode()
    assert "“javascript:alert(1)”不是网址（http 或 https），已略去。" in content
    assert "“programme.example.net/talk/1”已按 https://programme.example.net/talk/1 处理。" in content


def test_the_back_office_import_takes_a_time_zone(organiser_client):
    form = organiser_client.get(IMPORT).content.decode()
    assert 'name="time_zone"' in form

    import_in_back_office(
        organiser_client,
        {"file": upload(without_zone_name(programme(sessions=2), naive=True)), "time_zone": "Asia/Shanghai"},
    )

    assert Conference.objects.get().time_zone == "Asia/Shanghai"
    assert Session.objects.count() == 2


def outcomes(page):
    """{label: (count, [first titles])} of a preview page."""
    return {label: (count, list(titles)) for label, count, titles, _more in page.context["outcomes"]}


def test_the_preview_says_what_would_change_and_nothing_changes_until_confirmed(organiser_client):
    page = preview(organiser_client, {"file": upload(as_json(programme(sessions=12)), "talks.json")})

    content = page.content.decode()
    assert page.status_code == 200
    assert Session.objects.count() == 0 and Conference.objects.count() == 0
    created = outcomes(page)["新建"]
    assert created[0] == 12
    assert len(created[1]) == 10
    assert set(created[1]) < {f"Vortrag {number}" for number in range(1, 13)}
    assert "还有 2 个" in content
    assert "talks.json" in content
    assert "尚未作任何更改。" in content

    response = confirm(organiser_client, page)

    assert response.redirect_chain[-1][0] == "/admin/events/conference/"
    assert Session.objects.count() == 12
    assert ProgrammeUpload.objects.count() == 0


def test_the_preview_of_a_changed_file_lists_moves_and_cancellations(tmp_path, organiser_client):
    description = programme(sessions=4)
    run_import(tmp_path, as_json(description))
    moved = description["events"][0]
    moved["date"] = moved["date"].replace("T10:00", "T16:00")
    dropped = description["events"].pop()

    found = outcomes(preview(organiser_client, {"file": upload(as_json(description))}))

    assert found["移动或换会议室"] == (1, [moved["title"]])
    assert found["已取消：文件中已没有"] == (1, [dropped["title"]])
    assert Session.objects.get(title_zh_hans=moved["title"]).start.hour != 16


def test_the_preview_shows_sessions_made_by_hand_it_takes_and_would_be_duplicates(
    organiser_client, conference
):
    description = programme(sessions=3)
    conference.acronym = description["acronym"]
    conference.save()
    first, second = description["events"][:2]
    room = conference.rooms.create(name_zh_hans=first["room"], name=first["room"])
    SessionFactory(
        conference=conference,
        room=room,
        title_zh_hans=first["title"],
        start=datetime.datetime.fromisoformat(first["date"]),
    )
    # The same title as the file's second session, but an hour earlier: maybe the same talk.
    SessionFactory(conference=conference, title_zh_hans=second["title"], start=at("2030-08-01 08:00"))

    found = outcomes(preview(organiser_client, {"file": upload(as_json(description))}))

    assert found["按手工录入的议程认领（标题、开始时间、会议室相同）"] == (1, [first["title"]])
    assert found["新议程与手工录入的议程同名，但时间或地点不同"] == (1, [second["title"]])
    assert found["新建"][0] == 2


def test_a_double_confirmation_imports_once(organiser_client):
    page = preview(organiser_client, {"file": upload(as_json(programme(sessions=3)))})
    stored = ProgrammeUpload.objects.get().file.name

    confirm(organiser_client, page)
    again = confirm(organiser_client, page)

    assert Session.objects.count() == 3
    assert "该上传已导入、已放弃或已过期" in again.content.decode()
    assert not storages["private"].exists(stored)


def test_an_upload_is_only_its_uploaders(organiser_client, client, django_user_model):
    page = preview(organiser_client, {"file": upload(as_json(programme(sessions=3)))})
    other = django_user_model.objects.create_superuser("other", password="pw-long-enough-2030")
    client.force_login(other)

    seen = client.get(page.request["PATH_INFO"])
    confirmed = confirm(client, page)
    dropped = client.post(page.request["PATH_INFO"], {"discard": "1"})

    assert seen.status_code == 302
    assert "该上传已导入、已放弃或已过期" in confirmed.content.decode()
    assert dropped.status_code == 302
    assert Session.objects.count() == 0
    assert ProgrammeUpload.objects.count() == 1


def test_dropping_an_upload_deletes_its_file_and_changes_nothing(organiser_client):
    page = preview(organiser_client, {"file": upload(as_json(programme(sessions=3)))})
    stored = ProgrammeUpload.objects.get().file.name
    assert storages["private"].exists(stored)

    response = organiser_client.post(page.request["PATH_INFO"], {"discard": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == IMPORT
    assert "已放弃该上传，未作任何更改。" in response.content.decode()
    assert not storages["private"].exists(stored)
    assert ProgrammeUpload.objects.count() == 0 and Session.objects.count() == 0


def test_an_expired_upload_cannot_be_confirmed_and_goes_with_the_next_upload(organiser_client):
    page = preview(organiser_client, {"file": upload(as_json(programme(sessions=3)))})
    expired = ProgrammeUpload.objects.get()
    ProgrammeUpload.objects.update(created=expired.created - datetime.timedelta(hours=3))

    response = confirm(organiser_client, page)
    preview(organiser_client, {"file": upload(as_json(programme(sessions=2)))})

    assert "该上传已导入、已放弃或已过期" in response.content.decode()
    assert Session.objects.count() == 0
    assert not storages["private"].exists(expired.file.name)
    assert list(ProgrammeUpload.objects.values_list("report__created", flat=True)) == [2]


@pytest.mark.parametrize("path", ["00000000-0000-0000-0000-000000000000/", "not-a-uuid/", "%00/"])
def test_an_unknown_or_malformed_upload_address_is_no_error(organiser_client, path):
    seen = organiser_client.get(IMPORT + path)
    posted = organiser_client.post(IMPORT + path, {"apply": "1"})

    assert seen.status_code in (302, 404)
    assert posted.status_code in (302, 404)


def test_a_file_the_edition_no_longer_takes_at_confirmation_changes_nothing(organiser_client):
    page = preview(organiser_client, {"file": upload(as_json(programme(sessions=3))), "edition": "5"})
    # Meanwhile another edition took the file's acronym.
    Conference.objects.create(
        number=6, name="Other", start_date="2030-08-01", end_date="2030-08-01", acronym=programme()["acronym"]
    )

    response = confirm(organiser_client, page)

    assert "文件未导入，未作任何更改。" in response.content.decode()
    assert Session.objects.count() == 0
    assert ProgrammeUpload.objects.count() == 1


def test_the_uploaded_file_is_kept_privately(organiser_client, settings):
    preview(organiser_client, {"file": upload(as_json(programme(sessions=1)))})

    stored = ProgrammeUpload.objects.get().file
    assert stored.storage is not None
    assert storages["private"].exists(stored.name)
    assert not storages["default"].exists(stored.name)
