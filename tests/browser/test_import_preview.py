"""An organiser imports a programme in the back office as a person would: picks the file, reads
the preview of what would change, and confirms; then drops a second upload instead."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from events.models import Conference, ProgrammeUpload, Session
from tests.events.frab_files import as_json, programme
from tests.factories import ConferenceFactory, SessionFactory, at

PASSWORD = "organiser-pass-2030"


@pytest.fixture
def organiser(transactional_db):
    # A superuser: a transactional test's flush removes the Organiser group a migration made.
    return get_user_model().objects.create_superuser("organiser", "organiser@example.org", PASSWORD)


def sign_in(visit):
    visit.goto("/admin/events/conference/import/")
    visit.page.fill("#id_username", "organiser")
    visit.page.fill("#id_password", PASSWORD)
    visit.page.click("input[type=submit]")


def test_an_organiser_previews_an_import_then_confirms_it(visit, organiser, tmp_path):
    description = programme(sessions=4)
    edition = ConferenceFactory(number=30, acronym=description["acronym"], is_current=True)
    SessionFactory(
        conference=edition, title_zh_hans=description["events"][1]["title"], start=at("2030-08-01 07:00")
    )
    path = tmp_path / "schedule.json"
    path.write_bytes(as_json(description))
    sign_in(visit)
    page = visit.page

    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="预览导入").click()

    expect(page.locator("h1")).to_have_text("导入预览")
    table = page.get_by_role("table", name="将发生的变化，及每项的前几个标题")
    created = table.get_by_role("row", name="新建")
    expect(created).to_contain_text("4")
    expect(created).to_contain_text(description["events"][0]["title"])
    expect(table.get_by_role("row", name="新议程与手工录入的议程同名，但时间或地点不同")).to_contain_text(
        description["events"][1]["title"]
    )
    assert Session.objects.filter(guid__isnull=False).count() == 0

    page.get_by_role("button", name="导入", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("新建 4 个")
    assert Session.objects.filter(conference=edition, guid__isnull=False).count() == 4
    assert ProgrammeUpload.objects.count() == 0
    assert visit.console_errors == []


def test_an_organiser_drops_an_upload_and_nothing_changes(visit, organiser, tmp_path):
    path = tmp_path / "schedule.json"
    path.write_bytes(as_json(programme(sessions=2)))
    sign_in(visit)
    page = visit.page

    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="预览导入").click()
    page.get_by_role("button", name="放弃该上传").click()

    expect(page.locator(".messagelist")).to_contain_text("已放弃该上传，未作任何更改。")
    expect(page.locator("h1")).to_have_text("导入会议日程")
    assert Conference.objects.count() == 0
    assert ProgrammeUpload.objects.count() == 0
