"""Spec sheets live in the private store and are served by the site to whoever may read them:
anyone once the listing is public; before, its company's team and the organisers."""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from exhibitors.enums import EquipmentStatus
from tests.factories import EquipmentFactory, ExhibitorFactory
from tests.utils import close_file, member_client, pdf_bytes

pytestmark = pytest.mark.django_db


def status(client, url, method="get"):
    """The answer's status, its file closed (a test reads no body)."""
    response = getattr(client, method)(url)
    close_file(response)
    return response.status_code


def with_spec_sheet(**fields):
    equipment = EquipmentFactory(**fields)
    equipment.spec_sheet.save("spec.pdf", ContentFile(pdf_bytes()))
    return equipment


def test_a_public_listings_spec_sheet_is_served_to_anyone_kept_out_of_shared_caches(client, conference):
    equipment = with_spec_sheet(exhibitor__conference=conference)

    response = client.get(equipment.spec_sheet.url)

    assert equipment.spec_sheet.url.startswith("/private-media/equipment/specs/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_equipment_page_links_to_the_sites_address_of_its_spec_sheet(client, conference):
    equipment = with_spec_sheet(exhibitor__conference=conference)

    page = client.get(equipment.get_absolute_url())

    assert f'href="{equipment.spec_sheet.url}"' in page.content.decode()


def test_the_file_is_not_in_the_public_media_folder(conference, settings):
    equipment = with_spec_sheet(exhibitor__conference=conference)

    assert not default_storage.exists(equipment.spec_sheet.name)
    assert not (Path(settings.MEDIA_ROOT) / equipment.spec_sheet.name).exists()


@pytest.mark.parametrize("listing", [EquipmentStatus.DRAFT, EquipmentStatus.SUBMITTED])
def test_a_listing_not_yet_public_keeps_its_spec_sheet_from_visitors_and_other_companies(
    client, conference, listing
):
    equipment = with_spec_sheet(exhibitor__conference=conference, status=listing)
    rival = member_client(ExhibitorFactory(conference=conference), "rival@example.com")

    assert status(client, equipment.spec_sheet.url) == 404
    assert status(rival, equipment.spec_sheet.url) == 404


def test_a_listing_not_yet_public_shows_its_spec_sheet_to_its_team(conference):
    equipment = with_spec_sheet(exhibitor__conference=conference, status=EquipmentStatus.DRAFT)
    team = member_client(equipment.exhibitor, "li@acme.example")

    assert status(team, equipment.spec_sheet.url) == 200


def test_a_listing_not_yet_public_shows_its_spec_sheet_to_organisers(organiser_client, conference):
    equipment = with_spec_sheet(exhibitor__conference=conference, status=EquipmentStatus.SUBMITTED)

    assert status(organiser_client, equipment.spec_sheet.url) == 200


def test_staff_without_the_permission_is_refused(client, conference):
    equipment = with_spec_sheet(exhibitor__conference=conference, status=EquipmentStatus.SUBMITTED)
    client.force_login(get_user_model().objects.create_user("desk", is_staff=True))

    assert client.get(equipment.spec_sheet.url).status_code == 404


@pytest.mark.parametrize(
    "name", ["equipment/specs/nothing.pdf", "../portal/settings.py", "equipment/specs/../../x", "%00"]
)
def test_unknown_or_hostile_names_are_404(client, conference, name):
    with_spec_sheet(exhibitor__conference=conference)

    assert client.get(f"/private-media/{name}").status_code in (400, 404)


def test_a_file_missing_from_the_store_is_404_not_500(client, conference):
    equipment = with_spec_sheet(exhibitor__conference=conference)
    storages["private"].delete(equipment.spec_sheet.name)

    assert client.get(equipment.spec_sheet.url).status_code == 404


def test_only_get_and_head(client, conference):
    equipment = with_spec_sheet(exhibitor__conference=conference)

    assert client.post(equipment.spec_sheet.url).status_code == 405
    assert status(client, equipment.spec_sheet.url, "head") == 200


def test_the_migration_moves_earlier_spec_sheets_out_of_the_public_folder(conference):
    equipment = EquipmentFactory(exhibitor__conference=conference)
    name = default_storage.save("equipment/specs/old.pdf", ContentFile(pdf_bytes()))
    type(equipment).objects.filter(pk=equipment.pk).update(spec_sheet=name)
    migration = __import__("exhibitors.migrations.0006_private_spec_sheets", fromlist=["x"])

    migration.move_to_private_storage(apps, None)

    assert not default_storage.exists(name)
    with storages["private"].open(name) as moved:
        assert moved.read() == pdf_bytes()
